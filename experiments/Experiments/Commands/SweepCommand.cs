using System.ComponentModel;
using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>The paper's augmentation experiment: classifier accuracy with 0/3K/6K/30K/60K synthetic faces.</summary>
public sealed class SweepCommand : Command<SweepCommand.Settings>
{
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--counts <LIST>"), Description("Synthetic image counts (default 0,3000,6000,30000,60000; --quick: 0,300,600).")]
        public string? Counts { get; init; }
        [CommandOption("--seeds <LIST>"), Description("Seeds; each trains its own GAN and classifiers (default 1,2,3; --quick: 1).")]
        public string? Seeds { get; init; }
        [CommandOption("--folds <K>"), Description("k subject-independent folds instead of one split holding out ~10% of subjects.")]
        public int? Folds { get; init; }
        [CommandOption("--gan-preset <NAME>"), Description("ExprGAN preset: tiny, small, cpu, paper (default: small for procedural, cpu otherwise).")]
        public string? GanPreset { get; init; }
        [CommandOption("--gan-epochs <S1,S2,S3>"), Description("GAN epochs per stage (controller, reconstruction, refining; default 1,2,1; --quick 1,1,1).")]
        public string? GanEpochs { get; init; }
        [CommandOption("--classifier <NAME>"), Description("CNN preset: small, default, wide."), DefaultValue("default")]
        public string Classifier { get; init; } = "default";
        [CommandOption("--classifier-epochs <N>"), Description("CNN epochs (default 10; --quick: 6).")]
        public int? ClassifierEpochs { get; init; }
        [CommandOption("--samples-per-epoch <N>"), Description("Rows per CNN epoch, equal for every count (default 1500; --quick: 480).")]
        public int? SamplesPerEpoch { get; init; }
        [CommandOption("--quick"), Description("A CI-sized sweep (under 2 minutes): small data, one seed, counts 0/300/600, short training.")]
        public bool Quick { get; init; }
        [CommandOption("--out <DIR>"), Description("Results folder (default: results/<dataset>, or results/<dataset>-quick).")]
        public string? Out { get; init; }
        [CommandOption("--cache <DIR>"), Description("Where trained GANs are kept and reused (default: runs/sweep-cache).")]
        public string? Cache { get; init; }
        [CommandOption("--fresh"), Description("Forget finished cells and start over (cached GANs are still reused).")]
        public bool Fresh { get; init; }
        [CommandOption("--threads <N>"), Description("torch.set_num_threads."), DefaultValue(2)]
        public int Threads { get; init; } = 2;
        [CommandOption("--backend <NAME>"), Description("Renders synthetic images with onnx (ONNX Runtime, CPU, faster here) or torch (TorchSharp, CUDA-capable)."), DefaultValue("onnx")]
        public string Backend { get; init; } = "onnx";
        [CommandOption("--device <DEVICE>"), Description("auto, cpu or cuda."), DefaultValue("auto")]
        public string Device { get; init; } = "auto";
        [CommandOption("--allow-weak-generator"), Description("Render synthetic rows even with a generator that fails the quality gates (docs/evaluation.md); the failure is recorded in summary.md. --quick implies it.")]
        public bool AllowWeakGenerator { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        torch.set_num_threads(s.Threads);
        var dataset = DatasetCatalog.CanonicalName(s.Dataset)!;
        var options = SweepDefaults.For(dataset, s.Quick);
        options = options with
        {
            DataPath = s.Data,
            Counts = s.Counts is { } c ? ParseList(c, "--counts") : options.Counts,
            Seeds = s.Seeds is { } sd ? ParseList(sd, "--seeds") : options.Seeds,
            Folds = s.Folds,
            GanPreset = s.GanPreset ?? options.GanPreset,
            GanEpochs = s.GanEpochs is { } ge ? ParseList(ge, "--gan-epochs") : options.GanEpochs,
            ClassifierPreset = s.Classifier,
            ClassifierEpochs = s.ClassifierEpochs ?? options.ClassifierEpochs,
            ClassifierSamplesPerEpoch = s.SamplesPerEpoch ?? options.ClassifierSamplesPerEpoch,
            ImageSize = s.Size ?? options.ImageSize,
            Rgb = s.Rgb,
            Threads = s.Threads,
            // A CI-sized GAN never passes the gates; --quick still measures and records them.
            Gate = options.Gate with { AllowWeakGenerator = s.AllowWeakGenerator || s.Quick },
            Backend = s.Backend.Trim().ToLowerInvariant() switch
            {
                "onnx" => Augment.Augmentation.GeneratorBackend.Onnx,
                "torch" or "torchsharp" => Augment.Augmentation.GeneratorBackend.TorchSharp,
                _ => throw new ArgumentException($"--backend must be onnx or torch, got '{s.Backend}'."),
            },
        };
        var root = DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory();
        var outDir = s.Out ?? Path.Combine(root, "results", dataset + (s.Quick ? "-quick" : ""));
        var cache = s.Cache ?? Path.Combine(root, "runs", "sweep-cache");

        var load = s.ToLoadOptions() with { Width = options.ImageSize, Height = options.ImageSize, MaxImages = s.MaxImages ?? options.MaxImages };
        var set = DatasetCatalog.Create(dataset, s.Data, load, SweepDefaults.Procedural(s.Quick, options.ImageSize, s.Seed, s.Rgb)).Load(out var report);
        DatasetSettings.PrintReport(report);
        var plan = SweepCell.Enumerate(options.Folds ?? 1, options).Count;
        AnsiConsole.MarkupLineInterpolated($"[bold]sweep[/] {plan} cells: counts {string.Join(",", options.Counts)} x seeds {string.Join(",", options.Seeds)} x {options.Variants.Count} variants -> {outDir}");

        using var backend = new FaceSweepBackend(options, set, cache, DeviceChoice.Parse(s.Device));
        var command = "dotnet run --project Experiments -- sweep " + string.Join(" ", context.Arguments.Where(a => a != "sweep"));
        Augment.Sweep.Results.CellStore store;
        try
        {
            store = new SweepRunner(options, backend, outDir, new ConsoleProgress()).Run(command.TrimEnd(), s.Fresh);
        }
        catch (Augment.Sweep.Gates.WeakGeneratorException e)
        {
            AnsiConsole.MarkupLine("[red]refused[/]: " + Markup.Escape(e.Message));
            return 3;
        }
        AnsiConsole.MarkupLineInterpolated($"[green]done[/]: {store.Cells.Count} cells; see {Path.Combine(outDir, "summary.md")}");
        return 0;
    }

    static int[] ParseList(string text, string option)
    {
        try { return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray(); }
        catch (FormatException) { throw new ArgumentException($"{option} expects comma-separated integers, got '{text}'."); }
    }
}
