using System.ComponentModel;
using System.Diagnostics;
using Augment.Classifier;
using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Microsoft.ML;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>k-fold subject-independent cross-validation of the CNN (with and/or without flips and shifts) and the
/// LBFGS baseline on one data set; writes results/&lt;dataset&gt;/classifier-cv.md (see --name) and CSV tables.</summary>
public sealed class ClassifyCvCommand : Command<ClassifyCvCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dataset <NAME>"), Description("ck48, folder (a folder per class, needs --data) or procedural."), DefaultValue("ck48")]
        public string Dataset { get; init; } = "ck48";
        [CommandOption("--data <PATH>"), Description("Data folder; ck48 defaults to $AUGMENT_CK48, else ../shared/datasets/ck48 beside the repository.")]
        public string? Data { get; init; }
        [CommandOption("--size <PX>"), Description("Resize images to PX x PX (default: keep the source size, 48 for CK+48).")]
        public int? Size { get; init; }
        [CommandOption("--folds <K>"), Description("Number of subject-independent folds."), DefaultValue(10)]
        public int Folds { get; init; } = 10;
        [CommandOption("--only-folds <N>"), Description("Run only the first N folds (quick checks; the report says so).")]
        public int? OnlyFolds { get; init; }
        [CommandOption("--epochs <N>"), Description("CNN training epochs."), DefaultValue(30)]
        public int Epochs { get; init; } = 30;
        [CommandOption("--batch <N>"), Description("CNN mini-batch size."), DefaultValue(32)]
        public int Batch { get; init; } = 32;
        [CommandOption("--lr <RATE>"), Description("CNN learning rate (AdamW, cosine schedule)."), DefaultValue(1e-3)]
        public double LearningRate { get; init; } = 1e-3;
        [CommandOption("--weight-decay <W>"), Description("CNN AdamW weight decay."), DefaultValue(1e-4)]
        public double WeightDecay { get; init; } = 1e-4;
        [CommandOption("--arch <NAME>"), Description("CNN architecture preset: default, wide or small."), DefaultValue("default")]
        public string Architecture { get; init; } = "default";
        [CommandOption("--augment <MODE>"), Description("CNN runs: off (no flips/shifts), on (flips + shifts), both, or none (baseline only)."), DefaultValue("both")]
        public string Augment { get; init; } = "both";
        [CommandOption("--max-shift <PX>"), Description("Largest shift of the augmentation, in pixels."), DefaultValue(3)]
        public int MaxShift { get; init; } = 3;
        [CommandOption("--validation <FRACTION>"), Description("Share of each fold's training subjects held out to pick the best epoch (0 = keep the last)."), DefaultValue(0.1)]
        public double Validation { get; init; } = 0.1;
        [CommandOption("--baseline"), Description("Also run the ML.NET baseline (pixels -> NormalizeMeanVariance -> LbfgsMaximumEntropy).")]
        public bool Baseline { get; init; }
        [CommandOption("--seed <N>"), Description("Seed of the folds and (derived per fold) of every model."), DefaultValue(1)]
        public int Seed { get; init; } = 1;
        [CommandOption("--threads <N>"), Description("torch.set_num_threads and the baseline's thread count."), DefaultValue(2)]
        public int Threads { get; init; } = 2;
        [CommandOption("--device <DEVICE>"), Description("auto, cpu or cuda."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";
        [CommandOption("--out <DIR>"), Description("Output folder (default: results/<dataset>/ in the repository).")]
        public string? Out { get; init; }
        [CommandOption("--name <STEM>"), Description("File name stem of the report: <STEM>.md and <STEM>.*.csv."), DefaultValue("classifier-cv")]
        public string Name { get; init; } = "classifier-cv";

        public override ValidationResult Validate() =>
            Augment is "off" or "on" or "both" or "none" ? ValidationResult.Success() : ValidationResult.Error("--augment must be off, on, both or none.");
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        torch.set_num_threads(s.Threads);
        var device = DeviceChoice.Parse(s.Device);
        var (loader, source) = Loader(s);
        using var set = loader.Load(out var report, new ConsoleProgress());
        AnsiConsole.WriteLine(report.ToString());

        var folds = SubjectFolds.Make(set, s.Folds, s.Seed).Take(s.OnlyFolds ?? s.Folds).ToArray();
        var ml = new MLContext(seed: s.Seed);
        var cnn = new ExpressionCnnOptions
        {
            SubjectColumnName = FaceSetDataView.Subject,
            Channels = set.Channels, Height = set.Height, Width = set.Width, Scale = PixelScale.MinusOneToOne,
            Architecture = CnnArchitecture.Parse(s.Architecture),
            Epochs = s.Epochs, BatchSize = s.Batch, LearningRate = s.LearningRate, WeightDecay = s.WeightDecay,
            MaxShift = s.MaxShift, ValidationFraction = s.Validation, Device = device, Threads = s.Threads,
            Progress = new ConsoleProgress(),
        };

        var models = new List<(string Name, string Options, Func<Fold, IEstimator<ITransformer>> Make)>();
        foreach (var augment in (s.Augment switch { "off" => [false], "on" => [true], "both" => new[] { false, true }, _ => [] }))
        {
            var options = cnn with { Augment = augment };
            models.Add((augment ? "cnn+flip+shift" : "cnn", Describe(options),
                fold => ml.MulticlassClassification.Trainers.ExpressionCnn(options with { Seed = Seeding.Derive(s.Seed, "fold", fold.Index) })));
        }
        if (s.Baseline)
            models.Add((LbfgsBaseline.Name, "raw pixels -> NormalizeMeanVariance -> LbfgsMaximumEntropy (ML.NET defaults: L1 = L2 = 1)",
                _ => LbfgsBaseline.Create(ml, threads: s.Threads)));
        if (models.Count == 0) throw new ArgumentException("Nothing to run: --augment none without --baseline.");

        var outDir = s.Out ?? Path.Combine(RepositoryRoot(), "results", s.Dataset);
        var notes = report.Notes.ToList();
        if (s.OnlyFolds is { } only && only < s.Folds) notes.Add($"only the first {only} of {s.Folds} folds were run.");
        var results = new List<CrossValidationResult>();
        var clock = Stopwatch.StartNew();
        foreach (var (name, options, make) in models)
        {
            AnsiConsole.WriteLine($"== {name}: {options}");
            results.Add(CrossValidation.Run(ml, set, folds, name, make, new ConsoleProgress()));
            var r = results[^1];
            AnsiConsole.WriteLine($"== {name}: accuracy {100 * r.AccuracyMean:0.0}% ± {100 * r.AccuracyStd:0.0}, macro-F1 {100 * r.MacroF1Mean:0.0}%, {r.Seconds:0} s");
            var runContext = new CrossValidationContext(CommandLine(), s.Dataset, source, Summary(set), s.Folds, s.Seed,
                MachineInfo.Current(), models.Take(results.Count).ToDictionary(m => m.Name, m => m.Options), notes);
            var path = CrossValidationReport.Write(outDir, s.Name, runContext, results);   // after every model: a cut run keeps what it did
            AnsiConsole.WriteLine($"wrote {path} ({clock.Elapsed:h\\:mm\\:ss} so far)");
        }
        return 0;
    }

    static (IFaceSetLoader Loader, string Source) Loader(Settings s)
    {
        var options = new FaceLoadOptions { Size = s.Size, Seed = s.Seed };
        switch (s.Dataset)
        {
            case "ck48":
                var ck48 = s.Data ?? Environment.GetEnvironmentVariable("AUGMENT_CK48") ?? Path.Combine(RepositoryRoot(), "..", "shared", "datasets", "ck48");
                if (!Directory.Exists(ck48)) throw new DirectoryNotFoundException($"CK+48 folder '{ck48}' not found: give --data or set AUGMENT_CK48.");
                return (new FolderFaceSetLoader(Path.GetFullPath(ck48), options, "ck48"), Path.GetFullPath(ck48));
            case "folder":
                var folder = s.Data ?? throw new ArgumentException("--dataset folder needs --data <PATH>.");
                return (new FolderFaceSetLoader(Path.GetFullPath(folder), options, "folder"), Path.GetFullPath(folder));
            case "procedural":
                var procedural = new ProceduralFaces(new ProceduralOptions { Seed = s.Seed, Size = s.Size ?? 64 });
                return (procedural, procedural.Source);
            default:
                throw new ArgumentException($"Unknown --dataset '{s.Dataset}': use ck48, folder or procedural.");
        }
    }

    static string Describe(ExpressionCnnOptions o) =>
        $"CNN {o.Architecture}, {o.Channels}x{o.Height}x{o.Width} in [-1, 1], {o.Epochs} epochs, batch {o.BatchSize}, AdamW lr {o.LearningRate} " +
        $"(cosine), weight decay {o.WeightDecay}, augmentation {(o.Augment ? $"flip + shift ≤ {o.MaxShift} px" : "none")}, " +
        $"best epoch on {o.ValidationFraction:P0} of the training subjects, seed derived per fold, {o.Threads} threads, {o.Device}";

    static string Summary(FaceSet set) =>
        $"{set.Count} images, {set.Subjects.Distinct().Count()} subjects, {set.Channels}x{set.Height}x{set.Width}; " +
        string.Join(", ", set.ClassNames.Zip(set.ClassCounts(), (n, c) => $"{n} {c}"));

    static string CommandLine() => "augment " + string.Join(" ", Environment.GetCommandLineArgs().Skip(1));

    /// <summary>The folder holding Augment.sln, found from the working directory upward.</summary>
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Augment.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Augment.sln not found above the working directory: give --out (and --data).");
    }
}
