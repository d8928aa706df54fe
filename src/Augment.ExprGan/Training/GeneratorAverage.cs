using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// An exponential moving average of the generator's weights over the refining stage (average = decay x average +
/// (1 - decay) x live after every generator step), written as the run's generator instead of the last step's weights.
/// GAN weights keep circling under the adversarial game, so the last step lands anywhere on that circle and two
/// training seeds of one recipe end far apart; the average sits near the circle's centre (Yazici et al., "The unusual
/// effectiveness of averaging in GAN training", ICLR 2019; StyleGAN's G_ema). Floating-point buffers (batch-norm
/// statistics) are averaged alike, integer ones copied. It starts as a copy of the live weights when stage 3 begins.
/// </summary>
public sealed class GeneratorAverage : IDisposable
{
    readonly (Tensor Average, Tensor Live)[] pairs;
    readonly double decay;

    GeneratorAverage(ExprGanGenerator average, ExprGanGenerator live, double decay)
    {
        Generator = average;
        this.decay = decay;
        var mine = average.state_dict();
        var theirs = live.state_dict();
        pairs = [.. mine.Select(kv => (kv.Value, theirs[kv.Key]))];
    }

    /// <summary>The averaged generator (same architecture and state-dict names as the live one).</summary>
    public ExprGanGenerator Generator { get; }

    /// <summary>An average that starts at the live generator's current weights.</summary>
    public static GeneratorAverage Start(ExprGanGenerator live, double decay)
    {
        if (!(decay > 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "The averaging decay must be in (0, 1).");
        var copy = ExprGanGenerator.Copy(live);
        return new GeneratorAverage(copy, live, decay);
    }

    /// <summary>One averaging step, after a generator update.</summary>
    public void Update()
    {
        using var _ = no_grad();
        foreach (var (avg, live) in pairs)
        {
            if (avg.is_floating_point()) avg.mul_(decay).add_(live, alpha: 1 - decay);
            else avg.copy_(live);
        }
    }

    public void Dispose() => Generator.Dispose();
}
