using Augment.Evaluation.Gates;

namespace Augment.Experiments.Commands;

/// <summary>--intensity-gate, shared by evaluate and sweep: which Spearman the intensity gate reads.</summary>
static class IntensityGateOption
{
    public const string Help = "Which Spearman the intensity gate reads: per-face (each face's own, averaged; the default) or pooled (all faces' edits in one ranking; stricter across people). docs/evaluation.md";

    public static IntensityReading? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "per-face" => IntensityReading.PerFace,
        "pooled" => IntensityReading.Pooled,
        _ => throw new ArgumentException($"--intensity-gate must be per-face or pooled, got '{name}'."),
    };

    /// <summary>The gates' thresholds with the reading typed on the command line, if any.</summary>
    public static QualityGateOptions Apply(QualityGateOptions gates, string? name) =>
        Parse(name) is { } reading ? gates with { IntensityReading = reading } : gates;
}
