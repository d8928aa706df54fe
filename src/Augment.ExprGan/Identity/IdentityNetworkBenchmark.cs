using System.Diagnostics;
using Augment.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Identity;

/// <summary>What to time: one batch of <see cref="Channels"/> x <see cref="ImageSize"/>^2 images, as in a G step.</summary>
public sealed record IdentityBenchmarkOptions(int Batch = 32, int ImageSize = 64, int Channels = 1, int Warmup = 2, int Repeats = 10, int Seed = 1);

/// <summary>Seconds per batch for each repeat: forward alone (no grad, as for the real image) and forward + backward to the input (as for x_hat).</summary>
public sealed record IdentityBenchmarkResult(
    IdentityBenchmarkOptions Options, IReadOnlyList<string> FeatureShapes, IReadOnlyList<double> ForwardSeconds, IReadOnlyList<double> ForwardBackwardSeconds)
{
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
        }
        return new IdentityBenchmarkResult(o, shapes, forward, backward);
    }

    private static void Sync(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }
}
