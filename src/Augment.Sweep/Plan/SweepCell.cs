namespace Augment.Sweep.Plan;

/// <summary>One classifier fit: a split, a seed, a synthetic count and a classic-augmentation variant.</summary>
public sealed record SweepCell(int Split, int Seed, int Count, ClassicAugmentation Variant)
{
    public string Key => $"{Split}|{Seed}|{Count}|{VariantName(Variant)}";

    public static string VariantName(ClassicAugmentation v) => v == ClassicAugmentation.Off ? "gan" : "gan+classic";

    public static ClassicAugmentation ParseVariant(string name) => name switch
    {
        "gan" => ClassicAugmentation.Off,
        "gan+classic" => ClassicAugmentation.FlipsAndShifts,
        _ => throw new FormatException($"Unknown sweep variant '{name}' (expected gan or gan+classic)."),
    };

    /// <summary>Cells in run order: by split and seed first, so one GAN per (split, seed) serves all its cells.</summary>
    public static IReadOnlyList<SweepCell> Enumerate(int splits, SweepOptions o) =>
        (from split in Enumerable.Range(0, splits)
         from seed in o.Seeds
         from count in o.Counts
         from variant in o.Variants
         select new SweepCell(split, seed, count, variant)).ToArray();
}
