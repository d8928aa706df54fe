using System.ComponentModel;
using Augment.Data;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Torch;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>The paper's augmentation experiment: classifier accuracy with 0/3K/6K/30K/60K synthetic faces.</summary>
[Description("The augmentation sweep: classifier accuracy with 0/3K/6K/30K/60K GAN-synthetic faces. Computes into a run folder under runs/ (resumable); 'publish' copies a finished run to results/.")]
public sealed class SweepCommand : Command<SweepCommand.Settings>
{
    /// <summary>Beyond this a cell renders for hours on a CPU: certainly a typo (the paper's largest count is 60K).</summary>
    public const int MaxCount = 1_000_000;

    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--counts <LIST>"), Description("Synthetic image counts per cell, distinct, 0 to 1000000 (default 0,3000,6000,30000,60000; --quick: 0,300,600).")]
        public string? Counts { get; init; }
        [CommandOption("--seeds <LIST>"), Description("Distinct seeds; each varies the classifiers and the synthetic rows, one GAN per split serves them all (default 1,2 for procedural, 1,2,3 otherwise; --quick: 1).")]
        public string? Seeds { get; init; }
        [CommandOption("--folds <K>"), Description("k subject-independent folds (k >= 2) instead of one split holding out ~10% of subjects.")]
        public int? Folds { get; init; }
        [CommandOption("--train-subjects <N>"), Description("Low-data regime: each split's GAN and classifier see only N of its training subjects (chosen from the split seed, class-balanced); test subjects unchanged (default: all).")]
        public int? TrainSubjects { get; init; }
        [CommandOption("--gan-preset <NAME>"), Description("ExprGAN preset: ip-small, ip (identity-preserving), or the paper design tiny, small, cpu, paper (default: ip-small for procedural, ip otherwise; --quick: tiny).")]
        public string? GanPreset { get; init; }
        [CommandOption("--gan-epochs <S1,S2,S3>"), Description("GAN epochs per stage (controller, reconstruction, refining), not all 0 (default: procedural 4,3,6, real data the ip preset's 6,4,10; --quick 1,1,1).")]
        public string? GanEpochs { get; init; }
        [CommandOption("--classifier <NAME>"), Description("CNN preset: small, default, wide (default: default; --quick: small).")]
        public string? Classifier { get; init; }
        [CommandOption("--classifier-epochs <N>"), Description("CNN epochs (default 10; --quick: 6).")]
        public int? ClassifierEpochs { get; init; }
        [CommandOption("--samples-per-epoch <N>"), Description("Rows per CNN epoch, equal for every count (default 1000 for procedural, 1500 otherwise; --quick: 480).")]
        public int? SamplesPerEpoch { get; init; }
        [CommandOption("--quick"), Description("A CI-sized sweep (under 2 minutes): small data, one seed, counts 0/300/600, short training.")]
        public bool Quick { get; init; }
        [CommandOption("--out <DIR>"), Description("Run folder (default: runs/sweep-<dataset>, or runs/sweep-<dataset>-quick). Never results/: see 'publish'.")]
        public string? Out { get; init; }
        [CommandOption("--cache <DIR>"), Description("Where trained GANs are kept and reused (default: runs/sweep-cache).")]
        public string? Cache { get; init; }
        [CommandOption("--fresh"), Description("Recompute every cell in a staging folder (<out>.fresh, resumable) that replaces the run folder when done (cached GANs are still reused).")]
        public bool Fresh { get; init; }
        [CommandOption("--publish"), Description("When the run is complete, copy its files to results/<dataset> (see 'publish').")]
        public bool Publish { get; init; }
        [CommandOption("--threads <N>"), Description("torch and ONNX Runtime threads; part of the results' identity (options hash, GAN cache). Idle threads sleep (OMP_WAIT_POLICY=PASSIVE unless set)."), DefaultValue(2)]
        public int Threads { get; init; } = 2;
        [CommandOption("--backend <NAME>"), Description("Renders synthetic images with onnx (ONNX Runtime, CPU, faster here) or torch (TorchSharp, CUDA-capable)."), DefaultValue("onnx")]
        public string Backend { get; init; } = "onnx";
        [CommandOption("--device <DEVICE>"), Description("auto, cpu or cuda."), DefaultValue("auto")]
        public string Device { get; init; } = "auto";
        [CommandOption("--allow-weak-generator"), Description("Render synthetic rows even with a generator that fails the quality gates (docs/evaluation.md); the failure is recorded in summary.md. --quick implies it.")]
        public bool AllowWeakGenerator { get; init; }
        [CommandOption("--classic"), Description("Also run every cell with classic augmentation (flips/shifts) beside the GAN rows (default for real data; doubles the CNN fits).")]
        public bool Classic { get; init; }
        [CommandOption("--synthetic <LIST>"), Description("Synthetic-share variants at every count above 0: pooled (synthetic rows drawn in proportion to their count, the paper's way), capped (at most --synthetic-share of each CNN batch synthetic), or both (default pooled,capped). Count 0 is one cell, the baseline of both.")]
        public string? Synthetic { get; init; }
        [CommandOption("--synthetic-share <S>"), Description("The capped variant's cap on the synthetic share of each CNN batch, 0 to 1 (default 0.5).")]
        public double? SyntheticShare { get; init; }
        [CommandOption("--drop-degenerate-classes"), Description("Drop classes with too few images on either side of the split instead of refusing; each report says so.")]
        public bool DropDegenerateClasses { get; init; }

        public override ValidationResult Validate()
        {
            try { _ = BuildOptions(this); }
            catch (ArgumentException e) { return ValidationResult.Error(CliApp.CleanMessage(e)); }
            if (Folds is < 2) return ValidationResult.Error($"--folds must be at least 2, got {Folds}.");
            return base.Validate();
        }
    }

    /// <summary>The options the library receives for a command line (defaults from <see cref="SweepDefaults"/>).</summary>
    public static SweepOptions BuildOptions(Settings s)
    {
        var dataset = DatasetCatalog.CanonicalName(s.Dataset) ?? throw new ArgumentException($"Unknown --dataset '{s.Dataset}'.");
        var d = SweepDefaults.For(dataset, s.Quick);
        var ganEpochs = s.GanEpochs is { } ge ? ListOption.Parse(ge, "--gan-epochs", 0, 1000, allowDuplicates: true) : d.GanEpochs;
        if (ganEpochs.Count != 3) throw new ArgumentException($"--gan-epochs takes three counts 's1,s2,s3', got '{s.GanEpochs}'.");
        var counts = s.Counts is { } c ? ListOption.Parse(c, "--counts", 0, MaxCount) : d.Counts;
        if (counts.Any(n => n > 0) && ganEpochs.Sum() == 0) throw new ArgumentException("--gan-epochs 0,0,0 would render synthetic faces from an untrained GAN; give at least one epoch.");
        var options = d with
        {
            DataPath = s.Data,
            Counts = counts,
            Seeds = s.Seeds is { } sd ? ListOption.Parse(sd, "--seeds", 0, int.MaxValue) : d.Seeds,
            Folds = s.Folds,
            TrainSubjects = s.TrainSubjects is { } ts ? Positive(ts, "--train-subjects", 100_000) : null,
            GanPreset = s.GanPreset is { } gp ? Augment.ExprGan.Model.ExprGanPreset.Get(gp).Name : d.GanPreset,
            GanEpochs = ganEpochs,
            ClassifierPreset = s.Classifier is { } cp ? CheckClassifier(cp) : d.ClassifierPreset,
            ClassifierEpochs = s.ClassifierEpochs is { } ce ? Positive(ce, "--classifier-epochs", 1000) : d.ClassifierEpochs,
            ClassifierSamplesPerEpoch = s.SamplesPerEpoch is { } sp ? Positive(sp, "--samples-per-epoch", 10_000_000) : d.ClassifierSamplesPerEpoch,
            ImageSize = s.Size ?? d.ImageSize,
            MaxImages = s.MaxImages ?? d.MaxImages,
            Rgb = s.Rgb,
            Threads = s.Threads,
            // A CI-sized GAN never passes the gates; --quick still measures and records them.
            Gate = d.Gate with { AllowWeakGenerator = s.AllowWeakGenerator || s.Quick },
            DropDegenerateClasses = s.DropDegenerateClasses,
            Variants = s.Classic ? [ClassicAugmentation.Off, ClassicAugmentation.FlipsAndShifts] : d.Variants,
            Synthetic = s.Synthetic is { } sy ? ParseSynthetic(sy) : d.Synthetic,
            SyntheticShare = s.SyntheticShare is { } share ? Share(share) : d.SyntheticShare,
            Backend = s.Backend.Trim().ToLowerInvariant() switch
            {
                "onnx" => Augment.Augmentation.GeneratorBackend.Onnx,
                "torch" or "torchsharp" => Augment.Augmentation.GeneratorBackend.TorchSharp,
                _ => throw new ArgumentException($"--backend must be onnx or torch, got '{s.Backend}'."),
            },
        };
        if (s.SyntheticShare != null && !options.Synthetic.Contains(SyntheticMix.Capped))
            throw new ArgumentException("--synthetic-share sets the capped variant's cap, but --synthetic leaves the capped variant out.");
        return options;
    }

    /// <summary>--synthetic: pooled and/or capped, each once.</summary>
    static IReadOnlyList<SyntheticMix> ParseSynthetic(string list)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries);
        var mixes = names.Select(n => n.ToLowerInvariant() switch
        {
            "pooled" => SyntheticMix.Pooled,
            "capped" => SyntheticMix.Capped,
            _ => throw new ArgumentException($"--synthetic takes pooled and/or capped (e.g. pooled,capped), got '{n}'."),
        }).ToList();
        if (mixes.Distinct().Count() != mixes.Count) throw new ArgumentException($"--synthetic names a variant twice: '{list}'.");
        return mixes.Order().ToArray();
    }

    static double Share(double share) =>
        share is >= 0 and <= 1 ? share : throw new ArgumentException($"--synthetic-share must be between 0 and 1, got {share}.");

    static int Positive(int value, string option, int max) =>
        value is >= 1 && value <= max ? value : throw new ArgumentException($"{option} must be between 1 and {max}, got {value}.");

    static string CheckClassifier(string name)
    {
        try { _ = Augment.Classifier.CnnArchitecture.Parse(name); return name.Trim().ToLowerInvariant(); }
        catch (ArgumentException) { throw new ArgumentException($"--classifier must be small, default or wide, got '{name}'."); }
    }

    /// <summary>Default run folder: runs/sweep-DATASET[-quick] under the repository.</summary>
    public static string DefaultOut(string dataset, bool quick) =>
        Path.Combine(DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory(), "runs", "sweep-" + dataset + (quick ? "-quick" : ""));

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        torch.set_num_threads(s.Threads);
        var options = BuildOptions(s);
        var dataset = options.Dataset;
        var root = DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory();
        var outDir = Path.GetFullPath(s.Out ?? DefaultOut(dataset, s.Quick));
        var cache = s.Cache ?? Path.Combine(root, "runs", "sweep-cache");

        var load = s.ToLoadOptions() with { Width = options.ImageSize, Height = options.ImageSize, MaxImages = options.MaxImages };
        var loaded = DatasetSettings.Load(dataset, s.Data, load, SweepDefaults.Procedural(s.Quick));
        (var set, options) = SweepClasses.Check(loaded, options);
        var plan = SweepCell.Enumerate(options.Folds ?? 1, options).Count;
        AnsiConsole.MarkupLineInterpolated($"[bold]sweep[/] {plan} cells: counts {string.Join(",", options.Counts)} x seeds {string.Join(",", options.Seeds)} x {options.Variants.Count} classic variants x synthetic {string.Join(",", options.Synthetic.Select(SweepCell.MixName))} (count 0 once), {s.Threads} threads -> {outDir}");

        using var backend = new FaceSweepBackend(options, set, cache, DeviceChoice.Parse(s.Device));
        var command = "dotnet run --project Experiments -- " + string.Join(" ", context.Arguments);
        try
        {
            var store = new SweepRunner(options, backend, outDir, new ConsoleProgress()).Run(command.TrimEnd(), s.Fresh, cancellation);
            AnsiConsole.MarkupLineInterpolated($"[green]done[/]: {store.Cells.Count} cells; see {Path.Combine(outDir, "summary.md")}");
        }
        catch (Augment.Sweep.Gates.WeakGeneratorException e)
        {
            AnsiConsole.MarkupLine("[red]refused[/]: " + Markup.Escape(e.Message));
            return 3;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var where = s.Fresh ? Augment.Sweep.Runs.RunFolder.StagingOf(outDir) : outDir;
            AnsiConsole.MarkupLineInterpolated($"[yellow]stopped[/]: finished cells are kept in {Path.Combine(where, "cells.csv")}; run the same command again to resume.");
            return 130;
        }
        if (s.Publish) PublishCommand.PublishAndSay(outDir, PublishCommand.DefaultResults(dataset, s.Quick));
        return 0;
    }
}
