namespace Augment.Sweep.Plan;

/// <summary>
/// One classifier fit: a split, a seed, a synthetic count, a classic-augmentation variant and how the classifier meets
/// the synthetic rows (<see cref="SyntheticMix.None"/> exactly when the count is 0: the baseline every synthetic
/// variant of the same split, seed and classic variant is paired against).
/// </summary>
public sealed record SweepCell(int Split, int Seed, int Count, ClassicAugmentation Variant, SyntheticMix Mix)
{
    public string Key => $"{Split}|{Seed}|{Count}|{VariantName(Variant)}|{MixName(Mix)}";

    /// <summary>The classic variant the per-class table and the confusion matrices show: the plain one when the sweep ran
    /// it, else its first.</summary>
    public static ClassicAugmentation ReportedVariant(SweepOptions o) =>
        o.Variants.Contains(ClassicAugmentation.Off) ? ClassicAugmentation.Off : o.Variants[0];

    public static string VariantName(ClassicAugmentation v) => v == ClassicAugmentation.Off ? "gan" : "gan+classic";

    public static ClassicAugmentation ParseVariant(string name) => name switch
    {
        "gan" => ClassicAugmentation.Off,
        "gan+classic" => ClassicAugmentation.FlipsAndShifts,
        _ => throw new FormatException($"Unknown sweep variant '{name}' (expected gan or gan+classic)."),
    };

    public static string MixName(SyntheticMix m) => m.ToString().ToLowerInvariant();

    /// <summary>A mix by name (none, pooled, capped); empty (cells.csv written before the variants existed, all
    /// pooled) reads as none at count 0 and pooled above.</summary>
    public static SyntheticMix ParseMix(string name, int count) => name switch
    {
        "" => count == 0 ? SyntheticMix.None : SyntheticMix.Pooled,
        "none" => SyntheticMix.None,
        "pooled" => SyntheticMix.Pooled,
        "capped" => SyntheticMix.Capped,
        _ => throw new FormatException($"Unknown synthetic variant '{name}' (expected none, pooled or capped)."),
    };

    /// <summary>The options' synthetic variants in run order (pooled, capped); throws when none or 'none' is asked for.</summary>
    public static IReadOnlyList<SyntheticMix> Mixes(SweepOptions o)
    {
        if (o.Synthetic.Count == 0 || o.Synthetic.Contains(SyntheticMix.None))
            throw new ArgumentException("A sweep needs at least one synthetic variant, pooled or capped (count 0 is the shared baseline).");
        if (o.Synthetic.Contains(SyntheticMix.Capped) && !(o.SyntheticShare is >= 0 and <= 1))
            throw new ArgumentException($"The synthetic share cap must be in [0, 1], got {o.SyntheticShare}.");
        return o.Synthetic.Distinct().Order().ToArray();
    }

    /// <summary>Cells in run order: by split and seed first (one GAN per split serves all its cells), then by count, so
    /// every variant of a count reads the same rendered synthetic rows. Count 0 is one cell per classic variant.</summary>
    public static IReadOnlyList<SweepCell> Enumerate(int splits, SweepOptions o)
    {
        var mixes = Mixes(o);
        return (from split in Enumerable.Range(0, splits)
                from seed in o.Seeds
                from count in o.Counts
                from variant in o.Variants
                from mix in count == 0 ? [SyntheticMix.None] : mixes
                select new SweepCell(split, seed, count, variant, mix)).ToArray();
    }
}
