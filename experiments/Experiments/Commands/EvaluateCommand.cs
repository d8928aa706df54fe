using System.ComponentModel;
using Augment.Classifier;
using Augment.Data;
using Augment.Data.Procedural;
using Augment.Evaluation;
using Augment.Evaluation.Editing;
using Augment.Evaluation.Judging;
using Augment.Evaluation.Runs;
using Augment.Experiments.Options;
using Augment.ExprGan;
using Augment.Identity;
using Augment.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("Editing quality of a trained generator on held-out subjects: expression accuracy, intensity control, identity, reconstruction (report.md, metrics.csv, plots).")]
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--generator <FILE>")][Description("Generator checkpoint (generator.exprgan of a train run; its split.json and run.json are read from the same folder).")]
        public string Generator { get; set; } = "";

        [CommandOption("--holdout-subjects <FRACTION>")][Description("Recompute the hold-out (fraction of subjects, with --seed) instead of reading split.json; must match it when both exist.")]
        public double? HoldoutSubjects { get; set; }

        [CommandOption("--judge-epochs <N>")][Description("Epochs of the judge CNN (trained on real training-subject images only).")]
        [LibraryDefault(typeof(JudgeOptions), nameof(JudgeOptions.Epochs))]
        public int JudgeEpochs { get; init; }

        [CommandOption("--judge-validation <FRACTION>")][Description("Share of the training subjects the judge holds out to pick its epoch (0: keep the last epoch).")]
        [LibraryDefault(typeof(JudgeOptions), nameof(JudgeOptions.ValidationFraction))]
        public double JudgeValidation { get; init; }

        [CommandOption("--judge-augment <BOOL>")][Description("Random flips and shifts while the judge trains (true or false).")]
        [LibraryDefault(typeof(JudgeOptions), nameof(JudgeOptions.Augment))]
        public bool JudgeAugment { get; init; }

        [CommandOption("--judge <NAME>")][Description("Judge CNN preset: small, default, s2d, wide. Default: small below 32 px, else default.")]
        public string? Judge { get; init; }

        [CommandOption("--phi-layer <NAME>")][Description("ResNet18 stage pooled into identity features (stem, layer1..layer4). Default: the deepest that fits the image size.")]
        public string? PhiLayer { get; set; }

        [CommandOption("--intensity-levels <N>")][Description("Requested intensities 0..1 in N evenly spaced steps.")]
        [LibraryDefault(typeof(EvaluationOptions), nameof(EvaluationOptions.IntensityLevels))]
        public int IntensityLevels { get; init; }

        [CommandOption("--max-test-images <N>")][Description("Evaluate at most N held-out images (seeded choice).")]
        public int? MaxTestImages { get; set; }

        [CommandOption("--intensity-gate <READING>")][Description(IntensityGateOption.Help)]
        public string? IntensityGate { get; set; }

        [CommandOption("--out <DIR>")][Description("Output folder. Default: runs/evaluate-<dataset>-<generator's folder> (never results/: copy a report there on purpose). edit-grid.png goes to its private/ unless the data set is procedural.")]
        public string? Out { get; set; }

        public override ValidationResult Validate()
        {
            if (Generator.Length == 0) return ValidationResult.Error("--generator is required.");
            if (HoldoutSubjects is <= 0 or >= 1) return ValidationResult.Error("--holdout-subjects must be a fraction in (0, 1).");
            if (JudgeEpochs < 1) return ValidationResult.Error("--judge-epochs must be positive.");
            if (JudgeValidation is < 0 or >= 1) return ValidationResult.Error("--judge-validation must be in [0, 1).");
            if (IntensityLevels < 2) return ValidationResult.Error("--intensity-levels must be at least 2.");
            if (MaxTestImages is < 1) return ValidationResult.Error("--max-test-images must be positive.");
            if (IntensityGateOption.Error(IntensityGate) is { } gate) return ValidationResult.Error(gate);
            return base.Validate();
        }
    }

    /// <summary>A run folder of its own under runs/, so the default never replaces committed results (issue 10 item 13).</summary>
    public static string DefaultOut(string root, string dataset, string generator) =>
        Path.Combine(root, "runs", $"evaluate-{dataset}-{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(generator)))}");

    /// <summary>How the judge is trained and edits are read: the library's defaults with what was typed over them.</summary>
    public static (JudgeOptions Judge, EvaluationOptions Evaluation) BuildOptions(Settings s) =>
        (new JudgeOptions
        {
            Epochs = s.JudgeEpochs, Architecture = s.Judge, ValidationFraction = s.JudgeValidation, Augment = s.JudgeAugment,
        }, new EvaluationOptions { IntensityLevels = s.IntensityLevels });

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var torchOptions = s.ToTorchOptions();
        var device = torchOptions.Apply();
        var (judge, evaluation) = BuildOptions(s);
        using var generator = ExprGanGenerator.Load(s.Generator, device);
        var run = GeneratorRun.Read(s.Generator);
        // Edits are scored at the size the generator draws, unless --size says otherwise.
        var asked = s.ToDataOptions();
        var seed = asked.Load.Seed;
        using var all = DatasetLoading.Load(asked with { Load = asked.Load with { Size = asked.Load.Size ?? generator.Info.Height } },
            out var loader, out _);
        GeneratorCompatibility.Check(generator.Info, all, $"'{run.GeneratorPath}'");
        using var data = HeldOutData.Resolve(all, loader.Name, run, s.HoldoutSubjects, seed, generator.TrainingSetHash);
        AnsiConsole.MarkupLineInterpolated($"held out: {data.Split} ({data.Source}); training data {data.HashCheck}");

        var layer = s.PhiLayer ?? IdentityFeatures.ResNet18LayerFor(generator.Info.Height);
        using var phi = IdentityNetworks.Create(new IdentityNetworkOptions { Layers = [layer] }, device);
        var parameters = loader is ProceduralFaces procedural ? procedural.Identities.ToDictionary(i => i.Subject, i => i.ToVector()) : null;
        using var neutral = loader is ProceduralFaces faces ? faces.NeutralVersions(data.Test) : null;
        var root = DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory();
        // Reports name files relative to the repository, so a committed report does not carry this machine's paths.
        string Shown(string path) => Path.GetRelativePath(root, Path.GetFullPath(path));
        var subjects = all.Subjects.Where(x => x != null).Distinct().Count();

        var request = new EvaluationRequest
        {
            Generator = generator, GeneratorPath = Shown(run.GeneratorPath), Train = data.Train, Test = data.Test,
            Phi = phi, PhiDescription = $"ResNet18 (Microsoft.ML.DnnImageFeaturizer.ResNet18, ImageNet) {layer}, globally average-pooled",
            IdentityParameters = parameters, Neutral = neutral,
            Judge = judge.For(generator.Info.Height) with { Threads = torchOptions.Threads, Device = torchOptions.Device },
            Options = evaluation,
            Gates = IntensityGateOption.Apply(new(), s.IntensityGate),
            MaxTestImages = s.MaxTestImages, Seed = seed,
            OutputDirectory = s.Out ?? DefaultOut(root, loader.Name, s.Generator),
            PublicFaces = loader is ProceduralFaces,
            Provenance = new EvaluationProvenance
            {
                Command = "dotnet run --project Experiments -- evaluate " + string.Join(" ", context.Arguments.Where(a => a != "evaluate")),
                Dataset = loader.Name,
                DatasetDescription = $"{loader.Name} from {loader.Source}: {all.Count} images, {all.ClassCount} classes, {subjects} subjects, {all.Width}x{all.Height}x{all.Channels}",
                Split = data.Split.ToString(), SplitSource = data.Source.Replace(root + Path.DirectorySeparatorChar, ""), HashCheck = data.HashCheck,
                RunJsonPath = run.RunJsonPath is { } json ? Shown(json) : null, GeneratorRunOptions = run.RunOptions, Device = device.ToString(),
            },
        };
        var (result, files) = EvaluationRunner.Run(request, new ConsoleProgress());

        // Only numbers are interpolated into the markup, so nothing needs escaping.
        AnsiConsole.MarkupLine($"[bold]edit accuracy[/] {result.Accuracy.Overall:P1} (judge on real test faces {result.Accuracy.RealOverall:P1}); " +
            $"[bold]intensity ρ[/] {result.Intensity.MeanSpearman:0.000}; [bold]identity[/] phi {result.PhiIdentity.ShareAbove:P1}, z {result.ZIdentity.ShareAbove:P1} above the different-subject median; " +
            $"[bold]reconstruction[/] L1 {result.Reconstruction.L1:0.0000}, SSIM {result.Reconstruction.Ssim:0.000}");
        if (result.IntensityRecovery is { } ir) AnsiConsole.MarkupLineInterpolated($"intensity recovery MAE {ir.EditMae:0.000} (real {ir.RealMae:0.000})");
        if (result.IdentityAccuracy is { } ia) AnsiConsole.MarkupLineInterpolated($"identity accuracy {ia.EditShare:P1} (real {ia.RealShare:P1}, chance {ia.Chance:P1})");
        if (result.NearestFace is { } nf)
            foreach (var share in nf.Shares.Where(x => x.Intensity == 1f))
                AnsiConsole.MarkupLineInterpolated($"nearest real face ({share.Features}, intensity 1): own subject {share.Share:P1} (chance {share.Chance:P1}, real-image ceiling {share.Ceiling:P1})");
        if (result.Gates is { } gates)
        {
            AnsiConsole.MarkupLine(gates.Passed ? "[bold green]quality gates: PASS[/]" : $"[bold red]quality gates: FAIL[/] ({gates.Failed.Count} of {gates.Gates.Count})");
            foreach (var g in gates.Gates) AnsiConsole.MarkupLine((g.Pass ? "  [green]pass[/] " : "  [red]FAIL[/] ") + Markup.Escape(g.Detail));
        }
        AnsiConsole.MarkupLineInterpolated($"-> {files.Report}, {files.Metrics}, {files.IntensityCurves}, {files.EditGrid}");
        return 0;
    }
}
