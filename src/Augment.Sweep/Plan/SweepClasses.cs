using Augment.Core;
using Augment.Data;
using Augment.Data.Splits;

namespace Augment.Sweep.Plan;

/// <summary>
/// Checks a sweep's classes on the splits it will use before anything is trained or written: a class with too few
/// images on a side is refused (naming the class and its counts), or dropped when the options say so, recorded in
/// <see cref="SweepOptions.DroppedClasses"/> for every report.
/// </summary>
public static class SweepClasses
{
    public const string DropOption = "--drop-degenerate-classes";

    /// <summary>The seed of every sweep's subject split (and of its <see cref="LowDataRegime"/> choice).</summary>
    public const int SplitSeed = 1;

    /// <summary>The sweep's splits: k folds or one hold-out by subject, each training side cut to
    /// <see cref="SweepOptions.TrainSubjects"/> subjects when set (test sides unchanged).</summary>
    public static IReadOnlyList<SplitResult> Splits(FaceSet set, SweepOptions o)
    {
        IReadOnlyList<SplitResult> splits = o.Folds is { } k ? SubjectSplitter.KFold(set, k, SplitSeed) : [SubjectSplitter.HoldOut(set, o.HoldoutFraction, SplitSeed)];
        return o.TrainSubjects is { } n
            ? splits.Select((s, i) => LowDataRegime.Restrict(set, s, n, Seeding.Derive(SplitSeed, "train-subjects", i))).ToArray()
            : splits;
    }

    /// <summary>The set to sweep and the options recording what was dropped; throws ArgumentException when refused.</summary>
    public static (FaceSet Set, SweepOptions Options) Check(FaceSet set, SweepOptions o)
    {
        var problems = ClassCheck.Degenerate(set, Splits(set, o));
        if (problems.Count == 0) return (set, o);
        if (!o.DropDegenerateClasses) throw new ArgumentException(ClassCheck.Message(set.Name, problems, DropOption));
        var drop = problems.Select(p => p.ClassName).Distinct().ToList();
        var reduced = ClassCheck.Without(set, drop);
        set.Dispose();
        var left = ClassCheck.Degenerate(reduced, Splits(reduced, o));
        if (left.Count > 0 || reduced.ClassCount < 2)
            throw new ArgumentException(ClassCheck.Message(reduced.Name, left, DropOption) + $" ({reduced.ClassCount} classes left after dropping {string.Join(", ", drop)}.)");
        return (reduced, o with { DroppedClasses = problems.Select(p => p.ToString()).ToList() });
    }
}
