using System.ComponentModel;
using Augment.Core;
using Augment.Data;
using Augment.Data.Splits;
using Augment.Evaluation.Reports;
using Augment.Experiments.Options;
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
public sealed partial class TrainCommand : Command<TrainCommand.Settings>
{
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var request = BuildOptions(s);
        var device = request.Torch.Apply();
        var (preset, options, name, seed) = (request.Preset, request.Training, request.Data.Name, request.Data.Load.Seed);
        using var all = DatasetLoading.Load(request.Data);
        var outDir = Path.GetFullPath(s.Out ?? Path.Combine("runs", $"exprgan-{name}-{preset.Name}"));

        // Everything is checked before anything is written to the run folder (issue 10 item 9): a refused command
        // leaves the folder as it was.
        var (set, split, dropped) = TrainingSide(all, s.HoldoutSubjects, seed, s.DropDegenerateClasses);
        using var _ = set;
        var presetArch = preset.Architecture(set.Channels, set.ClassCount, request.CodeDims);
        var arch = (presetArch with
        {
            ImageSize = request.ImageSize, InputSkip = preset.InputSkip || request.InputSkip, Upsampling = request.Upsampling ?? preset.Upsampling,
            SkipLevels = request.SkipLevels ?? presetArch.SkipLevels,
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
        using var phi = CreateIdentity(request.Identity, s.IdentityLayers, seed, device);
        using var trainer = new ExprGanTrainer(arch, options, outDir, device, phi, new ConsoleProgress(), preset.Name);
        var guard = ConvolutionGuard.Describe(trainer.ConvolutionsAligned);
        new TrainingRunRecord(name, set.Count, set.ClassNames.ToArray(), set.ContentHash(), preset.Name, arch, options, request.Data.Path, dropped,
            request.Identity, device.ToString(), guard, MachineInfo.Current(torch.get_num_threads()).ToString()).Write(outDir);

        AnsiConsole.MarkupLineInterpolated($"[bold]ExprGAN {preset.Name}[/]: {arch}; {set.Count} training images; epochs {string.Join("/", options.Epochs)}, batch {options.BatchSize}, lr {options.LearningRate}, seed {options.Seed}{(options.Precision == TrainingPrecision.BFloat16 ? ", bfloat16 autocast" : "")}");
        foreach (var d in dropped) AnsiConsole.MarkupLineInterpolated($"  [yellow]class dropped ({DropOption}):[/] {d}");
        AnsiConsole.MarkupLineInterpolated($"  {guard}; device {device}, {torch.get_num_threads()} threads; output {outDir}");
        trainer.GuideTrained += accuracy => AnsiConsole.MarkupLineInterpolated(
            $"expression guide: {ExpressionGuide.Epochs} epochs on the training faces, {accuracy:P1} of them read right; frozen, weight {options.GuideWeight}");
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
    static (FaceSet Set, SplitResult? Split, IReadOnlyList<string> Dropped) TrainingSide(FaceSet all, double? holdout, int seed, bool drop)
    {
        var split = holdout is { } fraction ? SubjectSplitter.HoldOut(all, fraction, seed) : null;
        var problems = ClassCheck.Degenerate(all, split is null ? [] : [split]);
        if (problems.Count > 0)
        {
            if (!drop) throw new ArgumentException(ClassCheck.Message(all.Name, problems, DropOption));
            using var reduced = ClassCheck.Without(all, problems.Select(p => p.ClassName).Distinct().ToList());
            var again = holdout is { } f2 ? SubjectSplitter.HoldOut(reduced, f2, seed) : null;
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

    static IIdentityNetwork? CreateIdentity(string identity, string? layers, int seed, torch.Device device)
    {
        var kind = identity.Trim().ToLowerInvariant();
        return kind switch
        {
            "none" => null,
            "random" => new RandomConvIdentity(seed, device: device),
            _ => IdentityNetworks.Create(new IdentityNetworkOptions
            {
                Kind = kind,
                Layers = layers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            }, device),
        };
    }
}
