using Augment.ExprGan.Training;
using Augment.Sweep.Plan;

namespace Augment.Experiments.Commands;

public sealed partial class SweepCommand
{
    /// <summary>Beyond this a cell renders for hours on a CPU: certainly a typo (the paper's largest count is 60K).</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>
    /// The options the library receives for a command line: <see cref="SweepDefaults"/> for the data set (and --quick),
    /// with what the user typed over them, and nothing else.
    /// </summary>
    public static SweepOptions BuildOptions(Settings s)
    {
        var data = s.ToDataOptions();
        var d = SweepDefaults.For(data.Name, s.Quick);
        var ganEpochs = s.GanEpochs is { } ge ? ListOption.Parse(ge, "--gan-epochs", 0, 1000, allowDuplicates: true) : d.GanEpochs;
        if (ganEpochs.Count != 3) throw new ArgumentException($"--gan-epochs takes three counts 's1,s2,s3', got '{s.GanEpochs}'.");
        var counts = s.Counts is { } c ? ListOption.Parse(c, "--counts", 0, MaxCount) : d.Counts;
        if (counts.Any(n => n > 0) && ganEpochs.Sum() == 0) throw new ArgumentException("--gan-epochs 0,0,0 would render synthetic faces from an untrained GAN; give at least one epoch.");
        var options = d with
        {
            DataPath = data.Path,
            Counts = counts,
            Seeds = s.Seeds is { } sd ? ListOption.Parse(sd, "--seeds", 0, int.MaxValue) : d.Seeds,
            Folds = s.Folds ?? d.Folds,
            TrainSubjects = s.TrainSubjects is { } ts ? Positive(ts, "--train-subjects", 100_000) : d.TrainSubjects,
            GanPreset = s.GanPreset is { } gp ? Augment.ExprGan.Training.ExprGanPreset.Get(gp).Name : d.GanPreset,
            GanEpochs = ganEpochs,
            GanSeed = s.GanSeed ?? d.GanSeed,
            ClassifierPreset = s.Classifier is { } cp ? CheckClassifier(cp) : d.ClassifierPreset,
            ClassifierEpochs = s.ClassifierEpochs is { } ce ? Positive(ce, "--classifier-epochs", 1000) : d.ClassifierEpochs,
            ClassifierSamplesPerEpoch = s.SamplesPerEpoch is { } sp ? Positive(sp, "--samples-per-epoch", 10_000_000) : d.ClassifierSamplesPerEpoch,
            ImageSize = data.Load.Size ?? d.ImageSize,
            MaxImages = data.Load.MaxImages ?? d.MaxImages,
            Rgb = data.Load.Rgb || d.Rgb,
            Threads = s.ToTorchOptions().Threads,
            Gate = d.Gate with
            {
                AllowWeakGenerator = s.AllowWeakGenerator || d.Gate.AllowWeakGenerator,
                Thresholds = IntensityGateOption.Apply(d.Gate.Thresholds, s.IntensityGate),
            },
            DropDegenerateClasses = s.DropDegenerateClasses || d.DropDegenerateClasses,
            Variants = s.Classic is { } cl ? ParseClassic(cl) : d.Variants,
            Synthetic = s.Synthetic is { } sy ? ParseSynthetic(sy) : d.Synthetic,
            SyntheticShare = s.SyntheticShare is { } share ? Share(share) : d.SyntheticShare,
            Backend = s.Backend is { } b ? ParseBackend(b) : d.Backend,
            ProceduralImagesPerExpression = s.ProceduralImages is { } pi ? Positive(pi, "--procedural-images", 1000) : d.ProceduralImagesPerExpression,
        };
        if (s.ProceduralImages != null && data.Name != Augment.Data.DatasetCatalog.Default)
            throw new ArgumentException($"--procedural-images sets how many procedural faces are rendered; --dataset {data.Name} reads its images from disk.");
        if (s.SyntheticShare != null && !options.Synthetic.Contains(SyntheticMix.Capped))
            throw new ArgumentException("--synthetic-share sets the capped variant's cap, but --synthetic leaves the capped variant out.");
        return options;
    }

    static Augment.Augmentation.GeneratorBackend ParseBackend(string name) => name.Trim().ToLowerInvariant() switch
    {
        "onnx" => Augment.Augmentation.GeneratorBackend.Onnx,
        "torch" or "torchsharp" => Augment.Augmentation.GeneratorBackend.TorchSharp,
        _ => throw new ArgumentException($"--backend must be onnx or torch, got '{name}'."),
    };

    /// <summary>--synthetic: pooled and/or capped, each once.</summary>
    static IReadOnlyList<SyntheticMix> ParseSynthetic(string list) =>
        ParseSet<SyntheticMix>(list, "--synthetic", "pooled,capped", new() { ["pooled"] = SyntheticMix.Pooled, ["capped"] = SyntheticMix.Capped });

    /// <summary>--classic: off and/or on, each once.</summary>
    static IReadOnlyList<ClassicAugmentation> ParseClassic(string list) =>
        ParseSet<ClassicAugmentation>(list, "--classic", "off,on", new() { ["off"] = ClassicAugmentation.Off, ["on"] = ClassicAugmentation.FlipsAndShifts });

    /// <summary>A comma-separated list of distinct names from <paramref name="names"/>, in the enum's order.</summary>
    static T[] ParseSet<T>(string list, string option, string example, Dictionary<string, T> names) where T : struct, Enum
    {
        var picked = list.Split(',', StringSplitOptions.TrimEntries).Select(n => names.TryGetValue(n.ToLowerInvariant(), out var v) ? v
            : throw new ArgumentException($"{option} takes {string.Join(" and/or ", names.Keys)} (e.g. {example}), got '{n}'.")).ToList();
        if (picked.Distinct().Count() != picked.Count) throw new ArgumentException($"{option} names a variant twice: '{list}'.");
        return [.. picked.Order()];
    }

    static double Share(double share) =>
        share is >= 0 and <= 1 ? share : throw new ArgumentException($"--synthetic-share must be between 0 and 1, got {share}.");

    static int Positive(int value, string option, int max) =>
        value is >= 1 && value <= max ? value : throw new ArgumentException($"{option} must be between 1 and {max}, got {value}.");

    static string CheckClassifier(string name)
    {
        try { _ = Augment.Classifier.CnnArchitecture.Parse(name); return name.Trim().ToLowerInvariant(); }
        catch (ArgumentException) { throw new ArgumentException($"--classifier must be small, default, s2d, wide or WIDTHS[/fcN][/dropP][/convK][/s2d], got '{name}'."); }
    }
}
