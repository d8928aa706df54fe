using System.ComponentModel;
using System.Globalization;
using System.Text;
using Augment.Classifier;
using Augment.Core;
using Augment.Experiments.Benchmarks;
using Augment.Experiments.Options;
using Augment.Torch;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

[Description("Time the expression CNN's training step per architecture (forward, backward, AdamW) and each of its layers alone.")]
public sealed class BenchCnnCommand : Command<BenchCnnCommand.Settings>
{
    const string DefaultOut = "../results/benchmarks/cnn-step.md";

    public sealed class Settings : TorchSettings
    {
        [CommandOption("--archs <LIST>")][Description("CNN architectures, comma-separated (names or WIDTHS[[/fcN]][[/dropP]][[/convK]][[/s2d]]).")][DefaultValue("default,s2d")]
        public string Architectures { get; set; } = "default,s2d";

        [CommandOption("--layouts <LIST>")][Description("Activation layouts to time, comma-separated: channels-last (what ExpressionCnn uses), nchw (libtorch's default).")][DefaultValue("channels-last")]
        public string Layouts { get; set; } = "channels-last";

        [CommandOption("--precisions <LIST>")][Description("Arithmetic of the step, comma-separated: float32 (what ExpressionCnn trains in), bf16 (bfloat16 autocast: convolutions and matmuls in bfloat16).")][DefaultValue("float32")]
        public string Precisions { get; set; } = "float32";

        [CommandOption("--batch <N>")][Description("Batch size (ExpressionCnnOptions' default).")][DefaultValue(32)]
        public int Batch { get; set; } = 32;

        [CommandOption("--size <PX>")][Description("Image side (grey images).")][DefaultValue(48)]
        public int Size { get; set; } = 48;

        [CommandOption("--classes <N>")][Description("Classes (CK+48 has 7).")][DefaultValue(7)]
        public int Classes { get; set; } = 7;

        [CommandOption("--steps <N>")][Description("Timed steps per round (after 3 warm-up steps).")][DefaultValue(30)]
        public int Steps { get; set; } = 30;

        [CommandOption("--rounds <N>")][Description("Rounds; architectures alternate within each round; medians over rounds.")][DefaultValue(3)]
        public int Rounds { get; set; } = 3;

        [CommandOption("--repeats <N>")][Description("Repeats per layer in the layer table (after one warm-up); medians.")][DefaultValue(10)]
        public int Repeats { get; set; } = 10;

        [CommandOption("--seed <N>")][Description("Seed of the random images and weights.")][DefaultValue(1)]
        public int Seed { get; set; } = 1;

        [CommandOption("--out <FILE>")][Description("Markdown report (written atomically).")][DefaultValue(DefaultOut)]
        public string Out { get; set; } = DefaultOut;

        public override ValidationResult Validate() =>
            Batch < 2 ? ValidationResult.Error("--batch must be at least 2 (batch norm).")
            : Steps < 1 || Rounds < 1 || Repeats < 1 ? ValidationResult.Error("--steps, --rounds and --repeats must be at least 1.")
            : base.Validate();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        var precisions = s.Precisions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParsePrecision).ToList();
        var layouts = s.Layouts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseLayout).ToList();
        var architectures = s.Architectures.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(CnnArchitecture.Parse)
            .SelectMany(a => layouts.SelectMany(channelsLast => precisions.Select(bf16 => new CnnVariant(a, channelsLast, bf16)))).ToList();
        var steps = CnnStepBenchmark.Steps(architectures, s.Batch, s.Size, s.Classes, s.Steps, s.Rounds, s.Seed, device);
        foreach (var t in steps)
            AnsiConsole.MarkupLineInterpolated($"{t.Architecture}: {1000 * t.StepSeconds:0.0} ms/step, {t.ImagesPerSecond:0} img/s");
        cancellationToken.ThrowIfCancellationRequested();
        var layers = architectures.SelectMany(a => CnnStepBenchmark.Layers(a, s.Batch, s.Size, s.Classes, s.Repeats, s.Seed, device)).ToList();
        AtomicFile.WriteAllText(s.Out, Report(steps, layers, architectures, s, string.Join(" ", Environment.GetCommandLineArgs().Skip(1))));
        AnsiConsole.MarkupLineInterpolated($"-> {Path.GetFullPath(s.Out)}");
        return 0;
    }

    static bool ParsePrecision(string text) => text.ToLowerInvariant() switch
    {
        "float32" or "fp32" => false,
        "bf16" or "bfloat16" => true,
        _ => throw new ArgumentException($"--precisions: unknown precision '{text}' (use float32 or bf16)."),
    };

    static bool ParseLayout(string text) => text.ToLowerInvariant() switch
    {
        "channels-last" or "cl" or "nhwc" => true,
        "nchw" or "contiguous" => false,
        _ => throw new ArgumentException($"--layouts: unknown layout '{text}' (use channels-last or nchw)."),
    };

    static string Report(List<CnnStepTiming> steps, List<CnnLayerTiming> layers, List<CnnVariant> architectures, Settings s, string args)
    {
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("# Expression CNN: where a training step's time goes").AppendLine();
        b.AppendLine($"Command: `cd experiments && dotnet run -c Release --project Experiments -- {args}`").AppendLine();
        b.AppendLine($"Machine: {MachineInfo.Current(torch.get_num_threads())}. Load average at the end: {ProfileReport.LoadAverage()}. Convolutions: {ConvolutionGuard.Outcome}{(ConvolutionGuard.AlignedOneDnn ? " (aligned architectures below run with oneDNN on, as CnnTraining runs them)" : "")}. {AllocatorPolicy.Apply()}. " +
            $"Random {s.Size}x{s.Size} grey images, batch {s.Batch}, {s.Classes} classes, seed {s.Seed}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.").AppendLine();
        foreach (var a in architectures) b.AppendLine($"- `{a.Label}`: {a.Architecture}, activations {(a.ChannelsLast ? "channels-last after the stem" : "NCHW (libtorch's default)")}{(a.Bf16 ? ", bfloat16 autocast" : "")}");
        b.AppendLine();
        b.AppendLine($"Training step as CnnTraining runs it; medians over {s.Rounds} rounds (architectures alternating) of the mean of {s.Steps} steps after 3 warm-up steps. " +
            "A step's CPU seconds above its wall seconds mean more than one thread worked; below, the process waited for a core.").AppendLine();
        b.AppendLine("| architecture | forward ms | backward ms | AdamW ms | step ms (wall) | step ms (CPU) | img/s | vs first |");
        b.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var t in steps)
            b.AppendLine(string.Create(inv, $"| {t.Architecture} | {1000 * t.ForwardSeconds:0.0} | {1000 * t.BackwardSeconds:0.0} | {1000 * t.OptimizerSeconds:0.0} | {1000 * t.StepSeconds:0.0} | {1000 * t.CpuSeconds:0.0} | {t.ImagesPerSecond:0} | {steps[0].StepSeconds / t.StepSeconds:0.00}x |"));
        b.AppendLine().AppendLine($"Each layer alone (forward of the input it sees in the network, sum, backward; medians of {s.Repeats}). The layers' sum " +
            "differs from the step (no AdamW, no loss, each layer's own overhead), so read the shares, not the total.").AppendLine();
        b.AppendLine("| architecture | layer | input | ms | share of the architecture's layers |");
        b.AppendLine("|---|---|---|---|---|");
        foreach (var group in layers.GroupBy(l => l.Architecture))
        {
            var total = group.Sum(l => l.Seconds);
            foreach (var l in group)
                b.AppendLine(string.Create(inv, $"| {l.Architecture} | {l.Layer} | {l.InputShape} | {1000 * l.Seconds:0.00} | {100 * l.Seconds / total:0}% |"));
        }
        return b.ToString();
    }
}
