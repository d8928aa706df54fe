using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Augment.Core;
using Augment.Data;
using Augment.Data.Splits;
using Augment.Evaluation.Reports;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using Augment.Torch;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

[Description("Train ExprGAN (3 stages) on a data set; checkpoints every epoch, --resume continues a killed run.")]
public sealed class TrainCommand : Command<TrainCommand.Settings>
{
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--preset <NAME>")][Description("The paper's design: tiny (16x16, tests), small (32x32), cpu (64x64, narrow), paper (128x128, the original widths). Identity-preserving (docs/identity-preserving.md): ip-small (32x32), ip (48x48).")][DefaultValue("cpu")]
        public string Preset { get; set; } = "cpu";

        [CommandOption("--epochs <S1,S2,S3>")][Description("Epochs of stage 1 (controller), 2 (reconstruction), 3 (refining). Default: the preset's.")]
        public string? Epochs { get; set; }

        [CommandOption("--batch <N>")][Description("Batch size. Default: the preset's (paper 48).")]
        public int? Batch { get; set; }

        [CommandOption("--lr <RATE>")][Description("Adam learning rate (beta1 0.5).")][DefaultValue(2e-4)]
        public double LearningRate { get; set; } = 2e-4;

        [CommandOption("--code-dims <D>")][Description("Code dimensions per class d. Default: the preset's (paper 5).")]
        public int? CodeDims { get; set; }

        [CommandOption("--weights-s1 <W>")][Description("Stage 1 loss weights pixel,id,q,adv_img,adv_z,tv (default 0,0,1,1,0,0).")]
        public string? WeightsStage1 { get; set; }

        [CommandOption("--weights-s2 <W>")][Description("Stage 2 loss weights (default 1,1,0.1,0,0,0.001: Q at 0.1, see docs/exprgan.md).")]
        public string? WeightsStage2 { get; set; }

        [CommandOption("--weights-s3 <W>")][Description("Stage 3 loss weights (default 1,1,0.1,0.01,0.01,0.001).")]
        public string? WeightsStage3 { get; set; }

        [CommandOption("--intensity-target <KIND>")][Description("Identity-preserving design: weighted (paper prior, intensity-weighted cross-entropy), graded (P(target) = intensity) or mixture (one intensity per edit; intensity x target + (1 - intensity) x uniform). Default: the preset's.")]
        public IntensityTarget? IntensityTarget { get; set; }

        [CommandOption("--mask-logit-cap <X>")][Description("Identity-preserving design: penalise |mask logit| above X so the mask cannot saturate (e.g. 4).")]
        public float? MaskLogitCap { get; set; }

        [CommandOption("--identity <KIND>")][Description("Identity network phi: resnet18 (default; tiny preset: none), none, or random (a fixed random-conv STAND-IN).")]
        public string? Identity { get; set; }

        [CommandOption("--identity-layers <LIST>")][Description("ResNet18 feature layers for the identity loss (stem, layer1..layer4; default all).")]
        public string? IdentityLayers { get; set; }

        [CommandOption("--holdout-subjects <FRACTION>")][Description("Train only on the train side of a subject-independent hold-out of this fraction of subjects (split written to the run folder).")]
        public double? HoldoutSubjects { get; set; }

        [CommandOption("--threads <N>")][Description("torch threads (1 or more). Idle threads sleep (OMP_WAIT_POLICY=PASSIVE unless set), so a busy machine costs little; see results/benchmarks/threads.md.")][DefaultValue(2)]
        public int Threads { get; set; } = 2;

        [CommandOption("--device <DEVICE>")][Description("auto, cpu or cuda.")][DefaultValue("auto")]
        public string Device { get; set; } = "auto";

        [CommandOption("--out <DIR>")][Description("Run folder (checkpoint, generator, losses, grids). Default: runs/exprgan-<dataset>-<preset>.")]
        public string? Out { get; set; }

        [CommandOption("--resume")][Description("Continue the checkpoint in --out from its last finished epoch.")]
        public bool Resume { get; set; }

        [CommandOption("--grid-images <N>")][Description("Inputs shown in the epoch-end grid.")][DefaultValue(8)]
        public int GridImages { get; set; } = 8;

        [CommandOption("--drop-degenerate-classes")][Description("Drop classes with too few images (on either side of --holdout-subjects) instead of refusing; run.json lists them.")]
        public bool DropDegenerateClasses { get; set; }

        public override ValidationResult Validate()
        {
            try { ExprGanPreset.Get(Preset); ParseEpochs(Epochs); }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            if (HoldoutSubjects is <= 0 or >= 1) return ValidationResult.Error("--holdout-subjects must be a fraction in (0, 1).");
            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        torch.set_num_threads(s.Threads);
        var guard = ConvolutionGuard.Outcome;
        var device = DeviceChoice.Resolve(DeviceChoice.Parse(s.Device));
        var preset = ExprGanPreset.Get(s.Preset);
        s.Size ??= preset.ImageSize;
        var epochs = ParseEpochs(s.Epochs) ?? preset.DefaultEpochs;
        using var all = DatasetSettings.Load(s.Dataset, s.Data, s.ToLoadOptions());
        var name = DatasetCatalog.CanonicalName(s.Dataset)!;
        var outDir = Path.GetFullPath(s.Out ?? Path.Combine("runs", $"exprgan-{name}-{preset.Name}"));

        // Everything is checked before anything is written to the run folder (issue 10 item 9): a refused command
        // leaves the folder as it was.
        var (set, split, dropped) = TrainingSide(all, s);
        using var _ = set;
        // --size is honoured: the preset gives widths, the data gives the image size (e.g. the sweep's 48x48 GANs).
        var arch = preset.Architecture(set.Channels, set.ClassCount, s.CodeDims) with { ImageSize = set.Width };
        var options = (preset.TrainingOptions(epochs, s.Seed) with
        {
            BatchSize = s.Batch ?? preset.BatchSize, LearningRate = s.LearningRate, GridImages = s.GridImages,
            Stage1 = ParseWeights(s.WeightsStage1) ?? preset.WeightsOf(1), Stage2 = ParseWeights(s.WeightsStage2) ?? preset.WeightsOf(2),
            Stage3 = ParseWeights(s.WeightsStage3) ?? preset.WeightsOf(3),
            IntensityTarget = s.IntensityTarget ?? preset.IntensityTarget, MaskLogitCap = s.MaskLogitCap ?? preset.MaskLogitCap,
        }).Validated();
        var files = new ExprGanRunFiles(outDir);
        if (File.Exists(files.Checkpoint))
        {
            if (!s.Resume)
                throw new ArgumentException($"--out '{outDir}' already holds a training checkpoint: add --resume to continue it, or choose another --out.");
            var (header, reader) = TrainingCheckpoint.Open(files.Checkpoint);
            reader.Dispose();
            TrainingCheckpoint.CheckCompatible(files.Checkpoint, header, arch, set.ClassNames, set.ContentHash(), options);
        }
        else if (s.Resume)
            AnsiConsole.MarkupLineInterpolated($"[yellow]--resume[/]: {outDir} holds no checkpoint yet, so training starts from the beginning.");

        Directory.CreateDirectory(outDir);
        if (split != null) WriteSplit(outDir, all, split);
        using var phi = CreateIdentity(s, preset, device);
        new TrainingRunRecord(name, set.Count, set.ClassNames.ToArray(), set.ContentHash(), preset.Name, arch, options, s.Data, dropped,
            s.Identity ?? DefaultIdentity(preset), device.ToString(), guard, MachineInfo.Current(torch.get_num_threads()).ToString()).Write(outDir);

        AnsiConsole.MarkupLineInterpolated($"[bold]ExprGAN {preset.Name}[/]: {arch}; {set.Count} training images; epochs {string.Join("/", options.Epochs)}, batch {options.BatchSize}, lr {options.LearningRate}, seed {options.Seed}");
        foreach (var d in dropped) AnsiConsole.MarkupLineInterpolated($"  [yellow]class dropped ({DropOption}):[/] {d}");
        AnsiConsole.MarkupLineInterpolated($"  {guard}; device {device}, {torch.get_num_threads()} threads; output {outDir}");
        using var trainer = new ExprGanTrainer(arch, options, outDir, device, phi, new ConsoleProgress(), preset.Name);
        trainer.EpochCompleted += e => AnsiConsole.MarkupLineInterpolated(
            $"stage {e.Stage} epoch {e.Epoch + 1}: {e.ImagesPerSecond:0.0} img/s, {e.Seconds:0.0} s; {e.Mean.Summary()}");
        try
        {
            var generator = trainer.Train(set, s.Resume, cancellationToken);
            LossPlot.Save(trainer.Files.Losses, trainer.Files.LossPlot);
            AnsiConsole.MarkupLineInterpolated($"generator -> {generator}; losses -> {trainer.Files.Losses}, {trainer.Files.LossPlot}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]stopped[/]: the last finished epoch is in {trainer.Files.Checkpoint}.");
            AnsiConsole.MarkupLineInterpolated($"resume with: {ResumeCommand(context.Arguments, outDir)}");
            return 130;
        }
    }

    public const string DropOption = "--drop-degenerate-classes";

    /// <summary>The command line that continues this run: the same arguments, --out made explicit, plus --resume.</summary>
    public static string ResumeCommand(IReadOnlyList<string> arguments, string outDir)
    {
        var args = arguments.ToList();
        if (!args.Contains("--out")) args.AddRange(["--out", outDir]);
        if (!args.Contains("--resume")) args.Add("--resume");
        return "dotnet run --project Experiments -- " + string.Join(" ", args.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
    }

    /// <summary>The training set (the train side of --holdout-subjects, or everything), checked for degenerate classes.</summary>
    static (FaceSet Set, SplitResult? Split, IReadOnlyList<string> Dropped) TrainingSide(FaceSet all, Settings s)
    {
        var split = s.HoldoutSubjects is { } fraction ? SubjectSplitter.HoldOut(all, fraction, s.Seed) : null;
        var problems = ClassCheck.Degenerate(all, split is null ? [] : [split]);
        if (problems.Count > 0)
        {
            if (!s.DropDegenerateClasses) throw new ArgumentException(ClassCheck.Message(all.Name, problems, DropOption));
            using var reduced = ClassCheck.Without(all, problems.Select(p => p.ClassName).Distinct().ToList());
            var again = s.HoldoutSubjects is { } f2 ? SubjectSplitter.HoldOut(reduced, f2, s.Seed) : null;
            var left = ClassCheck.Degenerate(reduced, again is null ? [] : [again]);
            if (left.Count > 0 || reduced.ClassCount < 2) throw new ArgumentException(ClassCheck.Message(reduced.Name, left, DropOption));
            var dropped = problems.Select(p => p.ToString()).ToList();
            return again is null ? (reduced.Subset(Enumerable.Range(0, reduced.Count).ToArray(), reduced.Name), null, dropped)
                : (reduced.Subset(again.Train, reduced.Name + "-train"), again, dropped);
        }
        if (split is null) return (all.Subset(Enumerable.Range(0, all.Count).ToArray(), all.Name), null, []);
        AnsiConsole.MarkupLineInterpolated($"training on {split} ({(split.SubjectIndependent ? "subject-independent" : "NOT subject-independent: no subjects")})");
        return (all.Subset(split.Train, all.Name + "-train"), split, []);
    }

    static void WriteSplit(string outDir, FaceSet all, SplitResult split) =>
        new TrainingSplitRecord(split.Description, split.SubjectIndependent, split.Train.Length, split.Test.Length,
            split.Test.Select(i => all.Subjects[i] ?? $"#{i}").Distinct().Order().ToArray()).Write(outDir);

    static string DefaultIdentity(ExprGanPreset preset) => preset.UsesIdentityNetwork ? IdentityNetworks.ResNet18 : "none";

    static IIdentityNetwork? CreateIdentity(Settings s, ExprGanPreset preset, torch.Device device)
    {
        var kind = (s.Identity ?? DefaultIdentity(preset)).Trim().ToLowerInvariant();
        return kind switch
        {
            "none" => null,
            "random" => new RandomConvIdentity(s.Seed, device: device),
            _ => IdentityNetworks.Create(new IdentityNetworkOptions
            {
                Kind = kind,
                Layers = s.IdentityLayers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            }, device),
        };
    }

    static int[]? ParseEpochs(string? text)
    {
        if (text == null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts.Any(p => !int.TryParse(p, out var e) || e < 0))
            throw new ArgumentException($"--epochs takes three non-negative counts 's1,s2,s3', got '{text}'.");
        var epochs = parts.Select(int.Parse).ToArray();
        if (epochs.Sum() == 0) throw new ArgumentException("--epochs 0,0,0 would write an untrained generator; give at least one epoch.");
        return epochs;
    }

    static LossWeights? ParseWeights(string? text)
    {
        if (text == null) return null;
        var v = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : float.NaN).ToArray();
        if (v.Length is not (6 or 10) || v.Any(float.IsNaN))
            throw new ArgumentException($"Loss weights are six numbers pixel,id,q,adv_img,adv_z,tv (ten with cycle,mask,mask_tv,cls); got '{text}'.");
        return v.Length == 6 ? new LossWeights(v[0], v[1], v[2], v[3], v[4], v[5]) : new LossWeights(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
