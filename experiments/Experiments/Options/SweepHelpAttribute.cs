using System.ComponentModel;
using Augment.Data;
using Augment.Sweep.Plan;

namespace Augment.Experiments.Options;

/// <summary>
/// A sweep option's help ending in its defaults, read from <see cref="SweepDefaults"/> (procedural, real data, --quick),
/// so --help says what the sweep does without restating a default.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class SweepHelpAttribute(string text, string property, string label = "default") : DescriptionAttribute(text)
{
    /// <summary>Any data set but the procedural faces: they all share the real-data defaults.</summary>
    public static string RealData => DatasetCatalog.Known.First(k => k.Name != DatasetCatalog.Default).Name;

    public override string Description => $"{DescriptionValue} ({label}: {Defaults(property)}).";

    /// <summary>"X" or "procedural X, other data sets Y", then "; --quick: Z" when --quick differs.</summary>
    public static string Defaults(string property)
    {
        var p = typeof(SweepOptions).GetProperty(property) ?? throw new ArgumentException($"SweepOptions has no {property}.");
        string Of(string dataset, bool quick) => HelpFormat.Of(p.GetValue(SweepDefaults.For(dataset, quick)));
        string Both(bool quick) => Of(DatasetCatalog.Default, quick) == Of(RealData, quick)
            ? Of(DatasetCatalog.Default, quick)
            : $"procedural {Of(DatasetCatalog.Default, quick)}, other data sets {Of(RealData, quick)}";
        return Both(true) == Both(false) ? Both(false) : $"{Both(false)}; --quick: {Both(true)}";
    }
}
