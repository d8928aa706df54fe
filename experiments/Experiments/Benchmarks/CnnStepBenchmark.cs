using System.Diagnostics;
using Augment.Classifier;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Experiments.Benchmarks;

/// <summary>One architecture's training step: medians over rounds of the mean forward, backward and AdamW seconds.</summary>
public sealed record CnnStepTiming(string Architecture, int Batch, int Size, int Steps, int Rounds,
    double ForwardSeconds, double BackwardSeconds, double OptimizerSeconds, double CpuSeconds)
{
    public double StepSeconds => ForwardSeconds + BackwardSeconds + OptimizerSeconds;
    public double ImagesPerSecond => Batch / StepSeconds;
}

/// <summary>An architecture built with one activation layout (ExpressionCnn's channelsLast), its step run in float32
/// or under bfloat16 autocast (<see cref="CpuAutocast"/>).</summary>
public sealed record CnnVariant(CnnArchitecture Architecture, bool ChannelsLast, bool Bf16 = false)
{
    public string Label => Architecture.Name + (ChannelsLast ? "" : " nchw") + (Bf16 ? " bf16" : "");

    public ExpressionCnn Build(int size, int classes) => new(Architecture, 1, size, size, classes, ChannelsLast);
}

/// <summary>One layer of the network, timed alone at the input shape it sees in the network: forward + backward.</summary>
public sealed record CnnLayerTiming(string Architecture, string Layer, string InputShape, double Seconds);

/// <summary>
/// Times ExpressionCnn's training step as CnnTraining runs it (cross-entropy, zero_grad, backward, AdamW) on random
/// images, and each layer alone, so a report can say where a step's time goes.
/// </summary>
public static class CnnStepBenchmark
{
    /// <summary>Times every architecture in turn, round after round (ABAB: a load change hits all of them alike).</summary>
    public static List<CnnStepTiming> Steps(IReadOnlyList<CnnVariant> architectures, int batch, int size, int classes, int steps, int rounds, int seed, Device device)
    {
        var samples = architectures.Select(_ => new List<double[]>()).ToArray();
        for (var round = 0; round < rounds; round++)
            for (var a = 0; a < architectures.Count; a++)
                samples[a].Add(TimeSteps(architectures[a], batch, size, classes, steps, seed, device));
        return architectures.Select((arch, a) => new CnnStepTiming(arch.Label, batch, size, steps, rounds,
            Median(samples[a], 0), Median(samples[a], 1), Median(samples[a], 2), Median(samples[a], 3))).ToList();
    }

    /// <summary>Mean seconds per step of forward, backward, optimizer, and process CPU seconds, after 3 warm-up steps.</summary>
    static double[] TimeSteps(CnnVariant architecture, int batch, int size, int classes, int steps, int seed, Device device)
    {
        torch.random.manual_seed(seed);
        using var oneDnn = ConvolutionGuard.AlignedScope(architecture.Architecture.ConvolutionsAligned(1));   // as CnnTraining runs it
        using var model = architecture.Build(size, classes);
        model.to(device);
        model.train();
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        using var x = randn(batch, 1, size, size, device: device);
        using var y = randint(0, classes, batch, ScalarType.Int64, device: device);
        var totals = new double[4];
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < steps + 3; i++)
        {
            using var scope = NewDisposeScope();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Tensor loss;
            using (CpuAutocast.Scope(architecture.Bf16))
                loss = nn.functional.cross_entropy(model.forward(x), y);
            var forward = clock.Elapsed.TotalSeconds;
            optimizer.zero_grad();
            loss.backward();
            var backward = clock.Elapsed.TotalSeconds;
            optimizer.step();
            var end = clock.Elapsed.TotalSeconds;
            process.Refresh();
            if (i < 3) continue;
            totals[0] += forward;
            totals[1] += backward - forward;
            totals[2] += end - backward;
            totals[3] += (process.TotalProcessorTime - cpu).TotalSeconds;
        }
        return totals.Select(t => t / steps).ToArray();
    }

    /// <summary>Each child of the network (features layer by layer, then the classifier head) timed alone: forward of
    /// its input as the network passes it on, sum, backward; the first convolution's input needs no gradient, as in training.</summary>
    public static List<CnnLayerTiming> Layers(CnnVariant architecture, int batch, int size, int classes, int repeats, int seed, Device device)
    {
        torch.random.manual_seed(seed);
        using var oneDnn = ConvolutionGuard.AlignedScope(architecture.Architecture.ConvolutionsAligned(1));
        using var model = architecture.Build(size, classes);
        model.to(device);
        model.train();
        var layers = model.named_modules()
            .Where(m => (m.name.StartsWith("features.", StringComparison.Ordinal) || m.name == "classifier") && m.module is nn.Module<Tensor, Tensor>)
            .Select(m => (m.name, Module: (nn.Module<Tensor, Tensor>)m.module))
            .OrderBy(m => m.name == "classifier")   // named_modules lists the head first (by name); it runs last
            .ToList();
        var result = new List<CnnLayerTiming>();
        var input = randn(batch, 1, size, size, device: device);
        for (var l = 0; l < layers.Count; l++)
        {
            var (name, layer) = layers[l];
            // The network's input needs no gradient; a first layer without weights (s2d) needs one to run backward at all.
            var inputGrad = l > 0 || !layer.parameters().Any();
            var times = new List<double>();
            for (var r = 0; r < repeats + 1; r++)
            {
                using var scope = NewDisposeScope();
                // ReLU runs in place: each repeat gets a fresh copy of the input (a copy, not a leaf, so in place is allowed).
                var x = input.detach().requires_grad_(inputGrad).clone();
                var clock = Stopwatch.StartNew();
                using (CpuAutocast.Scope(architecture.Bf16))
                    layer.forward(x).sum().backward();
                if (r > 0) times.Add(clock.Elapsed.TotalSeconds);
            }
            result.Add(new CnnLayerTiming(architecture.Label, name, string.Join("x", input.shape), Median(times)));
            using (no_grad())
            using (CpuAutocast.Scope(architecture.Bf16))
            {
                var next = layer.forward(input.detach().clone());
                input.Dispose();
                input = next;
            }
        }
        input.Dispose();
        return result;
    }

    static double Median(List<double[]> samples, int column) => Median(samples.Select(s => s[column]).ToList());

    static double Median(IReadOnlyList<double> values) => IdentityBenchmarkResult.Median(values);
}
