using Augment.ExprGan.Training;
using Augment.Data;
using Augment.Data.Procedural;
using Augment.ExprGan.Model;

namespace Augment.Sweep.Plan;

/// <summary>
/// What the procedural faces and --quick change in <see cref="SweepOptions"/>' defaults (those of real data: the
/// 'ip-skip-avg' preset at 48x48 for its default epochs, ~10% of subjects held out, seeds 1-3, the CNN with flips and shifts for
/// 20 x 1500 rows, pooled and capped synthetic rows). Sized for this 2-core machine. Procedural: 'ip-procedural' (32x32,
/// 10/10/40 epochs, the recipe that passes the quality gates on most training seeds), a quarter of the 40 identities held out (with 4 the identity gate's
/// 5 x chance bar cannot be reached), 2 seeds, the CNN for 10 x 1000 rows without flips or shifts (the procedural
/// disgust is one-sided; --classic on or off,on asks for them). --quick shrinks everything for CI (under 2 minutes; its tiny GAN
/// never passes the gates, so it only records them).
/// </summary>
public static class SweepDefaults
{
    public static SweepOptions For(string dataset, bool quick)
    {
        var procedural = dataset == DatasetCatalog.Default;
        var o = new SweepOptions { Dataset = dataset };
        if (procedural)
            o = o with
            {
                ImageSize = 32, HoldoutFraction = 0.25, GanPreset = ExprGanPreset.IdentityPreservingProcedural.Name,
                GanEpochs = [.. ExprGanPreset.IdentityPreservingProcedural.DefaultEpochs], Seeds = [1, 2], Variants = [ClassicAugmentation.Off], ClassifierEpochs = 10, ClassifierSamplesPerEpoch = 1000,
            };
        return quick
            ? o with
            {
                Quick = true, Counts = [0, 300, 600], Seeds = [1], GanPreset = ExprGanPreset.Tiny.Name, ImageSize = 32, GanEpochs = [1, 1, 1],
                Variants = [ClassicAugmentation.Off], ClassifierPreset = "small", ClassifierEpochs = 6, ClassifierSamplesPerEpoch = 480,
                MaxImages = procedural ? 480 : 300, ProceduralImagesPerExpression = 4,
                // A CI-sized GAN never passes the gates; --quick still measures and records them.
                Gate = o.Gate with { AllowWeakGenerator = true },
            }
            : o;
    }

    /// <summary>
    /// The procedural set a sweep draws (ignored for real data): by default train's own (40 identities, 6 images per
    /// identity and class, 1080 training faces), the set `ip-procedural` was measured on; the sweeps published before
    /// session 22 drew 4 per class (`--procedural-images 4`). --quick: 20 identities.
    /// </summary>
    public static ProceduralOptions Procedural(SweepOptions options)
    {
        var set = new ProceduralOptions { ImagesPerExpression = options.ProceduralImagesPerExpression };
        return options.Quick ? set with { Identities = 20 } : set;
    }

    /// <summary>
    /// The data a sweep reads: the data set asked for, at the sweep's image size, channels and limit (decided in the
    /// options, which the GAN's architecture also reads), and for the procedural faces the sweep's set.
    /// </summary>
    public static DatasetOptions Data(SweepOptions options, DatasetOptions asked) => asked with
    {
        Load = asked.Load with { Size = options.ImageSize, Rgb = options.Rgb, MaxImages = options.MaxImages },
        Procedural = Procedural(options),
    };
}
