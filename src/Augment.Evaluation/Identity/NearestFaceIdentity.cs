namespace Augment.Evaluation.Identity;

/// <summary>
/// Nearest-face identification of the edits at one intensity in one feature space: the share whose nearest real
/// held-out image (own sequence left out) is the source's subject, overall and per target; chance (a random pick
/// among the same candidates); and the ceiling, the same measure for the real images themselves.
/// </summary>
public sealed record NearestFaceShare(string Features, float Intensity, double Share, double[] PerTarget, double Chance, double Ceiling, int Edits);

/// <summary>
/// Mean cosine similarity and Euclidean distance between edits of different people into the same target at one
/// intensity (pairs pooled over targets), beside the same means over real images of different people.
/// </summary>
public sealed record SameTargetSpread(string Features, float Intensity, double EditCosine, double EditDistance, long EditPairs,
    double RealCosine, double RealDistance, long RealPairs);

/// <summary>3b/3c. The identity measure that can fail: nearest-face shares and the spread of edits across people.</summary>
public sealed record NearestFaceIdentity(string SequenceRule, int Sources, int EligibleSources, int Subjects,
    IReadOnlyList<FeatureSpace> Spaces, IReadOnlyList<NearestFaceShare> Shares, IReadOnlyList<SameTargetSpread> Spread)
{
    /// <summary>The share in one space at one intensity (throws when it was not measured).</summary>
    public NearestFaceShare Share(string features, float intensity) =>
        Shares.FirstOrDefault(s => s.Features == features && Math.Abs(s.Intensity - intensity) < 1e-6)
        ?? throw new ArgumentException($"No nearest-face share for {features} at intensity {intensity}: measured " +
            $"{string.Join(", ", Shares.Select(s => $"{s.Features}@{s.Intensity}"))}.");
}
