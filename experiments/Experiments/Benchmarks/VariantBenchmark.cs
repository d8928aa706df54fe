using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using Augment.Torch;
using static TorchSharp.torch;

namespace Augment.Experiments.Benchmarks;

/// <summary>Seconds per image of the baseline step and of one variant, alternated in the same process.</summary>
public sealed record VariantTiming(string Variant, string Baseline, int Stage, int BaseBatch, int VariantBatch, int Steps,
    double BaseWall, double VariantWall, double BaseCpu, double VariantCpu, string Numerics)
{
    /// <summary>Baseline / variant wall seconds per image: above 1 = the variant is faster.</summary>
    public double Speedup => BaseWall / VariantWall;
    public double CpuSpeedup => BaseCpu / VariantCpu;
}

/// <summary>
/// One change at a time against the baseline step (<see cref="BareExprGanLoop"/>, the process's convolution mode):
/// rounds of [baseline steps, variant steps] (ABAB) on the same networks, one warm-up step per block dropped, means
/// of wall and process-CPU seconds per image. Variants: onednn:on|off, bf16, batch:N,
/// phi-every:K, phi-size:N, freeze-d, concat-code (the code channels concatenated and convolved, as before CodeConvolution).
/// </summary>
static class VariantBenchmark
{
    /// <summary>A parsed variant: everything a step can be run with.</summary>
    sealed record Setting(bool OneDnn, bool Concatenate, LoopOptions Options, int Batch, IReadOnlyList<string> Names)
    {
        public void Apply(bool bf16Outside = false)
        {
            CodeConvolution.Factorized = !Concatenate;
            ConvolutionGuard.UseOneDnn(OneDnn);
            CpuAutocast.Enable(bf16Outside && Options.Bf16);   // inside the loop, LoopOptions.Bf16 switches it per step
        }
    }

    static Setting Parse(string spec, bool baseOneDnn, int batch)
    {
        var s = new Setting(baseOneDnn, false, LoopOptions.Default, batch, []);
        var names = new List<string>();
        foreach (var part in spec.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))   // "a+b": both at once
        {
            var (name, value) = part.Split(':', 2) is [var head, var tail] ? (head.Trim(), tail.Trim()) : (part, "");
            names.Add(name);
            s = name switch
            {
                "baseline" => s,
                "onednn" => s with { OneDnn = value switch { "on" => true, "off" => false, _ => throw new ArgumentException($"onednn:{value}: use on or off.") } },
                "concat-code" => s with { Concatenate = true },
                "bf16" => s with { Options = s.Options with { Bf16 = true } },
                "batch" => s with { Batch = int.Parse(value) },
                "phi-every" => s with { Options = s.Options with { PhiEvery = int.Parse(value) } },
                "phi-size" => s with { Options = s.Options with { PhiSize = int.Parse(value) } },
                "freeze-d" => s with { Options = s.Options with { FreezeDiscriminatorsInG = true } },
                _ => throw new ArgumentException($"Unknown variant '{part}': baseline, onednn:on|off, bf16, batch:N, phi-every:K, phi-size:N, freeze-d, concat-code (join with +)."),
            };
        }
        return s with { Names = names };
    }

    /// <param name="baselineSpec">What the variant is compared with, in the same notation ("baseline" = the defaults).</param>
    public static VariantTiming Compare(string variant, string baselineSpec, ExprGanArchitecture arch, IIdentityNetwork? phi, int stage, int batch, int steps, int rounds, int seed)
    {
        var processMode = TorchBackends.Mkldnn;
        var a0 = Parse(baselineSpec, processMode, batch);
        var b0 = Parse(variant, processMode, batch);
        var classes = Enumerable.Range(0, arch.Classes).Select(i => $"c{i}").ToArray();
        using var nets = ExprGanNetworks.Create(arch, classes, CPU, seed);
        using var gen = new Generator((ulong)seed, CPU);
        var n = 4L * Math.Max(a0.Batch, b0.Batch);
        using var images = rand([n, arch.Channels, arch.ImageSize, arch.ImageSize], generator: gen).mul(2).sub(1);
        using var labels = randint(arch.Classes, [n], generator: gen);
        var weights = new ExprGanTrainingOptions([1, 1, 1], batch, Seed: seed).WeightsOf(stage);
        var numerics = Numerics(a0.Names.Concat(b0.Names).ToArray(), nets, images, arch, () => b0.Apply(bf16Outside: true), () => a0.Apply(bf16Outside: true));

        var a = new List<(double Wall, double Cpu)>();
        var b = new List<(double Wall, double Cpu)>();
        for (var r = 0; r < rounds; r++)
        {
            a0.Apply();
            a.AddRange(BareExprGanLoop.Run(nets, phi, images, labels, stage, a0.Batch, steps + 1, weights, seed + 2 * r, a0.Options).Skip(1).Select(t => (t.Wall / a0.Batch, t.Cpu / a0.Batch)));
            b0.Apply();
            b.AddRange(BareExprGanLoop.Run(nets, phi, images, labels, stage, b0.Batch, steps + 1, weights, seed + 2 * r + 1, b0.Options).Skip(1)
                .Select(t => (t.Wall / b0.Batch, t.Cpu / b0.Batch)));
        }
        Parse("baseline", processMode, batch).Apply();
        // Means, not medians: with phi every k-th step the median would pick a step without phi.
        return new VariantTiming(variant, baselineSpec, stage, a0.Batch, b0.Batch, a.Count, a.Average(t => t.Wall), b.Average(t => t.Wall),
            a.Average(t => t.Cpu), b.Average(t => t.Cpu), numerics);
    }

    /// <summary>
    /// For changes of the arithmetic (conv mode, layout, bf16): largest |difference| of decoder(encoder(x)) in eval
    /// mode between the baseline and the variant, same weights and inputs (images are in [-1, 1]). Changes of the
    /// training itself (batch, phi schedule or size) have no such figure: the evaluate gates judge them.
    /// </summary>
    static string Numerics(IReadOnlyList<string> names, ExprGanNetworks nets, Tensor images, ExprGanArchitecture arch, Action variant, Action baseline)
    {
        if (names.Any(n => n is "batch" or "phi-every" or "phi-size")) return "changes the training (evaluate gates needed)";
        if (names.Where(n => n != "baseline").All(n => n is "freeze-d")) return "same gradients (D grads of the G step were discarded)";
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        nets.Train(false);
        var x = images.narrow(0, 0, 8);
        var c = nets.Controller.forward(nn.functional.one_hot(arange(8).remainder(arch.Classes), arch.Classes), ones(8, arch.CodeDims).mul(0.5));
        baseline();
        var reference = nets.Decoder.forward(nets.Encoder.forward(x), c).to_type(ScalarType.Float32);
        variant();
        var changed = nets.Decoder.forward(nets.Encoder.forward(x), c).to_type(ScalarType.Float32);
        baseline();
        nets.Train(true);
        return $"max |diff| of G(x) {changed.sub(reference).abs().max().item<float>():E1}";
    }
}
