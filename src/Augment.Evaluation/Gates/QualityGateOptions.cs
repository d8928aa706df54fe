using Augment.Evaluation.Identity;

namespace Augment.Evaluation.Gates;

/// <summary>
/// The bars a generator must clear before its faces may feed a classifier (issue 12): edits must read as their
/// target nearly as often as real faces do, intensity must steer the expression in every class, and an edit must
/// still look like its own person far more often than chance.
/// </summary>
public sealed record QualityGateOptions
{
    /// <summary>Edit accuracy at intensity 1 must be at least this times the judge's accuracy on the real held-out faces.</summary>
    public double EditAccuracyRatio { get; init; } = 0.9;

    /// <summary>Spearman between requested intensity and P(target) must be at least this in every class.</summary>
    public double MinSpearman { get; init; } = 0.8;

    /// <summary>Which Spearman the intensity gate reads (<see cref="Gates.IntensityReading"/>).</summary>
    public IntensityReading IntensityReading { get; init; } = IntensityReading.PerFace;

    /// <summary>Nearest-face share must be at least this times the real-image ceiling ...</summary>
    public double IdentityCeilingRatio { get; init; } = 0.6;

    /// <summary>... and at least this times chance.</summary>
    public double IdentityChanceRatio { get; init; } = 5;

    /// <summary>The feature space of the identity gate (phi: the measure least moved by brightness and pose of pixels).</summary>
    public string IdentityFeatures { get; init; } = FeatureSpaces.Phi;

    /// <summary>The edit intensity of the identity gate: full intensity, where identity is hardest to keep.</summary>
    public float IdentityIntensity { get; init; } = 1f;

    public QualityGateOptions Validated()
    {
        if (!(EditAccuracyRatio >= 0) || !(MinSpearman is >= -1 and <= 1) || !(IdentityCeilingRatio >= 0) || !(IdentityChanceRatio >= 0))
            throw new ArgumentException($"Gate thresholds out of range: {this}.");
        if (IdentityIntensity is < 0 or > 1) throw new ArgumentException($"IdentityIntensity must be in [0, 1], got {IdentityIntensity}.");
        return this;
    }
}
