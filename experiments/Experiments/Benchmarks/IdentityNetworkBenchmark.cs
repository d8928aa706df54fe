using System.Diagnostics;
using Augment.Core;
using TorchSharp;
using static TorchSharp.torch;

using Augment.Identity;

namespace Augment.Experiments.Benchmarks;

/// <summary>What to time: one batch of <see cref="Channels"/> x <see cref="ImageSize"/>^2 images, as in a G step.</summary>
public sealed record IdentityBenchmarkOptions(int Batch = 32, int ImageSize = 64, int Channels = 1, int Warmup = 2, int Repeats = 10, int Seed = 1);

/// <summary>
/// Seconds per batch for each repeat: forward alone (no grad, as for the real image), forward + backward to the input
/// (as for x_hat), and a reference 3x3 convolution timed between them, so a loaded machine shows in the same run.
/// </summary>
public sealed record IdentityBenchmarkResult(
    IdentityBenchmarkOptions Options, IReadOnlyList<string> FeatureShapes, IReadOnlyList<double> ForwardSeconds,
    IReadOnlyList<double> ForwardBackwardSeconds, IReadOnlyList<double> ReferenceConvSeconds)
{
    /// <summary>The reference: a 3x3 conv, 64 -> 64 channels, 64 x 64 pixels, batch 32, forward.</summary>
    public const string ReferenceConv = "3x3 conv 64 -> 64 channels, 32 x 64 x 64";

    /// <summary>Multiply-adds x 2 of <see cref="ReferenceConv"/>.</summary>
    public const double ReferenceConvFlops = 2.0 * 32 * 64 * 64 * 64 * 64 * 9;

    public static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

/// <summary>Times phi the way the identity loss uses it: phi(x) without grad, then sum_l beta_l L1(phi_l(x_hat), phi_l(x)) backpropagated to x_hat.</summary>
public static class IdentityNetworkBenchmark
{
    public static IdentityBenchmarkResult Run(IIdentityNetwork phi, IdentityBenchmarkOptions o, Device device, IProgressSink progress)
    {
        if (o.Batch < 1 || o.ImageSize < 8 || o.Channels is not (1 or 3) || o.Warmup < 0 || o.Repeats < 1)
            throw new ArgumentException($"Invalid benchmark options {o}.");
        var g = new Generator((ulong)o.Seed, device);
        using var real = rand(new long[] { o.Batch, o.Channels, o.ImageSize, o.ImageSize }, generator: g, device: device).mul(2).sub(1);
        using var fake = rand(new long[] { o.Batch, o.Channels, o.ImageSize, o.ImageSize }, generator: g, device: device).mul(2).sub(1);

        var tracker = new ProgressTracker(progress, "bench-identity", 2L * (o.Warmup + o.Repeats), "img");
        var forward = new List<double>();
        var backward = new List<double>();
        var reference = new List<double>();
        using var refInput = randn(new long[] { 32, 64, 64, 64 }, generator: g, device: device);
        using var refWeight = randn(new long[] { 64, 64, 3, 3 }, generator: g, device: device);
        var shapes = new List<string>();
        for (var i = 0; i < o.Warmup + o.Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var f = phi.Features(real);
                Sync(device);
                if (shapes.Count == 0) shapes.AddRange(f.Select(t => string.Join("x", t.shape)));
            }
            if (i >= o.Warmup) forward.Add(clock.Elapsed.TotalSeconds);
            tracker.Advance(units: o.Batch, status: "forward");

            using (var scope = NewDisposeScope())
            {
                IReadOnlyList<Tensor> target;
                using (no_grad()) target = phi.Features(real);
                var xHat = fake.detach().requires_grad_(true);
                clock.Restart();
                var loss = zeros(1, device: device);
                var produced = phi.Features(xHat);
                for (var l = 0; l < produced.Count; l++) loss = loss + phi.LayerWeights[l] * (produced[l] - target[l]).abs().mean();
                loss.backward();
                Sync(device);
                if (i >= o.Warmup) backward.Add(clock.Elapsed.TotalSeconds);
            }
            tracker.Advance(units: o.Batch, status: "forward+backward");

            clock.Restart();
            using (no_grad())
            using (var y = nn.functional.conv2d(refInput, refWeight, padding: [1, 1])) Sync(device);
            if (i >= o.Warmup) reference.Add(clock.Elapsed.TotalSeconds);
        }
        return new IdentityBenchmarkResult(o, shapes, forward, backward, reference);
    }

    private static void Sync(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }
}
