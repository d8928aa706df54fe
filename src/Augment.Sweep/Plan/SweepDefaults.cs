using Augment.Data.Procedural;

namespace Augment.Sweep.Plan;

/// <summary>
/// Defaults sized for this 2-core machine. The embedded procedural sweep must finish within 15 minutes there, GAN
/// training included (issue 10; the measured time is in results/procedural-budget.md): 40 identities x 4 images
/// per expression at 32x32, 2 seeds, the 'small' GAN for 1/1/1 epochs, the CNN for 10 x 1000 rows, GAN synthetic
/// only (--classic adds the flips/shifts variant, doubling the CNN fits). Real data: 48x48, the 'cpu' GAN for
/// 1/2/1 epochs, 3 seeds, both variants. --quick shrinks everything for CI (under 2 minutes).
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
            GanEpochs = procedural ? [1, 1, 1] : [1, 2, 1],
            Seeds = procedural ? [1, 2] : [1, 2, 3],
            Variants = procedural ? [ClassicAugmentation.Off] : [ClassicAugmentation.Off, ClassicAugmentation.FlipsAndShifts],
            ClassifierEpochs = 10,
            ClassifierSamplesPerEpoch = procedural ? 1000 : 1500,
        };
        return quick
            ? o with { Quick = true, Counts = [0, 300, 600], Seeds = [1], GanPreset = "tiny", ImageSize = 32, GanEpochs = [1, 1, 1],
                       Variants = [ClassicAugmentation.Off], ClassifierPreset = "small", ClassifierEpochs = 6, ClassifierSamplesPerEpoch = 480,
                       MaxImages = procedural ? 480 : 300 }
            : o;
    }

    /// <summary>The procedural set a sweep uses (ignored for real data).</summary>
    public static ProceduralOptions Procedural(bool quick, int size, int seed, bool rgb) =>
        new() { Size = size, Seed = seed, Rgb = rgb, Identities = quick ? 20 : 40, ImagesPerExpression = 4 };
}
