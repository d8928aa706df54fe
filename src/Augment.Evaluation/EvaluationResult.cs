using Augment.Evaluation.Gates;
using Augment.Evaluation.Identity;

namespace Augment.Evaluation;

/// <summary>1. Share of intensity-1 edits the judge labels as their target; the judge on the real test faces for reference.</summary>
/// <param name="ReadAs">Intensity-1 edits by target (rows) and the judge's class (columns), as shares of each row: where
/// the edits that miss go.</param>
public sealed record EditAccuracy(double Overall, double[] PerTarget, int Edits, double RealOverall, double[] RealPerClass, double Chance,
    double[][] ReadAs);

/// <summary>
/// 2. The judge's probability of the target vs the requested intensity: mean per class and level, Spearman per class
/// (all edits into that class pooled) and its mean over classes. Real: Spearman between the true intensity and the
/// judge's probability of the true class on real test faces (null without ground-truth intensities).
/// </summary>
public sealed record IntensityControl(float[] Intensities, double[][] MeanProbability, double[] MeanProbabilityAllClasses,
    double[] Spearman, double MeanSpearman, double[]? RealSpearman, double? RealMeanSpearman)
{
    /// <summary>
    /// Per class, the mean over faces of each face's own ρ between requested intensity and P(target) (faces whose P does
    /// not vary are left out). A diagnostic beside the pooled ρ the gate reads: high here and low pooled means every face
    /// ramps, but at different points or from different starting readings. Null when not measured.
    /// </summary>
    public double[]? PerFaceSpearman { get; init; }

    /// <summary>
    /// Per class, <see cref="PerFaceSpearman"/> over the faces whose own class is the target only: a source already
    /// showing the target has to lose it at intensity 0 and draw it back, and a reading stuck at certainty there
    /// (the source's expression surviving every intensity) counts 0. Null when not measured.
    /// </summary>
    public double[]? PerFaceSpearmanOwnClass { get; init; }

    /// <summary>
    /// Per class, the judge's mean probability on the held-out faces' true neutral versions (the procedural faces,
    /// re-rendered at intensity 0): what P(target) at intensity 0 reads for a generator whose intensity 0 is exactly
    /// the neutral face. The judge knows no neutral class, so this is where its reading of "no expression" lands. Null
    /// when the data set cannot render neutral faces.
    /// </summary>
    public double[]? NeutralReading { get; init; }
}

/// <summary>
/// 3. One identity measure (phi or z): mean cosine of intensity-1 edits to their input, the median cosine between
/// different test subjects, the share of edits above that median (all targets, and targets other than the input's
/// own class), and the share of real same-subject pairs above it (NaN when no subject has two images).
/// </summary>
public sealed record IdentityMeasure(string Name, string Description, double MeanSimilarity, double DifferentSubjectMedian,
    double ShareAbove, double ShareAboveOtherExpression, double RealSameSubjectShare, int Edits);

/// <summary>4. G(E(x), c_true) vs x on the real test faces (means over images; PSNR is +inf when every image is exact).</summary>
public sealed record Reconstruction(double L1, double Psnr, double Ssim, int Images, string CodeSource);

/// <summary>
/// 5a. Intensity read back from the edits by per-class probes trained on real images: mean |requested - recovered| over
/// all levels and within the range the probes were trained on, the mean recovered value per level, and the same
/// probes' error on the real test faces (the floor).
/// </summary>
public sealed record IntensityRecovery(double EditMae, double EditMaeInTrainedRange, float TrainedMin, float TrainedMax,
    double[] MeanRecoveredPerLevel, double EditSpearman, double RealMae, int Edits);

/// <summary>5b. Share of intensity-1 edits (and of real test faces) the identity probe assigns to their own subject.</summary>
public sealed record IdentityAccuracy(double EditShare, double EditShareOtherExpression, double RealShare, int Candidates, double Chance);

/// <summary>Everything the evaluation measured on the held-out faces.</summary>
public sealed record EvaluationResult(
    IReadOnlyList<string> ClassNames, int TestImages, int TestSubjects,
    EditAccuracy Accuracy, IntensityControl Intensity, IdentityMeasure PhiIdentity, IdentityMeasure ZIdentity,
    Reconstruction Reconstruction, IntensityRecovery? IntensityRecovery, IdentityAccuracy? IdentityAccuracy)
{
    /// <summary>3b/3c. Nearest-face identification and the spread of edits across people (null when not measured).</summary>
    public NearestFaceIdentity? NearestFace { get; init; }

    /// <summary>The quality gates checked on these numbers (null when not checked).</summary>
    public QualityGateReport? Gates { get; init; }
}
