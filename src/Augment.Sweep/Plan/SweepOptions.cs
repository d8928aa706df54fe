using Augment.ExprGan.Training;
using Augment.Data;
using Augment.ExprGan.Model;
using Augment.Torch;

namespace Augment.Sweep.Plan;

/// <summary>Which classic augmentation a cell's classifier uses beside the GAN's synthetic rows.</summary>
public enum ClassicAugmentation { Off, FlipsAndShifts }

/// <summary>
/// How a cell's classifier meets its synthetic rows: none (count 0: real rows only, one cell shared by every
/// synthetic variant), pooled (the paper's way: one stream over real and synthetic rows, so a batch's synthetic share
/// follows their counts) or capped (ExpressionCnn's SyntheticShare over the augmenter's IsSynthetic column: at most
/// <see cref="SweepOptions.SyntheticShare"/> of each batch synthetic).
/// </summary>
public enum SyntheticMix { None, Pooled, Capped }

/// <summary>
/// Everything that decides a sweep's numbers. Two runs with equal options (and equal data) produce the same
/// cells, so finished cells are reused; any change shows up in <see cref="Hash"/>. The defaults are those of a sweep on
/// real data, the one place they are declared; <see cref="SweepDefaults"/> changes only what the procedural faces and
/// --quick need.
/// </summary>
public sealed record SweepOptions
{
    public string Dataset { get; init; } = DatasetCatalog.Default;
    public string? DataPath { get; init; }
    public IReadOnlyList<int> Counts { get; init; } = [0, 3000, 6000, 30000, 60000];
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];
    /// <summary>Null: one fixed split holding out <see cref="HoldoutFraction"/> of subjects; k: k folds by subject.</summary>
    public int? Folds { get; init; }
    public double HoldoutFraction { get; init; } = 0.1;
    /// <summary>Low-data regime: each split's GAN and classifier see only this many of its training subjects
    /// (<see cref="LowDataRegime"/>); null: all of them. Test subjects are never changed.</summary>
    public int? TrainSubjects { get; init; }
    /// <summary>Classic augmentation variants of the CNN. Real data: flips and shifts only, the measured real-only recipe
    /// (results/ck48/classifier-cv) and the paper's (random flips); off,on doubles the CNN fits.</summary>
    public IReadOnlyList<ClassicAugmentation> Variants { get; init; } = [ClassicAugmentation.FlipsAndShifts];
    /// <summary>The synthetic-share variants run at every count above 0 (pooled and/or capped; count 0 is one cell).</summary>
    public IReadOnlyList<SyntheticMix> Synthetic { get; init; } = [SyntheticMix.Pooled, SyntheticMix.Capped];
    /// <summary>The cap of the capped variant: the largest synthetic share of a classifier batch, in [0, 1].</summary>
    public double SyntheticShare { get; init; } = 0.5;
    /// <summary>The identity-preserving design, which keeps the person (docs/identity-preserving.md): `ip-skip-avg`,
    /// `ip-skip` (stronger, better graded edits than `ip` on three CK+48 splits) writing its weights averaged over stage 3,
    /// which keeps more of the person and passes every gate on the default split with the default GAN seed. The CK+48
    /// protocol tables of issue 14 were computed with `ip` (`--gan-preset ip`).</summary>
    public string GanPreset { get; init; } = ExprGanPreset.IdentityPreservingAveraged.Name;
    public IReadOnlyList<int> GanEpochs { get; init; } = [.. ExprGanPreset.IdentityPreservingAveraged.DefaultEpochs];
    /// <summary>Seed of every split's GAN: one GAN per split, shared by all classifier seeds.</summary>
    public int GanSeed { get; init; } = 1;
    public string ClassifierPreset { get; init; } = "default";
    /// <summary>CNN epochs of <see cref="ClassifierSamplesPerEpoch"/> rows. 20 on real data: at 10 the real-only CNN was
    /// still improving (CK+48, 5 folds x 3 seeds, flips and shifts: 83.4% at 5, 89.8% at 10; results/ck48/classifier-budget),
    /// so a capped cell, which sees half as many real rows, lost accuracy to the budget alone.</summary>
    public int ClassifierEpochs { get; init; } = 20;
    /// <summary>Rows per classifier epoch: the same compute for every count (see ExpressionCnnOptions.SamplesPerEpoch).</summary>
    public int ClassifierSamplesPerEpoch { get; init; } = 1500;
    /// <summary>Synthetic intensities are drawn uniformly from this range, as the paper samples random intensities.</summary>
    public float MinIntensity { get; init; } = 0.5f;
    public float MaxIntensity { get; init; } = 1f;
    public int ImageSize { get; init; } = 48;
    public bool Rgb { get; init; }
    public bool Quick { get; init; }
    public int? MaxImages { get; init; }
    /// <summary>Procedural faces only: images per identity and class the sweep renders (the data hash covers it).</summary>
    public int ProceduralImagesPerExpression { get; init; } = new Augment.Data.Procedural.ProceduralOptions().ImagesPerExpression;
    /// <summary>Where synthetic images are rendered. ONNX Runtime is several times faster than TorchSharp here
    /// (results/benchmarks/augmenter.md) and matches it to 1e-6, so it is left out of the options hash.</summary>
    public Augment.Augmentation.GeneratorBackend Backend { get; init; } = Augment.Augmentation.GeneratorBackend.Onnx;
    /// <summary>Threads for libtorch and ONNX Runtime. Part of the hash (and of the GAN cache key): libtorch splits float
    /// sums by thread, so 1 and 2 threads train different GANs and classifiers (issue 10 item 10).</summary>
    public int Threads { get; init; } = new TorchOptions().Threads;
    /// <summary>The quality gates every generator must pass before it renders synthetic rows (not in the hash).</summary>
    public Gates.GeneratorGateOptions Gate { get; init; } = new();

    /// <summary>Refuse (false) or drop (true) classes with too few images on a side of a split (<see cref="SweepClasses"/>).</summary>
    public bool DropDegenerateClasses { get; init; }
    /// <summary>The classes dropped, with their counts; said in every report.</summary>
    public IReadOnlyList<string> DroppedClasses { get; init; } = [];

    /// <summary>Short stable hash of every option that changes results (not paths of outputs). The synthetic variants
    /// enter it unless they are pooled alone (what every sweep ran before they existed, so those runs keep their hash);
    /// "nested" marks the synthetic rows of every count being the first rows of the largest count's plan (before, each
    /// count had a plan of its own).</summary>
    public string Hash(string dataHash) => Digest(HashText(dataHash));

    /// <summary>The short hash of a <see cref="HashText"/>.</summary>
    public static string Digest(string hashText) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hashText)))[..12].ToLowerInvariant();

    /// <summary>The names of <see cref="HashText"/>'s fixed fields, in order (the optional ones after them name themselves).</summary>
    public static readonly string[] HashTextFields =
        ["data set", "data hash", "folds", "GAN preset", "GAN epochs", "GAN seed", "classifier preset", "classifier epochs",
         "rows per epoch", "min intensity", "max intensity", "image size", "rgb", "quick", "max images", "threads", "plan"];

    /// <summary>What <see cref="Hash"/> hashes, '|'-separated; run.json keeps it so a refused resume can name the settings that differ.</summary>
    public string HashText(string dataHash)
    {
        var text = string.Join("|", Dataset, dataHash, string.Join(",", Folds?.ToString() ?? $"holdout{HoldoutFraction}"),
            GanPreset, string.Join(",", GanEpochs), $"ganseed{GanSeed}", ClassifierPreset, ClassifierEpochs, ClassifierSamplesPerEpoch,
            MinIntensity, MaxIntensity, ImageSize, Rgb, Quick, MaxImages, $"threads{Threads}", "nested");
        var mixes = SweepCell.Mixes(this);
        if (TrainSubjects is { } n) text += $"|trainsubjects{n}";
        if (!mixes.SequenceEqual([SyntheticMix.Pooled]))
            text += "|synthetic" + string.Join(",", mixes.Select(SweepCell.MixName))
                + (mixes.Contains(SyntheticMix.Capped) ? "|share" + SyntheticShare.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "");
        return text;
    }
}
