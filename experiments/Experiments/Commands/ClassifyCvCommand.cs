using System.ComponentModel;
using System.Diagnostics;
using Augment.Classifier;
using Augment.Core;
using Augment.Data;
using Augment.Data.Splits;
using Augment.Experiments.Options;
using Microsoft.ML;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>k-fold subject-independent cross-validation of the CNN (with and/or without flips and shifts) and the
/// LBFGS baseline on one data set; writes results/&lt;dataset&gt;/classifier-cv.md (see --name) and CSV tables.</summary>
[Description("Subject-independent k-fold cross-validation of the expression CNN (optionally with classic augmentation and the LBFGS baseline).")]
public sealed class ClassifyCvCommand : Command<ClassifyCvCommand.Settings>
{
    /// <summary>Data options (--dataset, --data, --size, --seed, ...) come from <see cref="DatasetSettings"/>.</summary>
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--folds <K>"), Description("Number of subject-independent folds."), DefaultValue(10)]
        public int Folds { get; init; } = 10;
        [CommandOption("--only-folds <N>"), Description("Run only the first N folds (quick checks; the report says so).")]
        public int? OnlyFolds { get; init; }
        [CommandOption("--epochs <N>"), Description("CNN training epochs."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.Epochs))]
        public int Epochs { get; init; }
        [CommandOption("--batch <N>"), Description("CNN mini-batch size."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.BatchSize))]
        public int Batch { get; init; }
        [CommandOption("--lr <RATE>"), Description("CNN learning rate (AdamW, cosine schedule)."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.LearningRate))]
        public double LearningRate { get; init; }
        [CommandOption("--weight-decay <W>"), Description("CNN AdamW weight decay."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.WeightDecay))]
        public double WeightDecay { get; init; }
        [CommandOption("--arch <NAME>"), Description("CNN architecture: small, default, s2d, wide, or WIDTHS[[/fcN]][[/dropP]][[/convK]][[/s2d]]; several, comma-separated, are run on the same folds and seeds and compared paired."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.Architecture))]
        public string Architecture { get; init; } = "";
        [CommandOption("--augment <MODE>"), Description("CNN runs: off (no flips/shifts), on (flips + shifts), both, or none (baseline only)."), DefaultValue("both")]
        public string Augment { get; init; } = "both";
        [CommandOption("--max-shift <PX>"), Description("Largest shift of the augmentation, in pixels."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.MaxShift))]
        public int MaxShift { get; init; }
        [CommandOption("--validation <FRACTION>"), Description("Share of each fold's training subjects held out to pick the best epoch (0 = keep the last)."), LibraryDefault(typeof(ExpressionCnnOptions), nameof(ExpressionCnnOptions.ValidationFraction))]
        public double Validation { get; init; }
        [CommandOption("--baseline"), Description("Also run the ML.NET baseline (pixels -> NormalizeMeanVariance -> LbfgsMaximumEntropy).")]
        public bool Baseline { get; init; }
        [CommandOption("--out <DIR>"), Description("Output folder (default: results/<dataset>/ in the repository).")]
        public string? Out { get; init; }
        [CommandOption("--name <STEM>"), Description("File name stem of the report: <STEM>.md and <STEM>.*.csv."), DefaultValue("classifier-cv")]
        public string Name { get; init; } = "classifier-cv";

        public override ValidationResult Validate() =>
            Augment is not ("off" or "on" or "both" or "none") ? ValidationResult.Error("--augment must be off, on, both or none.")
            : Folds < 2 ? ValidationResult.Error("--folds must be at least 2.")
            : base.Validate();
    }

    /// <summary>The architectures of --arch, in order (one CNN run per architecture and augmentation mode).</summary>
    public static IReadOnlyList<CnnArchitecture> Architectures(Settings s)
    {
        var archs = s.Architecture.Split(',', StringSplitOptions.TrimEntries).Select(CnnArchitecture.Parse).ToArray();
        if (archs.GroupBy(a => a.ToString()).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new ArgumentException($"--arch lists {dup.Key} more than once.");
        return archs;
    }

    /// <summary>The CNN options of the command line with its first architecture (the data set's shape is added once it
    /// is loaded).</summary>
    public static ExpressionCnnOptions BuildOptions(Settings s)
    {
        // The device resolved, so the report says where the CNN ran.
        var torch = s.ToTorchOptions().Resolved();
        return new ExpressionCnnOptions
        {
            SubjectColumnName = FaceSetDataView.Subject, Scale = PixelScale.MinusOneToOne,
            Architecture = Architectures(s)[0],
            Epochs = s.Epochs, BatchSize = s.Batch, LearningRate = s.LearningRate, WeightDecay = s.WeightDecay,
            MaxShift = s.MaxShift, ValidationFraction = s.Validation, Device = torch.Device, Threads = torch.Threads,
        };
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        s.ToTorchOptions().Apply();
        var data = s.ToDataOptions();
        using var set = DatasetLoading.Load(data, out var loader, out var report);

        // --seed drives the data loading, the folds and (derived per fold) every model.
        var seed = data.Load.Seed;
        var folds = SubjectSplitter.KFold(set, s.Folds, seed).Take(s.OnlyFolds ?? s.Folds).ToArray();
        var ml = new MLContext(seed: seed);
        var cnn = BuildOptions(s) with
        {
            Channels = set.Channels, Height = set.Height, Width = set.Width, Progress = new ConsoleProgress(),
        };

        var models = new List<(string Name, string Options, Func<int, IEstimator<ITransformer>> Make)>();
        var architectures = Architectures(s);
        foreach (var arch in architectures)
        foreach (var augment in (s.Augment switch { "off" => [false], "on" => [true], "both" => new[] { false, true }, _ => [] }))
        {
            var options = cnn with { Architecture = arch, Augment = augment };
            // One architecture keeps the historical names (cnn, cnn+flip+shift); several are told apart by theirs.
            var name = (architectures.Count == 1 ? "cnn" : $"cnn {arch.Name}") + (augment ? "+flip+shift" : "");
            models.Add((name, Describe(options),
                fold => ml.MulticlassClassification.Trainers.ExpressionCnn(options with { Seed = Seeding.Derive(seed, "fold", fold) })));
        }
        if (s.Baseline)
            models.Add((LbfgsBaseline.Name, "raw pixels -> NormalizeMeanVariance -> LbfgsMaximumEntropy (ML.NET defaults: L1 = L2 = 1)",
                _ => LbfgsBaseline.Create(ml, threads: s.Threads)));
        if (models.Count == 0) throw new ArgumentException("Nothing to run: --augment none without --baseline.");

        var dataset = data.Name;
        var outDir = s.Out ?? Path.Combine(DatasetCatalog.FindRepoRoot() ?? throw new DirectoryNotFoundException(
            "Augment.sln not found above the working directory: give --out."), "results", dataset);
        var notes = report.Notes.ToList();
        if (folds.FirstOrDefault(f => !f.SubjectIndependent) is { } mixed)
            notes.Add($"the folds are NOT subject-independent ({mixed.Description}): read the figures as optimistic.");
        if (s.OnlyFolds is { } only && only < s.Folds) notes.Add($"only the first {only} of {s.Folds} folds were run.");
        var results = new List<CrossValidationResult>();
        var clock = Stopwatch.StartNew();
        foreach (var (name, options, make) in models)
        {
            AnsiConsole.WriteLine($"== {name}: {options}");
            results.Add(CrossValidation.Run(ml, set, folds, name, make, new ConsoleProgress()));
            var r = results[^1];
            AnsiConsole.WriteLine($"== {name}: accuracy {100 * r.AccuracyMean:0.0}% ± {100 * r.AccuracyStd:0.0}, macro-F1 {100 * r.MacroF1Mean:0.0}%, {r.Seconds:0} s");
            var runContext = new CrossValidationContext(CommandLine(), dataset, loader.Source, Summary(set), s.Folds, seed,
                MachineInfo.Current(torch.get_num_threads()), models.Take(results.Count).ToDictionary(m => m.Name, m => m.Options), notes);
            var path = CrossValidationReport.Write(outDir, s.Name, runContext, results);   // after every model: a cut run keeps what it did
            AnsiConsole.WriteLine($"wrote {path} ({clock.Elapsed:h\\:mm\\:ss} so far)");
        }
        return 0;
    }

    static string Describe(ExpressionCnnOptions o) =>
        $"CNN {o.Architecture}, {o.Channels}x{o.Height}x{o.Width} in [-1, 1], {o.Epochs} epochs, batch {o.BatchSize}, AdamW lr {o.LearningRate} " +
        $"(cosine), weight decay {o.WeightDecay}, augmentation {(o.Augment ? $"flip + shift ≤ {o.MaxShift} px" : "none")}, " +
        $"best epoch on {o.ValidationFraction:P0} of the training subjects, seed derived per fold, {o.Threads} threads, {o.Device}";

    static string Summary(FaceSet set) =>
        $"{set.Count} images, {set.Subjects.Distinct().Count()} subjects, {set.Channels}x{set.Height}x{set.Width}; " +
        string.Join(", ", set.ClassNames.Zip(set.ClassCounts(), (n, c) => $"{n} {c}"));

    static string CommandLine() => "augment " + string.Join(" ", Environment.GetCommandLineArgs().Skip(1));
}
