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

    public static IReadOnlyList<SplitResult> Splits(FaceSet set, SweepOptions o) =>
        o.Folds is { } k ? SubjectSplitter.KFold(set, k, seed: 1) : [SubjectSplitter.HoldOut(set, o.HoldoutFraction, seed: 1)];

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
