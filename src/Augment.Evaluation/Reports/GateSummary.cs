using System.Globalization;
using System.Text;

namespace Augment.Evaluation.Reports;

/// <summary>
/// One evaluation's gates, read back from its metrics.csv, so several training runs of a recipe can be set side by
/// side (how many pass, and which gate fails when one does not) from the files `evaluate` wrote, not by hand.
/// </summary>
/// <param name="Failed">The failing gates by name ("edit accuracy", a class for its intensity gate, "identity").</param>
/// <param name="IntensityMin">The lowest class's intensity reading (the one the gate read: per face or pooled).</param>
public sealed record GateSummary(
    string Name, int Passed, int Total, IReadOnlyList<string> Failed, double EditAccuracy, double EditThreshold, double JudgeReal,
    double IntensityMin, string IntensityMinClass, double Identity, double IdentityThreshold, double ReconstructionL1)
{
    public bool PassesAll => Passed == Total;

    /// <summary>Reads <c>metrics.csv</c> in an evaluation folder (a folder without gates is refused, naming it).</summary>
    public static GateSummary Read(string directory, string? name = null)
    {
        var path = Path.Combine(directory, "metrics.csv");
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' holds no metrics.csv: is it an evaluate output folder?", path);
        var rows = MetricsCsv.Read(path);
        double One(string metric, string cls = MetricsCsv.All) =>
            rows.FirstOrDefault(r => r.Metric == metric && r.Class == cls && r.Intensity == null)?.Value
            ?? throw new InvalidDataException($"{path}: no '{metric}' ({cls}) row; re-run evaluate with this build to get its gates.");

        var gates = rows.Where(r => r.Metric.StartsWith("gate_", StringComparison.Ordinal) && r.Metric.EndsWith("_pass", StringComparison.Ordinal)).ToList();
        if (gates.Count == 0) throw new InvalidDataException($"{path}: no gate rows; re-run evaluate with this build to get its gates.");
        var failed = gates.Where(g => g.Value < 0.5).Select(GateName).Distinct().ToList();
        var intensity = rows.Where(r => r.Metric == "gate_intensity_spearman_value").MinBy(r => r.Value)
            ?? throw new InvalidDataException($"{path}: no intensity gate rows.");
        var identityThreshold = Math.Max(One("gate_identity_vs_ceiling_threshold"), One("gate_identity_vs_chance_threshold"));
        return new GateSummary(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))),
            gates.Count(g => g.Value >= 0.5), gates.Count, failed, One("gate_edit_accuracy_value"), One("gate_edit_accuracy_threshold"),
            One("judge_real_accuracy"), intensity.Value, intensity.Class, One("gate_identity_vs_ceiling_value"), identityThreshold,
            One("reconstruction_l1"));
    }

    static string GateName(MetricRow gate) => gate.Metric switch
    {
        "gate_edit_accuracy_pass" => "edit accuracy",
        "gate_intensity_spearman_pass" => gate.Class,
        "gate_identity_vs_ceiling_pass" or "gate_identity_vs_chance_pass" => "identity",
        _ => gate.Metric,
    };

    /// <summary>A markdown table, one row per evaluation, and a line counting those that pass every gate.</summary>
    public static string Markdown(IReadOnlyList<GateSummary> rows)
    {
        static string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine("| evaluation | gates passed | failing | edit accuracy (bar; judge on real faces) | lowest intensity Spearman | identity, phi at intensity 1 (bar) | reconstruction L1 |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine($"| {r.Name} | {(r.PassesAll ? $"**{r.Passed} of {r.Total}**" : $"{r.Passed} of {r.Total}")} | {(r.Failed.Count == 0 ? "–" : string.Join(", ", r.Failed))} | " +
                $"{P(r.EditAccuracy)} ({P(r.EditThreshold)}; {P(r.JudgeReal)}) | {F(r.IntensityMin)} ({r.IntensityMinClass}) | {P(r.Identity)} ({P(r.IdentityThreshold)}) | " +
                $"{r.ReconstructionL1.ToString("0.000", CultureInfo.InvariantCulture)} |");
        sb.AppendLine();
        sb.AppendLine($"{rows.Count(r => r.PassesAll)} of {rows.Count} pass every gate.");
        return sb.ToString();
    }
}
