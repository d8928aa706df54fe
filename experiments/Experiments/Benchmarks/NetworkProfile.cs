using System.Diagnostics;
using Augment.ExprGan.Cost;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Experiments.Benchmarks;

/// <summary>One network's share of a training step (or of rendering), with the same shapes as bare kernels.</summary>
public sealed record NetworkTiming(string Stage, string Network, long Batch, string Passes, double Flops, long Parameters,
    double Seconds, double MatmulSeconds, double ConvSeconds)
{
    public double GigaFlopsPerSecond => Flops / Seconds / 1e9;
    /// <summary>Achieved / matmul GFLOP/s = matmul time / actual time (1 = as fast as its own GEMMs).</summary>
    public double MatmulShare => Flops > 0 ? MatmulSeconds / Seconds : double.NaN;
    public double ConvShare => Flops > 0 ? ConvSeconds / Seconds : double.NaN;
}

/// <summary>
/// Times every network of an ExprGAN step in isolation, doing exactly the passes the step does with it (ExprGanStep:
/// D_img twice on detached real/fake batches and once with the gradient passed to the fake image; Q on fake features
/// in both; D_z twice then once; phi forward on x without grad and forward + input gradient on x_hat; the three Adam
/// steps), and the whole step through <see cref="BareExprGanLoop"/>. Each repeat runs every network, its GEMMs and its
/// plain convolutions (<see cref="ReferenceKernels"/>) one after another, rotating the order, so load from other jobs
/// falls on all alike; figures are medians. Stage 0 = rendering (encoder + decoder forward, no grad).
/// </summary>
static class NetworkProfile
{
    sealed record Entry(string Name, IReadOnlyList<(IReadOnlyList<LayerShape> Layers, PassKind Pass, long Batch)> Passes, long Parameters, Action Run)
    {
        public double Flops => 2.0 * Passes.Sum(p => p.Pass.MultiplyAdds(p.Layers) * p.Batch);
        public string PassText => string.Join(" + ", Passes.GroupBy(p => (p.Pass, Name: LayerSet(p.Layers))).Select(g => $"{(g.Count() > 1 ? g.Count() + "x " : "")}{Describe(g.Key.Pass)}"));
        static string LayerSet(IReadOnlyList<LayerShape> l) => l.Count == 0 ? "" : l[0].Name;
        static string Describe(PassKind p) => p == PassKind.Forward ? "fwd" : p == PassKind.TrainWeights ? "fwd+bwd(w)" : p == PassKind.InputOnly ? "fwd+bwd(x)" : "fwd+bwd(w,x)";
    }

    public static List<NetworkTiming> Measure(ExprGanArchitecture arch, IIdentityNetwork? phi, int phiSize, int stage, int batch, int repeats, int seed)
    {
        using var gen = new Generator((ulong)seed, CPU);
        var classes = Enumerable.Range(0, arch.Classes).Select(i => $"c{i}").ToArray();
        using var nets = ExprGanNetworks.Create(arch, classes, CPU, seed);
        nets.Train(stage > 0);
        long b = batch, s = arch.ImageSize;
        using var x = rand([b, arch.Channels, s, s], generator: gen).mul(2).sub(1);
        using var y = F.one_hot(randint(arch.Classes, [b], generator: gen), arch.Classes).to_type(ScalarType.Float32);
        using var c = nets.Controller.forward(y, rand([b, arch.CodeDims], generator: gen).mul(2).sub(1));
        using var z = rand([b, arch.ZDim], generator: gen).mul(2).sub(1);
        using var gz = randn([b, arch.ZDim], generator: gen);
        using var gx = randn([b, arch.Channels, s, s], generator: gen);
        long Params(params nn.Module[] modules) => modules.Sum(m => m.parameters().Sum(p => p.numel()));

        var entries = new List<Entry>();
        var enc = ExprGanLayers.Encoder(arch);
        var dec = ExprGanLayers.Decoder(arch);
        if (stage == 0)
        {
            entries.Add(new("encoder", [(enc, PassKind.Forward, b)], Params(nets.Encoder), () => { using var _ = no_grad(); nets.Encoder.forward(x); }));
            entries.Add(new("decoder", [(dec, PassKind.Forward, b)], Params(nets.Decoder), () => { using var _ = no_grad(); nets.Decoder.forward(z, c); }));
        }
        else
        {
            if (stage >= 2)
                entries.Add(new("encoder", [(enc, PassKind.TrainWeights, b)], Params(nets.Encoder), () => nets.Encoder.forward(x).backward([gz])));
            entries.Add(new("decoder", [(dec, stage >= 2 ? PassKind.TrainWeightsAndInput : PassKind.TrainWeights, b)], Params(nets.Decoder), () =>
            {
                var zl = z.detach().requires_grad_(stage >= 2);
                nets.Decoder.forward(zl, c).backward([gx]);
            }));
            var d = ExprGanLayers.ImageDiscriminator(arch);
            var q = ExprGanLayers.Regularizer(arch);
            entries.Add(new("D_img + Q", [(d, PassKind.TrainWeights, b), (d, PassKind.TrainWeights, b), (d, PassKind.TrainWeightsAndInput, b),
                (q, PassKind.TrainWeightsAndInput, b), (q, PassKind.TrainWeightsAndInput, b)], Params(nets.ImageDiscriminator, nets.Regularizer), () =>
            {
                var dImg = nets.ImageDiscriminator;
                var fr = dImg.Features(x, y);
                var ff = dImg.Features(gx.tanh(), y);
                dImg.Adversarial(fr).sum().add(dImg.Adversarial(ff).sum()).add(nets.Regularizer.forward(ff).sum()).backward();
                var xh = gx.tanh().requires_grad_(true);
                var f = dImg.Features(xh, y);
                dImg.Adversarial(f).sum().add(nets.Regularizer.forward(f).sum()).backward();
            }));
            if (stage >= 2)
            {
                var dz = ExprGanLayers.IdentityDiscriminator(arch);
                entries.Add(new("D_z", [(dz, PassKind.TrainWeights, b), (dz, PassKind.TrainWeights, b), (dz, PassKind.TrainWeightsAndInput, b)], Params(nets.IdentityDiscriminator), () =>
                {
                    var dZ = nets.IdentityDiscriminator;
                    dZ.forward(z).sum().add(dZ.forward(gz.tanh()).sum()).backward();
                    dZ.forward(gz.tanh().requires_grad_(true)).sum().backward();
                }));
                if (phi != null)
                {
                    var size = phiSize > 0 ? phiSize : arch.ImageSize;
                    var factor = arch.ImageSize / size;
                    var layers = ExprGanLayers.ResNet18(size);
                    entries.Add(new($"phi ({size}x{size})", [(layers, PassKind.Forward, b), (layers, PassKind.InputOnly, b)], phi is nn.Module m ? Params(m) : 0, () =>
                    {
                        Tensor Resize(Tensor t) => factor > 1 ? F.avg_pool2d(t, factor) : t;
                        using (no_grad()) phi.Features(Resize(x));
                        var xh = gx.tanh().requires_grad_(true);
                        var feats = phi.Features(Resize(xh));
                        feats.Select(f => f.abs().mean()).Aggregate((p, n) => p.add(n)).backward();
                    }));
                }
            }
            entries.Add(AdamEntry(nets, stage));
        }

        var refs = entries.Select(e => new ReferenceKernels(e.Passes, seed)).ToArray();
        try
        {
            var wall = entries.Select(_ => new List<double>()).ToArray();
            var mm = entries.Select(_ => new List<double>()).ToArray();
            var conv = entries.Select(_ => new List<double>()).ToArray();
            var step = new List<double>();
            var weights = new ExprGanTrainingOptions([1, 1, 1], batch, Seed: seed).WeightsOf(Math.Max(stage, 1));
            for (var r = -1; r < repeats; r++)   // r = -1: warm-up, not recorded
            {
                for (var k = 0; k < entries.Count; k++)
                {
                    var i = (k + Math.Max(r, 0)) % entries.Count;
                    var t1 = Time(entries[i].Run);
                    var t2 = entries[i].Flops > 0 ? Time(refs[i].RunMatmuls) : 0;
                    var t3 = entries[i].Flops > 0 ? Time(refs[i].RunConvs) : 0;
                    if (r < 0) continue;
                    wall[i].Add(t1);
                    mm[i].Add(t2);
                    conv[i].Add(t3);
                }
                if (stage > 0)
                {
                    // Two steps per call: the first allocates Adam's state, the second is the steady step.
                    var times = BareExprGanLoop.Run(nets, stage >= 2 && weights.Identity > 0 ? phi : null, x, y.argmax(1), stage, batch, 2, weights, seed + r + 1,
                        new LoopOptions(PhiSize: phiSize));
                    if (r >= 0) step.Add(times[1].Wall);
                }
                else if (r >= 0) step.Add(wall.Sum(w => w[^1]));
            }
            var label = stage == 0 ? "render" : $"stage {stage}";
            var rows = entries.Select((e, i) => new NetworkTiming(label, e.Name, b, e.PassText, e.Flops, e.Parameters, Median(wall[i]), Median(mm[i]), Median(conv[i]))).ToList();
            var flops = entries.Sum(e => e.Flops);
            var sum = rows.Sum(r => r.Seconds);
            rows.Add(new NetworkTiming(label, "sum of the above", b, "", flops, rows.Sum(r => r.Parameters), sum, rows.Sum(r => r.MatmulSeconds), rows.Sum(r => r.ConvSeconds)));
            if (stage > 0)
                rows.Add(new NetworkTiming(label, "whole step (bare loop)", b, "all of the above + losses, glue", flops, 0, Median(step),
                    rows[^1].MatmulSeconds, rows[^1].ConvSeconds));
            return rows;
        }
        finally
        {
            foreach (var r in refs) r.Dispose();
        }
    }

    /// <summary>The three optimiser steps, with gradients in place; no FLOPs counted (a few per parameter, memory-bound).</summary>
    static Entry AdamEntry(ExprGanNetworks nets, int stage)
    {
        var g = optim.Adam(nets.GeneratorParameters(), 2e-4, 0.5, 0.999);
        var d = optim.Adam(nets.ImageDiscriminatorParameters(), 2e-4, 0.5, 0.999);
        var z = optim.Adam(nets.IdentityDiscriminator.parameters(), 2e-4, 0.5, 0.999);
        var all = nets.GeneratorParameters().Concat(nets.ImageDiscriminatorParameters()).Concat(nets.IdentityDiscriminator.parameters()).ToArray();
        return new("optimiser (Adam x3)", [], all.Sum(p => p.numel()), () =>
        {
            foreach (var p in all) if (p.grad is null) p.grad = zeros_like(p).DetachFromDisposeScope();   // zero_grad may have dropped them
            d.step();
            if (stage >= 2) z.step();
            g.step();
        });
    }

    static double Time(Action action)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>GFLOP/s of a square float32 matmul, median of 5 after one warm-up: the machine's arithmetic ceiling on these threads.</summary>
    public static double SquareMatmulGflops(int n = 1024)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var bm = randn(n, n);
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var t = Time(() => a.mm(bm));
            if (i > 0) times.Add(t);
        }
        return 2.0 * n * n * n / Median(times) / 1e9;
    }
}
