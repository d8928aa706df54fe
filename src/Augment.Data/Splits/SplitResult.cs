namespace Augment.Data.Splits;

/// <summary>
/// Train and test rows of one face set. SubjectIndependent is false when the set has no (or partial) subject
/// labels and the split had to fall back to an image split: then the description says so and results must be
/// read as optimistic.
/// </summary>
public sealed record SplitResult(int[] Train, int[] Test, string Description, bool SubjectIndependent)
{
    /// <summary>The fold number (0-based) for k-fold splits, else null.</summary>
    public int? Fold { get; init; }

    public override string ToString() => $"{Description}: {Train.Length} train / {Test.Length} test images";
}

public static class FaceSetSplitExtensions
{
    /// <summary>The two subsets of a split (new sets; dispose them).</summary>
    public static (FaceSet Train, FaceSet Test) Split(this FaceSet set, SplitResult split)
    {
        SubjectSplitter.Verify(set, split);
        return (set.Subset(split.Train, set.Name + "-train"), set.Subset(split.Test, set.Name + "-test"));
    }
}
