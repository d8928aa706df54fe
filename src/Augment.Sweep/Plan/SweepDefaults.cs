using Augment.Data.Procedural;

namespace Augment.Sweep.Plan;

/// <summary>
/// Defaults sized for this 2-core machine: the embedded procedural set at 32x32 with the 'small' GAN (whole sweep in
/// minutes), real data at 48x48 with the 'cpu' GAN; --quick shrinks everything for CI.
/// </summary>
public static class SweepDefaults
{
    public static SweepOptions For(string dataset, bool quick)
    {
        var procedural = dataset == "procedural";
        var o = new SweepOptions
        {
            Dataset = dataset,
            ImageSize = procedural ? 32 : 48,
            GanPreset = procedural ? "small" : "cpu",
            // Sized for 2 cores (measured times: README, "Budgets"): 4 GAN epochs and 15K classifier rows per cell.
            GanEpochs = [1, 2, 1],
            ClassifierEpochs = 10,
            ClassifierSamplesPerEpoch = 1500,
        };
        return quick
            ? o with { Quick = true, Counts = [0, 300, 600], Seeds = [1], GanPreset = "tiny", ImageSize = 32, GanEpochs = [1, 1, 1],
                       ClassifierPreset = "small", ClassifierEpochs = 6, ClassifierSamplesPerEpoch = 480, MaxImages = procedural ? 480 : 300 }
            : o;
    }

    /// <summary>The procedural set a sweep uses (ignored for real data).</summary>
    public static ProceduralOptions Procedural(bool quick, int size, int seed, bool rgb) =>
        new() { Size = size, Seed = seed, Rgb = rgb, Identities = quick ? 20 : 40, ImagesPerExpression = quick ? 4 : 6 };
}
