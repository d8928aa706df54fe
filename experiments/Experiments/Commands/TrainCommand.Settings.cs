using System.ComponentModel;
using Augment.Experiments.Options;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

public sealed partial class TrainCommand
{
    /// <summary>Train's own options. Those a preset decides have no parser default (null: the preset's).</summary>
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--preset <NAME>")][Description("The paper's design: tiny (16x16, tests), small (32x32), cpu (64x64, narrow), paper (128x128, the original widths). Identity-preserving (docs/identity-preserving.md): ip-small (32x32), ip (48x48), ip-skip (ip + the input image in the decoder's full-size convolutions), ip-skip-avg (ip-skip averaged over stage 3; CK+48's recipe), ip-procedural (32x32; the procedural faces' recipe).")][DefaultValue("cpu")]
        public string Preset { get; init; } = "";

        [CommandOption("--epochs <S1,S2,S3>")][PresetHelp("Epochs of stage 1 (controller), 2 (reconstruction), 3 (refining)", nameof(ExprGanTrainingOptions.Epochs))]
        public string? Epochs { get; init; }

        [CommandOption("--batch <N>")][PresetHelp("Batch size", nameof(ExprGanTrainingOptions.BatchSize))]
        public int? Batch { get; init; }

        [CommandOption("--lr <RATE>")][PresetHelp("Adam learning rate (beta1 0.5)", nameof(ExprGanTrainingOptions.LearningRate))]
        public double? LearningRate { get; init; }

        [CommandOption("--code-dims <D>")][Description("Code dimensions per class d. Default: the preset's (paper 5).")]
        public int? CodeDims { get; init; }

        [CommandOption("--weights-s1 <W>")][StageWeightsHelp(1)]
        public string? WeightsStage1 { get; init; }

        [CommandOption("--weights-s2 <W>")][StageWeightsHelp(2)]
        public string? WeightsStage2 { get; init; }

        [CommandOption("--weights-s3 <W>")][StageWeightsHelp(3)]
        public string? WeightsStage3 { get; init; }

        [CommandOption("--intensity-target <KIND>")][PresetHelp("Identity-preserving design: weighted (paper prior, intensity-weighted cross-entropy), graded (P(target) = intensity) or mixture (one intensity per edit; intensity x target + (1 - intensity) x uniform)", nameof(ExprGanTrainingOptions.IntensityTarget))]
        public IntensityTarget? IntensityTarget { get; init; }

        [CommandOption("--full-intensity-share <S>")][PresetHelp("Mixture intensity target: the share of edits trained at intensity 1 (the rest uniform between 0 and 1)", nameof(ExprGanTrainingOptions.FullIntensityShare))]
        public double? FullIntensityShare { get; init; }

        [CommandOption("--zero-intensity-share <S>")][PresetHelp("Mixture intensity target: the share of edits trained at intensity 0 exactly, read as no expression (taken from the uniform part)", nameof(ExprGanTrainingOptions.ZeroIntensityShare))]
        public double? ZeroIntensityShare { get; init; }

        [CommandOption("--precision <KIND>")][PresetHelp("Arithmetic of the training step on the CPU: float32, or bfloat16 (autocast: about 1.5x faster on CPUs with AVX512-BF16, different numbers)", nameof(ExprGanTrainingOptions.Precision))]
        public TrainingPrecision? Precision { get; init; }

        [CommandOption("--input-skip")][Description("Identity-preserving design: the input image joins the decoder's last, full-resolution convolutions (fine texture where the mask paints).")]
        public bool InputSkip { get; init; }

        [CommandOption("--skip-levels <N>")][Description("Identity-preserving design: how many encoder maps, coarsest first, skip to the decoder (0 to the encoder's depth; default: the preset's, all of them). Fewer skips carry less of the input's own expression into the edit, and less of its detail.")]
        public int? SkipLevels { get; init; }

        [CommandOption("--train-seed <N>")][Description("Seed of the GAN's initial weights, batches and edits (default: --seed, which also draws the hold-out): several training runs on one split.")]
        public int? TrainSeed { get; init; }

        [CommandOption("--upsampling <MODE>")][Description("The decoder's upsampling: nearest (the paper's; default unless the preset says) bilinear (no block edges) or mixed (bilinear for the coarse half of the doublings, nearest for the fine).")]
        public DecoderUpsampling? Upsampling { get; init; }

        [CommandOption("--balance-classes")][Description("Identity-preserving design: weight the auxiliary classifier's loss on real faces by inverse class frequency (rare classes count as much as common ones).")]
        public bool BalanceClasses { get; init; }

        [CommandOption("--reconstruct-at-labelled-intensity")][Description("Identity-preserving design: reconstruct each face (and cycle each edit back) at the intensity its data set labels it with instead of 1 (needs intensity labels: the procedural faces).")]
        public bool ReconstructAtLabelledIntensity { get; init; }

        [CommandOption("--classify-at-labelled-intensity")][Description("Identity-preserving design: the auxiliary classifier learns each real face's label softened by its labelled intensity (s x class + (1 - s) x uniform) instead of a hard label, so edits at intensity 1 must look as strong as the data's strongest faces (needs intensity labels: the procedural faces).")]
        public bool ClassifyAtLabelledIntensity { get; init; }

        [CommandOption("--diff-augment")][Description("Identity-preserving design: D_img and the auxiliary classifier see real and edited faces through differentiable augmentation (brightness, contrast, translation, cutout; Zhao et al. 2020), against discriminators that learn a small training set by heart.")]
        public bool DiffAugment { get; init; }

        [CommandOption("--classifier-real-only")][Description("Identity-preserving design: the auxiliary classifier learns from real faces only (StarGAN's domain classifier), instead of also learning to call edits its extra 'edit' class.")]
        public bool ClassifierRealOnly { get; init; }

        [CommandOption("--paired <W>")][Description("Identity-preserving design, stages 2-3: weight of the paired term, L1 between each face edited into another face of its own subject's class (at that face's labelled intensity, 1 without labels) and that face (needs subjects; default 0: off).")]
        public double? Paired { get; init; }

        [CommandOption("--guide <W>")][Description("Identity-preserving design, stages 2-3: weight of the guide term, a frozen expression classifier (trained on the real training faces before stage 1) reading each edit against its target (default 0: off).")]
        public double? Guide { get; init; }

        [CommandOption("--lr-decay <SHARE>")][Description("Let every optimiser's learning rate fall linearly towards 0 over this share of stage 3's last steps (e.g. 0.5, as StarGAN and GANimation end; default 0: constant).")]
        public double? LrDecay { get; init; }

        [CommandOption("--snapshot-every <EPOCHS>")][Description("Also write the generator every this many epochs of stage 3 into the run folder's snapshots/ (the average, with --generator-average), to evaluate how the edits change with training length. Changes no weight.")]
        public int? SnapshotEvery { get; init; }

        [CommandOption("--generator-average <DECAY>")][Description("Write an exponential moving average of the generator's weights over stage 3 (decay per step, e.g. 0.995; default: the preset's, only ip-skip-avg has one) instead of the last step's weights, which are written beside it.")]
        public double? GeneratorAverage { get; init; }

        [CommandOption("--mask-logit-cap <X>")][Description("Identity-preserving design: penalise |mask logit| above X so the mask cannot saturate (e.g. 4).")]
        public float? MaskLogitCap { get; init; }

        [CommandOption("--identity <KIND>")][Description("Identity network phi: resnet18 (default; tiny preset: none), none, or random (a fixed random-conv STAND-IN).")]
        public string? Identity { get; init; }

        [CommandOption("--identity-layers <LIST>")][Description("ResNet18 feature layers for the identity loss (stem, layer1..layer4; default all).")]
        public string? IdentityLayers { get; init; }

        [CommandOption("--holdout-subjects <FRACTION>")][Description("Train only on the train side of a subject-independent hold-out of this fraction of subjects (split written to the run folder).")]
        public double? HoldoutSubjects { get; init; }

        [CommandOption("--out <DIR>")][Description("Run folder (checkpoint, generator, losses, grids). Default: runs/exprgan-<dataset>-<preset>.")]
        public string? Out { get; init; }

        [CommandOption("--resume")][Description("Continue the checkpoint in --out from its last finished epoch.")]
        public bool Resume { get; init; }

        [CommandOption("--grid-images <N>")][PresetHelp("Inputs shown in the epoch-end grid", nameof(ExprGanTrainingOptions.GridImages))]
        public int? GridImages { get; init; }

        [CommandOption("--drop-degenerate-classes")][Description("Drop classes with too few images (on either side of --holdout-subjects) instead of refusing; run.json lists them.")]
        public bool DropDegenerateClasses { get; init; }

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } data) return data;
            try { _ = BuildOptions(this); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            return HoldoutSubjects is <= 0 or >= 1 ? ValidationResult.Error("--holdout-subjects must be a fraction in (0, 1).") : ValidationResult.Success();
        }
    }
}
