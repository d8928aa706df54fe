using System.ComponentModel;
using System.Globalization;
using System.Text;
using Augment.Core;
using Augment.Experiments.Benchmarks;
using Augment.Experiments.Options;
using Augment.Identity;
using Augment.Torch;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>Times the identity network phi (forward, and forward + backward to the input) and writes a markdown report.</summary>
[Description("Speed of the identity network phi (ported ResNet18) per batch size and layer set.")]
public sealed class BenchIdentityCommand : Command<BenchIdentityCommand.Settings>
{
    private const string DefaultOut = "../results/benchmarks/identity-network.md";

    public sealed class Settings : TorchSettings
    {
        [CommandOption("--batch")][Description("Images per batch.")][DefaultValue(32)]
        public int Batch { get; init; } = 32;

        [CommandOption("--size")][Description("Image side in pixels (square images).")][DefaultValue(64)]
        public int Size { get; init; } = 64;

        [CommandOption("--channels")][Description("1 (grayscale, repeated to RGB inside phi) or 3.")][DefaultValue(1)]
        public int Channels { get; init; } = 1;

        [CommandOption("--layers")][Description("Comma-separated ResNet18 feature layers (stem, layer1..layer4); default all.")]
        public string? Layers { get; init; }

        [CommandOption("--model-dir")][Description("Folder holding ResNet18Onnx/ and ResNetPrepOnnx/ (default: the app's DnnImageModels/, then the NuGet cache).")]
        public string? ModelDir { get; init; }

        [CommandOption("--warmup")][Description("Untimed batches first.")][DefaultValue(2)]
        public int Warmup { get; init; } = 2;

        [CommandOption("--repeats")][Description("Timed batches.")][DefaultValue(10)]
        public int Repeats { get; init; } = 10;

        [CommandOption("--seed")][Description("Seed of the random input batches.")][DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--out")][Description("Markdown report to write (atomically).")][DefaultValue(DefaultOut)]
        public string Out { get; init; } = DefaultOut;
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        var layers = s.Layers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var phi = IdentityNetworks.Create(new IdentityNetworkOptions { Layers = layers, ModelPath = s.ModelDir }, device);
        var load = clock.Elapsed.TotalSeconds;
        var options = new IdentityBenchmarkOptions(s.Batch, s.Size, s.Channels, s.Warmup, s.Repeats, s.Seed);
        var result = IdentityNetworkBenchmark.Run(phi, options, device, new ConsoleProgress());

        var report = Report(result, s, device, load, ((torch.nn.Module)phi).parameters().Sum(p => p.numel()));
        AtomicFile.WriteAllText(s.Out, report);
        Console.WriteLine(report);
        Console.WriteLine($"written to {Path.GetFullPath(s.Out)}");
        return 0;
    }

    private static string Report(IdentityBenchmarkResult r, Settings s, torch.Device device, double loadSeconds, long parameters)
    {
        var o = r.Options;
        var inv = CultureInfo.InvariantCulture;
        var command = $"cd experiments && dotnet run --project Experiments -- bench-identity --batch {o.Batch} --size {o.ImageSize} --channels {o.Channels}" +
            $"{(s.Layers is null ? "" : $" --layers {s.Layers}")} --warmup {o.Warmup} --repeats {o.Repeats} --threads {s.Threads} --device {s.Device} --seed {o.Seed}" +
            (s.Out == DefaultOut ? "" : $" --out {s.Out}");
        var sb = new StringBuilder();
        sb.AppendLine("# Identity network phi: speed");
        sb.AppendLine();
        sb.AppendLine($"phi = CNTK ResNet18 from Microsoft.ML.DnnImageFeaturizer.ResNet18 ported to TorchSharp ({parameters:N0} parameters, frozen), " +
            $"feature maps {string.Join(", ", r.FeatureShapes)}. Batch {o.Batch} of {o.Channels} x {o.ImageSize} x {o.ImageSize} images, device {device.type}.");
        sb.AppendLine();
        sb.AppendLine("| step | median s / batch | min s | max s | images / s (median) |");
        sb.AppendLine("|---|---|---|---|---|");
        Row("forward (no grad, phi(x))", r.ForwardSeconds);
        Row("forward + backward to the input (L_id on x_hat)", r.ForwardBackwardSeconds);
        var refMedian = IdentityBenchmarkResult.Median(r.ReferenceConvSeconds);
        sb.AppendLine(string.Create(inv, $"| reference: {IdentityBenchmarkResult.ReferenceConv}, forward | {refMedian:0.000} | {r.ReferenceConvSeconds.Min():0.000} | " +
            $"{r.ReferenceConvSeconds.Max():0.000} | {IdentityBenchmarkResult.ReferenceConvFlops / refMedian / 1e9:0} GFLOP/s |"));
        sb.AppendLine();
        sb.AppendLine("The reference convolution runs between the timed phi batches, so its GFLOP/s, set against the same " +
            "convolution on an idle machine, shows how loaded the machine was during this run.");
        sb.AppendLine();
        sb.AppendLine($"{o.Repeats} timed batches after {o.Warmup} warm-up batches; loading the ONNX file took {loadSeconds.ToString("0.0", inv)} s. " +
            "A G step that uses L_id pays both rows (phi(x) without grad, phi(x_hat) with backward).");
        sb.AppendLine();
        sb.AppendLine($"Machine: {MachineInfo.Current(torch.get_num_threads())}; load average at the end (1/5/15 min): {ProfileReport.LoadAverage()}. " +
            "The machine is shared: other jobs slow these figures, compare within one run.");
        sb.AppendLine();
        sb.AppendLine("Command:");
        sb.AppendLine();
        sb.AppendLine("```bash");
        sb.AppendLine(command);
        sb.AppendLine("```");
        return sb.ToString();

        void Row(string name, IReadOnlyList<double> xs)
        {
            var median = IdentityBenchmarkResult.Median(xs);
            sb.AppendLine(string.Create(inv, $"| {name} | {median:0.000} | {xs.Min():0.000} | {xs.Max():0.000} | {o.Batch / median:0.0} |"));
        }
    }
}
