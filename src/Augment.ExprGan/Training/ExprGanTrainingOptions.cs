namespace Augment.ExprGan.Training;

/// <summary>
/// Weights of the generator loss L = Pixel*L1 + Identity*L_id + Q*L_Q + AdversarialImage*L_adv_img
/// + AdversarialZ*L_adv_z + TotalVariation*L_tv for one stage; the identity-preserving design adds Cycle*L_cycle
/// (edit to a random target, then back to the source's class, against the input), Mask*mean(keep) (the mask would
/// otherwise keep every input pixel and edit nothing), MaskSmoothness*TV(keep) and Classification*L_cls (the auxiliary
/// classifier's cross-entropy of the edit against its target, weighted by the requested intensity).
/// </summary>
public sealed record LossWeights(float Pixel, float Identity, float Q, float AdversarialImage, float AdversarialZ, float TotalVariation,
    float Cycle = 0, float Mask = 0, float MaskSmoothness = 0, float Classification = 0)
{
    /// <summary>Stage 1 (controller learning): the decoder learns from the prior with D_img and Q only.</summary>
    public static LossWeights ControllerLearning { get; } = new(0, 0, 1, 1, 0, 0);

    /// <summary>
    /// Stage 2 (image reconstruction): L1 + identity + Q, adversarial weights 0. Q at 0.1, not the paper's 1:
    /// measured on CK+48, Q at 1 here let Q read intensity from faint stripes the decoder painted in
    /// (steganography) and L1 stalled at 0.33; at 0.1 it trained normally (docs/exprgan-reference.md).
    /// </summary>
    public static LossWeights ImageReconstruction { get; } = new(1, 1, 0.1f, 0, 0, 0.001f);

    /// <summary>Stage 3 (refining): the paper's weights (id 1, adv 0.01, tv 0.001) with Q at 0.1 for the same reason.</summary>
    public static LossWeights ImageRefining { get; } = new(1, 1, 0.1f, 0.01f, 0.01f, 0.001f);

    public LossWeights Validated(string stage)
    {
        float[] all = [Pixel, Identity, Q, AdversarialImage, AdversarialZ, TotalVariation, Cycle, Mask, MaskSmoothness, Classification];
        if (all.Any(w => !(w >= 0) || float.IsInfinity(w))) throw new ArgumentException($"Loss weights of {stage} must be finite and >= 0: {this}.");
        return this;
    }
}

/// <summary>How to train: epochs per stage, batch, Adam settings, seed, augmentation and loss weights per stage.</summary>
/// <param name="Epochs">Epochs of stage 1 (controller learning), 2 (reconstruction), 3 (refining).</param>
/// <param name="GridImages">Inputs shown in the epoch-end image grid.</param>
public sealed record ExprGanTrainingOptions(
    int[] Epochs, int BatchSize = 48, double LearningRate = 2e-4, double Beta1 = 0.5, double Beta2 = 0.999, int Seed = 1,
    double FlipProbability = 0.5, LossWeights? Stage1 = null, LossWeights? Stage2 = null, LossWeights? Stage3 = null,
    int GridImages = 8)
{
    /// <summary>Identity-preserving design: how edits are asked for an intensity (<see cref="Training.IntensityTarget"/>).</summary>
    public IntensityTarget IntensityTarget { get; init; }

    /// <summary>
    /// Mixture target only: the share of edits drawn at intensity 1 (the rest U(0, 1)). Lower trains more of the ramp,
    /// higher more full-strength edits.
    /// </summary>
    public double FullIntensityShare { get; init; } = 0.5;

    /// <summary>
    /// Mixture target only: the share of edits drawn at intensity 0 exactly (taken from the uniform part), where the
    /// classifier asks for no expression. U(0, 1) alone almost never draws a code near 0, so the source's own
    /// expression can survive there. Measured worse on the procedural preset (results/procedural/exprgan-ip-skip-32,
    /// "Session 23"). Left out of the serialised options when 0, so cache keys and run files without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double ZeroIntensityShare { get; init; }

    /// <summary>
    /// Arithmetic of the training step (<see cref="TrainingPrecision"/>). Left out of the serialised options when
    /// float32, so cache keys and run files without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public TrainingPrecision Precision { get; init; }

    /// <summary>
    /// Identity-preserving design: penalise |mask logit| beyond this value (mean excess, weight 1), so the mask cannot
    /// settle where the sigmoid's gradient vanishes (every pixel kept: the edit is the input). Null: no penalty.
    /// </summary>
    public float? MaskLogitCap { get; init; }

    /// <summary>
    /// Identity-preserving design: weight the auxiliary classifier's cross-entropy on real faces by inverse class
    /// frequency (<see cref="ClassWeights"/>), so rare classes (CK+48: fear 75, sadness 84 of 927 images) count as much
    /// as common ones in what the edits are pushed towards. Left out of the serialised options when off, so the cache
    /// keys and run files of runs that never had it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool BalanceClasses { get; init; }

    /// <summary>
    /// Decay of an exponential moving average of the generator's weights over stage 3, written as the run's generator
    /// (<see cref="GeneratorAverage"/>); e.g. 0.99 averages over about the last 100 steps. Null: the last step's
    /// weights. Left out of the serialised options when off, so cache keys and run files without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? GeneratorAverageDecay { get; init; }

    /// <summary>
    /// Identity-preserving design: reconstruct each face (and send each edit back, the cycle) at the intensity its data
    /// set labels it with, not at 1. CK+ peak frames are full expressions, but the procedural faces' intensities are
    /// spread over [0.3, 1]: asked to call every one of them intensity 1, the generator learns that intensity 1 means
    /// "as strong as the input already is", and edits at 1 stay faint. Needs a data set with intensity labels. Left
    /// out of the serialised options when off, so cache keys and run files without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReconstructAtLabelledIntensity { get; init; }

    /// <summary>
    /// Identity-preserving design, mixture target: the auxiliary classifier learns each real face's class softened by
    /// its labelled intensity s (s x class + (1 - s) x uniform, the same reading the edits are asked for) instead of a
    /// hard label. Trained on hard labels it is confident at any intensity, so a faint edit already satisfies the
    /// target at intensity 1; calibrated, an edit at 1 must look as strong as the data's strongest faces. Needs
    /// intensity labels; left out of the serialised options when off.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ClassifyAtLabelledIntensity { get; init; }

    /// <summary>
    /// Identity-preserving design: D_img and the auxiliary classifier see every face, real or edited, through
    /// <see cref="Training.DifferentiableAugmentation"/> (brightness, contrast, translation, cutout), in their step and in
    /// the generator's. Left out of the serialised options when off.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool DifferentiableAugmentation { get; init; }

    /// <summary>
    /// Identity-preserving design: the auxiliary classifier learns from real faces only, as StarGAN's domain classifier
    /// does, instead of also learning to call edits its extra "edit" class. Its reading is then the real faces' reading
    /// (what an independent judge also learns), and the generator no longer plays a second adversarial game against
    /// it. Left out of the serialised options when off.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ClassifierOnRealFacesOnly { get; init; }

    /// <summary>
    /// Identity-preserving design, stages 2 and 3: weight of the paired term. Posed-expression sets (CK+, Oulu-CASIA,
    /// the procedural faces) show each training subject in several expressions, so for a face x of subject p another
    /// face x' of p (class c', labelled intensity s', 1 without labels) is the ground truth of editing x into c' at s'.
    /// The term is L1(G(x, c', s'), x') over the faces whose subject has another image; the random-target edits, the
    /// cycle and the adversarial terms are unchanged. 0 (default): off, and left out of the serialised options so
    /// cache keys and run files without it do not change. Needs subject labels.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double PairedWeight { get; init; }

    /// <summary>
    /// Identity-preserving design, stages 2 and 3: weight of the guide term, the cross-entropy of a frozen expression
    /// classifier's reading of each edit against the edit's target (<see cref="ExpressionGuide"/>, trained on the real
    /// training faces before stage 1; the target as <see cref="IntensityTarget"/> asks the auxiliary classifier). 0
    /// (default): off, and left out of the serialised options so cache keys and run files without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double GuideWeight { get; init; }

    /// <summary>
    /// Share of stage 3's steps, at its end, over which every optimiser's learning rate falls linearly from
    /// <see cref="LearningRate"/> towards 0, as StarGAN, GANimation and CycleGAN end their training: the adversarial
    /// game settles instead of stopping wherever its oscillation happens to be. 0 (default): constant, and left out of
    /// the serialised options so cache keys and run files without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double LearningRateDecay { get; init; }

    /// <summary>
    /// Also write the generator (the average, when there is one) every this many epochs of stage 3 before its last
    /// (<see cref="ExprGanRunFiles.Snapshot"/>), so one run shows how its edits change with training length and a
    /// shorter run's generator is read without training it. Changes no weight, so it is never serialised: neither cache
    /// keys nor resume checks see it. Null (default): none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? SnapshotEvery { get; init; }

    /// <summary>Whether a snapshot is written after epoch <paramref name="epoch"/> (0-based) of stage <paramref name="stage"/>.</summary>
    public bool SnapshotsAfter(int stage, int epoch) =>
        SnapshotEvery is { } every && stage == Stages && epoch + 1 < Epochs[Stages - 1] && (epoch + 1) % every == 0;

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of a stage's <paramref name="steps"/>.</summary>
    public double LearningRateAt(int stage, long step, long steps)
    {
        if (stage != Stages || LearningRateDecay == 0) return LearningRate;
        var decaying = Math.Max(1, (long)Math.Round(LearningRateDecay * steps));
        var left = steps - step;   // this step included: the first decaying step runs at the full rate, the last at 1/decaying of it
        return left >= decaying ? LearningRate : LearningRate * left / decaying;
    }

    /// <summary>Whether training needs the data set's intensity labels (derived: not serialised, so cache keys stay).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool UsesIntensityLabels => ReconstructAtLabelledIntensity || ClassifyAtLabelledIntensity;

    /// <summary>Whether the generator average runs in this stage (the last one, when averaging is on).</summary>
    public bool AveragesIn(int stage) => GeneratorAverageDecay != null && stage == Stages;

    public const int Stages = 3;

    /// <summary>Inverse-frequency class weights N / (K x n_c), K the classes that have images, so the weights average 1
    /// over the images; 0 for a class without images.</summary>
    public static float[] ClassWeights(IReadOnlyList<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (var l in labels) counts[l]++;
        var present = counts.Count(c => c > 0);
        return [.. counts.Select(c => c == 0 ? 0f : (float)labels.Count / (present * c))];
    }

    public LossWeights WeightsOf(int stage) => stage switch
    {
        1 => Stage1 ?? LossWeights.ControllerLearning,
        2 => Stage2 ?? LossWeights.ImageReconstruction,
        3 => Stage3 ?? LossWeights.ImageRefining,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Stages are 1, 2 and 3."),
    };

    public static string StageName(int stage) => stage switch
    {
        1 => "controller learning",
        2 => "image reconstruction",
        3 => "image refining",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Stages are 1, 2 and 3."),
    };

    public ExprGanTrainingOptions Validated()
    {
        if (Epochs.Length != Stages || Epochs.Any(e => e < 0))
            throw new ArgumentException($"Epochs must give 3 non-negative counts (stage 1, 2, 3), got [{string.Join(",", Epochs)}].");
        if (BatchSize < 2) throw new ArgumentException($"Batch size must be >= 2 (batch norm needs two images), got {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"Learning rate must be > 0, got {LearningRate}.");
        if (!(Beta1 >= 0 && Beta1 < 1 && Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"Adam betas must be in [0, 1), got {Beta1}, {Beta2}.");
        if (!(FlipProbability >= 0 && FlipProbability <= 1)) throw new ArgumentException($"Flip probability must be in [0, 1], got {FlipProbability}.");
        if (GridImages < 1) throw new ArgumentException($"GridImages must be >= 1, got {GridImages}.");
        if (!(FullIntensityShare >= 0 && FullIntensityShare <= 1)) throw new ArgumentException($"FullIntensityShare must be in [0, 1], got {FullIntensityShare}.");
        if (!(ZeroIntensityShare >= 0 && FullIntensityShare + ZeroIntensityShare <= 1))
            throw new ArgumentException($"ZeroIntensityShare must be >= 0 and leave FullIntensityShare + ZeroIntensityShare <= 1, got {ZeroIntensityShare} (full {FullIntensityShare}).");
        if (ZeroIntensityShare > 0 && IntensityTarget != IntensityTarget.Mixture)
            throw new ArgumentException($"ZeroIntensityShare draws edits at intensity 0 the way the mixture target asks for them; it needs IntensityTarget Mixture, got {IntensityTarget}.");
        if (MaskLogitCap is { } cap && !(cap > 0 && float.IsFinite(cap))) throw new ArgumentException($"MaskLogitCap must be a positive number, got {cap}.");
        if (ClassifyAtLabelledIntensity && IntensityTarget != IntensityTarget.Mixture)
            throw new ArgumentException($"ClassifyAtLabelledIntensity softens real labels the way the mixture target softens edits; it needs IntensityTarget Mixture, got {IntensityTarget}.");
        if (!(PairedWeight >= 0 && double.IsFinite(PairedWeight))) throw new ArgumentException($"PairedWeight must be a finite number >= 0, got {PairedWeight}.");
        if (!(GuideWeight >= 0 && double.IsFinite(GuideWeight))) throw new ArgumentException($"GuideWeight must be a finite number >= 0, got {GuideWeight}.");
        if (!(LearningRateDecay >= 0 && LearningRateDecay <= 1)) throw new ArgumentException($"LearningRateDecay must be in [0, 1], got {LearningRateDecay}.");
        if (SnapshotEvery is < 1) throw new ArgumentException($"SnapshotEvery must be >= 1 epoch, got {SnapshotEvery}.");
        if (GeneratorAverageDecay is { } decay && !(decay > 0 && decay < 1)) throw new ArgumentException($"GeneratorAverageDecay must be in (0, 1), got {decay}.");
        for (var s = 1; s <= Stages; s++) WeightsOf(s).Validated($"stage {s}");
        return this;
    }

    /// <summary>
    /// Settings that must not change when a run is resumed, as "name value" pairs. Epochs may grow, and the loss
    /// weights of a stage no finished epoch has trained yet (<paramref name="completedEpochs"/> 0) may change: nothing
    /// computed so far depends on them.
    /// </summary>
    public IReadOnlyList<string> ResumeDifferences(ExprGanTrainingOptions other, IReadOnlyList<int>? completedEpochs = null)
    {
        var d = new List<string>();
        void Cmp<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) d.Add($"{name} {a} (checkpoint) vs {b} (now)"); }
        Cmp(nameof(BatchSize), BatchSize, other.BatchSize);
        Cmp(nameof(LearningRate), LearningRate, other.LearningRate);
        Cmp(nameof(Beta1), Beta1, other.Beta1);
        Cmp(nameof(Beta2), Beta2, other.Beta2);
        Cmp(nameof(Seed), Seed, other.Seed);
        Cmp(nameof(FlipProbability), FlipProbability, other.FlipProbability);
        Cmp(nameof(IntensityTarget), IntensityTarget, other.IntensityTarget);
        Cmp(nameof(MaskLogitCap), MaskLogitCap, other.MaskLogitCap);
        Cmp(nameof(FullIntensityShare), FullIntensityShare, other.FullIntensityShare);
        Cmp(nameof(ZeroIntensityShare), ZeroIntensityShare, other.ZeroIntensityShare);
        Cmp(nameof(Precision), Precision, other.Precision);
        Cmp(nameof(BalanceClasses), BalanceClasses, other.BalanceClasses);
        Cmp(nameof(GeneratorAverageDecay), GeneratorAverageDecay, other.GeneratorAverageDecay);
        Cmp(nameof(ReconstructAtLabelledIntensity), ReconstructAtLabelledIntensity, other.ReconstructAtLabelledIntensity);
        Cmp(nameof(ClassifyAtLabelledIntensity), ClassifyAtLabelledIntensity, other.ClassifyAtLabelledIntensity);
        Cmp(nameof(DifferentiableAugmentation), DifferentiableAugmentation, other.DifferentiableAugmentation);
        Cmp(nameof(ClassifierOnRealFacesOnly), ClassifierOnRealFacesOnly, other.ClassifierOnRealFacesOnly);
        Cmp(nameof(PairedWeight), PairedWeight, other.PairedWeight);
        Cmp(nameof(LearningRateDecay), LearningRateDecay, other.LearningRateDecay);
        Cmp(nameof(GuideWeight), GuideWeight, other.GuideWeight);
        for (var s = 1; s <= Stages; s++)
            if (completedEpochs is null || completedEpochs[s - 1] > 0) Cmp($"stage {s} weights", WeightsOf(s), other.WeightsOf(s));
        return d;
    }
}
