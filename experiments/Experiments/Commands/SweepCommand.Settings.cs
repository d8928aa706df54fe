using System.ComponentModel;
using Augment.Experiments.Options;
using Augment.Sweep.Plan;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

public sealed partial class SweepCommand
{
    /// <summary>
    /// The sweep's own options. Those <see cref="SweepDefaults"/> sets per data set or for --quick have no parser default
    /// (null: not typed), so a typed value is the only thing that overrides them; their help reads the defaults there.
    /// </summary>
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--counts <LIST>"), SweepHelp("Synthetic image counts per cell, distinct, 0 to 1000000", nameof(SweepOptions.Counts))]
        public string? Counts { get; init; }
        [CommandOption("--seeds <LIST>"), SweepHelp("Distinct seeds; each varies the classifiers and the synthetic rows, one GAN per split serves them all", nameof(SweepOptions.Seeds))]
        public string? Seeds { get; init; }
        [CommandOption("--folds <K>"), SweepHelp("k subject-independent folds (k >= 2) instead of one split holding out a share of the subjects", nameof(SweepOptions.HoldoutFraction), "share held out")]
        public int? Folds { get; init; }
        [CommandOption("--train-subjects <N>"), Description("Low-data regime: each split's GAN and classifier see only N of its training subjects (chosen from the split seed, class-balanced); test subjects unchanged (default: all).")]
        public int? TrainSubjects { get; init; }
        [CommandOption("--gan-preset <NAME>"), SweepHelp("ExprGAN preset: ip-procedural, ip-small, ip, ip-skip, ip-skip-avg (identity-preserving), or the paper design tiny, small, cpu, paper", nameof(SweepOptions.GanPreset))]
        public string? GanPreset { get; init; }
        [CommandOption("--gan-epochs <S1,S2,S3>"), SweepHelp("GAN epochs per stage (controller, reconstruction, refining), not all 0", nameof(SweepOptions.GanEpochs))]
        public string? GanEpochs { get; init; }
        [CommandOption("--gan-seed <N>"), SweepHelp("Seed of every split's GAN (initial weights, batches, edits); classifier seeds are --seeds", nameof(SweepOptions.GanSeed))]
        public int? GanSeed { get; init; }
        [CommandOption("--classifier <NAME>"), SweepHelp("CNN preset: small, default, s2d, wide", nameof(SweepOptions.ClassifierPreset))]
        public string? Classifier { get; init; }
        [CommandOption("--classifier-epochs <N>"), SweepHelp("CNN epochs", nameof(SweepOptions.ClassifierEpochs))]
        public int? ClassifierEpochs { get; init; }
        [CommandOption("--samples-per-epoch <N>"), SweepHelp("Rows per CNN epoch, equal for every count", nameof(SweepOptions.ClassifierSamplesPerEpoch))]
        public int? SamplesPerEpoch { get; init; }
        [CommandOption("--quick"), Description("A CI-sized sweep (under 2 minutes): small data, one seed, counts 0/300/600, short training.")]
        public bool Quick { get; init; }
        [CommandOption("--out <DIR>"), Description("Run folder (default: runs/sweep-<dataset>, or runs/sweep-<dataset>-quick). Never results/: see 'publish'.")]
        public string? Out { get; init; }
        [CommandOption("--cache <DIR>"), Description("Where trained GANs are kept and reused (default: runs/sweep-cache).")]
        public string? Cache { get; init; }
        [CommandOption("--continue-from <DIR>"), Description("First merge the finished cells a 'publish --partial' saved (results/<...>/partial), made with the same options on another machine, into the run folder; the sweep then computes only the rest.")]
        public string? ContinueFrom { get; init; }
        [CommandOption("--fresh"), Description("Recompute every cell in a staging folder (<out>.fresh, resumable) that replaces the run folder when done (cached GANs are still reused).")]
        public bool Fresh { get; init; }
        [CommandOption("--publish"), Description("When the run is complete, copy its files to results/<dataset> (see 'publish').")]
        public bool Publish { get; init; }
        [CommandOption("--backend <NAME>"), SweepHelp("Renders synthetic images with onnx (ONNX Runtime, CPU, faster here) or torch (TorchSharp, CUDA-capable)", nameof(SweepOptions.Backend))]
        public string? Backend { get; init; }
        [CommandOption("--allow-weak-generator"), Description("Render synthetic rows even with a generator that fails the quality gates (docs/evaluation.md); the failure is recorded in summary.md. --quick implies it.")]
        public bool AllowWeakGenerator { get; init; }
        [CommandOption("--procedural-images <N>"), SweepHelp("Procedural faces only: images per identity and class (4 in the sweeps published before the ip-procedural preset)", nameof(SweepOptions.ProceduralImagesPerExpression))]
        public int? ProceduralImages { get; init; }
        [CommandOption("--intensity-gate <READING>"), Description(IntensityGateOption.Help)]
        public string? IntensityGate { get; init; }
        [CommandOption("--classic <LIST>"), SweepHelp("Classic augmentation of the CNN beside the GAN rows: on (random flips and shifts), off, or off,on (both variants, doubling the CNN fits)", nameof(SweepOptions.Variants))]
        public string? Classic { get; init; }
        [CommandOption("--synthetic <LIST>"), SweepHelp("Synthetic-share variants at every count above 0: pooled (synthetic rows drawn in proportion to their count, the paper's way), capped (at most --synthetic-share of each CNN batch synthetic), or both. Count 0 is one cell, the baseline of both", nameof(SweepOptions.Synthetic))]
        public string? Synthetic { get; init; }
        [CommandOption("--synthetic-share <S>"), SweepHelp("The capped variant's cap on the synthetic share of each CNN batch, 0 to 1", nameof(SweepOptions.SyntheticShare))]
        public double? SyntheticShare { get; init; }
        [CommandOption("--workers <N>"), Description("Run the sweep as N processes on the run folder, one per core, sharing its cells and GANs (needs --threads 1: each process 1 torch thread); the others write their progress to <out>-worker<k>.log, and the last to finish writes the reports (default: 1).")]
        public int? Workers { get; init; }
        [CommandOption("--drop-degenerate-classes"), Description("Drop classes with too few images on either side of the split instead of refusing; each report says so.")]
        public bool DropDegenerateClasses { get; init; }

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } data) return data;
            try { _ = BuildOptions(this); }
            catch (ArgumentException e) { return ValidationResult.Error(CliApp.CleanMessage(e)); }
            if (Workers is { } w && (w < 1 || w > 64)) return ValidationResult.Error($"--workers must be between 1 and 64, got {w}.");
            if (Workers > 1 && Threads != 1)
                return ValidationResult.Error($"--workers {Workers} runs {Workers} processes side by side: give each one torch thread with --threads 1 (got {Threads}; " +
                    "processes of 2 threads on 2 cores spin against each other, and the thread count is part of the results' identity).");
            if (ContinueFrom is { } from && Fresh)
                return ValidationResult.Error($"--continue-from '{from}' keeps cells made elsewhere and --fresh recomputes every cell: give one of them.");
            if (ContinueFrom is { } carried && !Directory.Exists(carried))
                return ValidationResult.Error($"--continue-from '{carried}' does not exist (it is the partial/ folder 'publish --partial' writes).");
            return Folds is < 2 ? ValidationResult.Error($"--folds must be at least 2, got {Folds}.") : ValidationResult.Success();
        }
    }
}
