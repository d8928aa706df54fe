using Augment.ExprGan.Training;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Augment.Core;
using Augment.Experiments.Benchmarks;
using Augment.Experiments.Options;
using Augment.ExprGan.Model;
using Augment.Identity;
using Augment.Torch;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

[Description("Time each ExprGAN stage's training step (tiny, cpu, paper presets) through the trainer and as a bare TorchSharp loop.")]
public sealed class BenchTrainCommand : Command<BenchTrainCommand.Settings>
{
    const string DefaultOut = "../results/benchmarks/train-step.md";

    public sealed class Settings : TorchSettings
    {
        [CommandOption("--presets <LIST>")][Description("Presets to time, comma-separated.")][DefaultValue("tiny,cpu,paper")]
        public string Presets { get; set; } = "tiny,cpu,paper";

        [CommandOption("--steps <LIST>")][Description("Timed steps per run for each preset (after one warm-up step).")][DefaultValue("20,8,2")]
        public string Steps { get; set; } = "20,8,2";

        [CommandOption("--rounds <N>")][Description("Alternating trainer/bare rounds (paper: always 1).")][DefaultValue(2)]
        public int Rounds { get; set; } = 2;

        [CommandOption("--batch <N>")][Description("Batch size for every preset. Default: each preset's (tiny 8, cpu 32, paper 48).")]
        public int? Batch { get; set; }

        [CommandOption("--identity <KIND>")][Description("Identity network in stages 2-3: none (default) or resnet18.")][DefaultValue("none")]
        public string Identity { get; set; } = "none";

        [CommandOption("--training-images <N>")][Description("Training-set size for the epoch estimate (CK+48 six classes minus a 10% hold-out: ~830).")][DefaultValue(830)]
        public int TrainingImages { get; set; } = 830;

        [CommandOption("--seed <N>")][Description("Seed of the random data and weights.")][DefaultValue(1)]
        public int Seed { get; set; } = 1;

        [CommandOption("--precision <KIND>")][Description("Arithmetic of the timed trainer steps: float32 or bfloat16 (autocast), as train --precision.")][DefaultValue(TrainingPrecision.Float32)]
        public TrainingPrecision Precision { get; set; } = TrainingPrecision.Float32;

        [CommandOption("--out <FILE>")][Description("Markdown report (written atomically).")][DefaultValue(DefaultOut)]
        public string Out { get; set; } = DefaultOut;

        [CommandOption("--profile <STAGES>")][Description("Per-network profile of these stages instead (0 = render, 1-3), first preset only; see Benchmarks/NetworkProfile.cs.")]
        public string? Profile { get; set; }

        [CommandOption("--variants <LIST>")][Description("Time one change at a time against the baseline step (ABAB): onednn:on|off, bf16, batch:N, phi-every:K, phi-size:N, freeze-d, concat-code.")]
        public string? Variants { get; set; }

        [CommandOption("--variant-baseline <SPEC>")][Description("What each variant is compared with, same notation (default: the current defaults).")][DefaultValue("baseline")]
        public string VariantBaseline { get; set; } = "baseline";

        [CommandOption("--variant-stage <N>")][Description("Stage the variants are timed on.")][DefaultValue(3)]
        public int VariantStage { get; set; } = 3;

        [CommandOption("--variant-steps <N>")][Description("Timed steps per block of a variant run (after one warm-up).")][DefaultValue(3)]
        public int VariantSteps { get; set; } = 3;

        [CommandOption("--repeats <N>")][Description("Profile repeats (after one warm-up); medians.")][DefaultValue(7)]
        public int Repeats { get; set; } = 7;

        [CommandOption("--render-batch <N>")][Description("Batch of the render profile (stage 0).")][DefaultValue(64)]
        public int RenderBatch { get; set; } = 64;

        [CommandOption("--phi-size <N>")][Description("Side the identity network sees in the profile (0 = image size).")][DefaultValue(0)]
        public int PhiSize { get; set; }

        [CommandOption("--profile-out <FILE>")][Description("Markdown of --profile (+ .csv beside it).")][DefaultValue("../results/benchmarks/train-networks.md")]
        public string ProfileOut { get; set; } = "../results/benchmarks/train-networks.md";

        [CommandOption("--variants-out <FILE>")][Description("Markdown of --variants (+ .csv beside it).")][DefaultValue("../results/benchmarks/train-variants.md")]
        public string VariantsOut { get; set; } = "../results/benchmarks/train-variants.md";
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        var presets = s.Presets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ExprGanPreset.Get).ToArray();
        var steps = s.Steps.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        using var phi = s.Identity == "none" ? null : IdentityNetworks.Create(new IdentityNetworkOptions { Kind = s.Identity }, device);
        if (s.Profile != null || s.Variants != null)
        {
            // The profile and variants time the paper design's networks one by one; the identity-preserving decoder
            // needs the input image and encoder maps, which they do not feed it.
            if (presets[0].Design != GeneratorDesign.Paper)
                throw new ArgumentException($"--profile and --variants time the paper design's networks; preset '{presets[0].Name}' is identity-preserving " +
                    "(time its whole step without them: bench-train --presets " + presets[0].Name + ").");
            static string[] List(string? text) => text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
            return ProfileRunner.Run(new ProfileRunner.Request(presets[0], s.Batch ?? presets[0].BatchSize, List(s.Profile).Select(int.Parse).ToArray(),
                s.RenderBatch, s.Repeats, s.PhiSize, List(s.Variants), s.VariantBaseline, s.VariantStage, s.VariantSteps, s.Rounds, s.Seed, s.Identity, s.ProfileOut, s.VariantsOut),
                phi, string.Join(" ", Environment.GetCommandLineArgs().Skip(1)), cancellationToken);
        }
        var rows = new List<StepTiming>();
        for (var p = 0; p < presets.Length; p++)
        {
            var preset = presets[p];
            var channels = preset.Name == ExprGanPreset.Paper.Name ? 3 : 1;
            var n = steps[Math.Min(p, steps.Length - 1)];
            var rounds = preset.Name == ExprGanPreset.Paper.Name ? 1 : s.Rounds;
            for (var stage = 1; stage <= 3; stage++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var t = TrainStepBenchmark.Measure(preset, channels, s.Batch ?? preset.BatchSize, stage, n, rounds, phi, device, s.Seed, s.Precision);
                rows.Add(t);
                AnsiConsole.MarkupLineInterpolated(
                    $"{t.Preset} stage {t.Stage}: trainer {t.TrainerImagesPerSecond:0.0} img/s, bare {t.BareImagesPerSecond:0.0} img/s, CPU overhead {t.OverheadPercent:+0.0;-0.0}%");
            }
        }
        var report = Report(rows, s, string.Join(" ", Environment.GetCommandLineArgs().Skip(1)));
        AtomicFile.WriteAllText(s.Out, report);
        AnsiConsole.MarkupLineInterpolated($"-> {Path.GetFullPath(s.Out)}");
        return 0;
    }

    static string Report(List<StepTiming> rows, Settings s, string args)
    {
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("# ExprGAN training step: trainer vs bare TorchSharp loop").AppendLine();
        b.AppendLine($"Command: `cd experiments && dotnet run -c Release --project Experiments -- {args}`").AppendLine();
        var plain = ConvolutionGuard.MeasureOneDnn();
        b.AppendLine($"Machine: {MachineInfo.Current(torch.get_num_threads())}. Load average at the end: {ProfileReport.LoadAverage()}. Convolutions: {ConvolutionGuard.Outcome} " +
            $"(oneDNN probe: error {plain:E1}). Identity network: {s.Identity}.").AppendLine();
        b.AppendLine("Seconds per step (one step each of D_img+Q, D_z (stages 2-3) and G) over the timed steps after one warm-up, random images, 6 classes; " +
            "trainer and bare loop alternate in rounds. Trainer steps are timed from losses.csv (so epoch-end checkpoints and grids are not included), " +
            "bare steps by a stopwatch, both also in process CPU seconds. All figures are medians; img/s is from wall time. This machine is shared " +
            "with other jobs, so wall time swings with their load; the trainer's overhead is therefore taken from CPU time, which counts only this " +
            "process's work. The epoch column is the median wall step times the steps of an epoch.").AppendLine();
        b.AppendLine("| preset | image | batch | stage | steps | trainer s/step (wall / CPU) | trainer img/s | bare s/step (wall / CPU) | bare img/s | overhead (CPU) | epoch of " + s.TrainingImages + " images |");
        b.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var epoch = TimeSpan.FromSeconds(r.TrainerSeconds * (s.TrainingImages / r.Batch));
            b.AppendLine(string.Create(inv, $"| {r.Preset} | {r.ImageSize}x{r.ImageSize}x{r.Channels} | {r.Batch} | {r.Stage} | {r.Steps} | {r.TrainerSeconds:0.000} / {r.TrainerCpu:0.000} | {r.TrainerImagesPerSecond:0.0} | {r.BareSeconds:0.000} / {r.BareCpu:0.000} | {r.BareImagesPerSecond:0.0} | {r.OverheadPercent:+0.0;-0.0}% | {epoch:m\\:ss} |"));
        }
        return b.ToString();
    }
}
