using Augment.Core;
using Augment.ExprGan.Identity;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using static TorchSharp.torch;

namespace Augment.Experiments.Benchmarks;

/// <summary>Seconds per image of the baseline step and of one variant, alternated in the same process.</summary>
public sealed record VariantTiming(string Variant, int Stage, int BaseBatch, int VariantBatch, int Steps,
    double BaseWall, double VariantWall, double BaseCpu, double VariantCpu, string Numerics)
{
    /// <summary>Baseline / variant wall seconds per image: above 1 = the variant is faster.</summary>
    public double Speedup => BaseWall / VariantWall;
    public double CpuSpeedup => BaseCpu / VariantCpu;
}

/// <summary>
/// One change at a time against the baseline step (<see cref="BareExprGanLoop"/>, the process's convolution mode):
/// rounds of [baseline steps, variant steps] (ABAB) on the same networks, one warm-up step per block dropped, medians
/// of wall and process-CPU seconds per image. Variants: onednn:on|off|padded, channels-last, bf16, batch:N,
/// phi-every:K, phi-size:N, freeze-d.
/// </summary>
static class VariantBenchmark
{
    public static VariantTiming Compare(string variant, ExprGanArchitecture arch, IIdentityNetwork? phi, int stage, int batch, int steps, int rounds, int seed)
    {
        var (name, value) = variant.Split(':', 2) is [var head, var tail] ? (head.Trim(), tail.Trim()) : (variant.Trim(), "");
        var baseMode = ConvolutionGuard.Mode;
        var options = LoopOptions.Default;
        var mode = baseMode;
        var channelsLast = false;
        var variantBatch = batch;
        switch (name)
        {
            case "onednn":
                mode = value switch { "on" => ConvolutionMode.OneDnn, "off" => ConvolutionMode.Aten, "padded" => ConvolutionMode.PaddedOneDnn, _ => throw new ArgumentException($"onednn:{value}: use on, off or padded.") };
                break;
            case "channels-last": channelsLast = true; break;
            case "bf16": options = options with { Bf16 = true }; break;
            case "batch": variantBatch = int.Parse(value); break;
            case "phi-every": options = options with { PhiEvery = int.Parse(value) }; break;
            case "phi-size": options = options with { PhiSize = int.Parse(value) }; break;
            case "freeze-d": options = options with { FreezeDiscriminatorsInG = true }; break;
            default: throw new ArgumentException($"Unknown variant '{variant}': onednn:on|off|padded, channels-last, bf16, batch:N, phi-every:K, phi-size:N, freeze-d.");
        }
        var classes = Enumerable.Range(0, arch.Classes).Select(i => $"c{i}").ToArray();
        using var nets = ExprGanNetworks.Create(arch, classes, CPU, seed);
        using var gen = new Generator((ulong)seed, CPU);
        var n = 4L * Math.Max(batch, variantBatch);
        using var images = rand([n, arch.Channels, arch.ImageSize, arch.ImageSize], generator: gen).mul(2).sub(1);
        using var labels = randint(arch.Classes, [n], generator: gen);
        var weights = new ExprGanTrainingOptions([1, 1, 1], batch, Seed: seed).WeightsOf(stage);
        var numerics = Numerics(name, nets, images, arch, () => Apply(mode, channelsLast, options.Bf16), () => Apply(baseMode, false, false));

        var a = new List<(double Wall, double Cpu)>();
        var b = new List<(double Wall, double Cpu)>();
        for (var r = 0; r < rounds; r++)
        {
            Apply(baseMode, false, false);
            a.AddRange(BareExprGanLoop.Run(nets, phi, images, labels, stage, batch, steps + 1, weights, seed + 2 * r).Skip(1).Select(t => (t.Wall / batch, t.Cpu / batch)));
            Apply(mode, channelsLast, false);
            b.AddRange(BareExprGanLoop.Run(nets, phi, images, labels, stage, variantBatch, steps + 1, weights, seed + 2 * r + 1, options).Skip(1)
                .Select(t => (t.Wall / variantBatch, t.Cpu / variantBatch)));
        }
        Apply(baseMode, false, false);
        return new VariantTiming(variant, stage, batch, variantBatch, a.Count, Median(a.Select(t => t.Wall)), Median(b.Select(t => t.Wall)),
            Median(a.Select(t => t.Cpu)), Median(b.Select(t => t.Cpu)), numerics);
    }

    static void Apply(ConvolutionMode mode, bool channelsLast, bool bf16)
    {
        ConvolutionGuard.Use(mode);
        ConvolutionGuard.ChannelsLast = channelsLast;
        CpuAutocast.Enable(bf16);
    }

    /// <summary>
    /// For changes of the arithmetic (conv mode, layout, bf16): largest |difference| of decoder(encoder(x)) in eval
    /// mode between the baseline and the variant, same weights and inputs (images are in [-1, 1]). Changes of the
    /// training itself (batch, phi schedule or size) have no such figure: the evaluate gates judge them.
    /// </summary>
    static string Numerics(string name, ExprGanNetworks nets, Tensor images, ExprGanArchitecture arch, Action variant, Action baseline)
    {
        if (name is "batch" or "phi-every" or "phi-size") return "changes the training (evaluate gates needed)";
        if (name is "freeze-d") return "same gradients (D grads of the G step were discarded)";
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

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
