namespace Augment.Data.Splits;

/// <summary>One class's images on each side of one split.</summary>
public sealed record ClassSideCounts(string ClassName, string Split, int Train, int Test)
{
    public override string ToString() => Test < 0 ? $"{ClassName}: {Train} images ({Split})" : $"{ClassName}: {Train} train / {Test} test images ({Split})";
}

/// <summary>
/// Refuses classes a model cannot learn or a test cannot score: a class with fewer than <see cref="MinTrain"/> training
/// images or no test image on some split gives a GAN that cannot render it, a classifier that never predicts it, NaN
/// per-class accuracy and a macro-F1 that counts it. Callers refuse by default and drop such classes only when asked,
/// saying so in every report (<see cref="DropDegenerate"/>).
/// </summary>
public static class ClassCheck
{
    /// <summary>Fewest training images per class: one image cannot be split into batches nor learnt beyond memorising.</summary>
    public const int MinTrain = 2;

    /// <summary>Classes with too few images on either side of any split (test side ignored where there is no split).</summary>
    public static IReadOnlyList<ClassSideCounts> Degenerate(FaceSet set, IReadOnlyList<SplitResult> splits)
    {
        var problems = new List<ClassSideCounts>();
        if (splits.Count == 0)
        {
            var counts = set.ClassCounts();
            for (int k = 0; k < set.ClassCount; k++)
                if (counts[k] < MinTrain) problems.Add(new(set.ClassNames[k], "no split", counts[k], -1));
            return problems;
        }
        foreach (var split in splits)
            for (int k = 0; k < set.ClassCount; k++)
            {
                int train = split.Train.Count(i => set.Labels[i] == k), test = split.Test.Count(i => set.Labels[i] == k);
                if (train < MinTrain || test < 1) problems.Add(new(set.ClassNames[k], split.Description, train, test));
            }
        return problems;
    }

    /// <summary>The refusal message: every degenerate class with its counts, and the way out.</summary>
    public static string Message(string dataset, IReadOnlyList<ClassSideCounts> problems, string dropOption) =>
        $"{dataset}: {problems.Select(p => p.ClassName).Distinct().Count()} class(es) have too few images " +
        $"(need at least {MinTrain} training and 1 test image per class): {string.Join("; ", problems)}. " +
        $"Fix the data, choose classes with --classes, or pass {dropOption} to leave these classes out (every report will say so).";

    /// <summary>The set without the named classes (labels renumbered, class order kept).</summary>
    public static FaceSet Without(FaceSet set, IReadOnlyCollection<string> drop)
    {
        var keep = set.ClassNames.Where(c => !drop.Contains(c)).ToList();
        var map = set.ClassNames.Select(c => keep.IndexOf(c)).ToArray();
        var rows = Enumerable.Range(0, set.Count).Where(i => map[set.Labels[i]] >= 0).ToArray();
        using var subset = set.Subset(rows);
        return new FaceSet(set.Name, subset.Images.clone(), rows.Select(i => map[set.Labels[i]]).ToArray(), keep,
            subset.Subjects, subset.Intensities, subset.Sources, subset.SplitTags);
    }
}
