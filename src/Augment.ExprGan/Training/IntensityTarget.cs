namespace Augment.ExprGan.Training;

/// <summary>
/// How the identity-preserving design trains intensity: which intensities edits are drawn at and what the auxiliary
/// classifier is asked to read from them (docs/identity-preserving.md, "Intensity").
/// </summary>
public enum IntensityTarget
{
    /// <summary>z_y ~ U(-1, 1) per dim, as the paper; cross-entropy against the target weighted by the mean |z_y|.</summary>
    Weighted,

    /// <summary>As <see cref="Weighted"/>, but P(target) is asked to equal the intensity (binary cross-entropy).</summary>
    Graded,

    /// <summary>
    /// One intensity s for all dims, as edits are asked for at use (half the edits at s = 1, the rest s ~ U(0, 1));
    /// the classifier is asked for s x the target + (1 - s) x uniform over the classes, so s = 0 is trained as "no
    /// expression" (equally far from every class) and s grades the edit in between. The per-dim prior never shows a
    /// code near 0 or 1 (its mean |z_y| stays near 0.5): edits then saturated by 0.5 and intensity 0 was untrained.
    /// </summary>
    Mixture,
}
