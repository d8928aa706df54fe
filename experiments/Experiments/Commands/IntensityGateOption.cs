using Augment.Evaluation.Gates;

namespace Augment.Experiments.Commands;

/// <summary>--intensity-gate, shared by evaluate and sweep: which Spearman the intensity gate reads.</summary>
static class IntensityGateOption
{
    public const string Help = "Which Spearman the intensity gate reads: per-face (each face's own, averaged; the default) or pooled (all faces' edits in one ranking; stricter across people). docs/evaluation.md";

    static readonly Dictionary<string, IntensityReading> Names = new() { ["per-face"] = IntensityReading.PerFace, ["pooled"] = IntensityReading.Pooled };

    /// <summary>What is wrong with a typed value, or null when it parses (for settings validation).</summary>
    public static string? Error(string? name) =>
        name is null || Names.ContainsKey(name.Trim().ToLowerInvariant()) ? null : $"--intensity-gate must be per-face or pooled, got '{name}'.";

    /// <summary>The gates' thresholds with the reading typed on the command line, if any.</summary>
    public static QualityGateOptions Apply(QualityGateOptions gates, string? name) =>
        name is null ? gates
        : Names.TryGetValue(name.Trim().ToLowerInvariant(), out var reading) ? gates with { IntensityReading = reading }
        : throw new ArgumentException(Error(name));
}
