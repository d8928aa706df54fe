using Augment.Evaluation.Reports;
using Augment.Tests.ExprGan;

namespace Augment.Tests.Evaluation;

/// <summary>compare-evaluations: gates read back from metrics.csv files.</summary>
public class GateSummaryTests
{
    static readonly string[] Classes = ["anger", "sadness"];

    /// <summary>A metrics.csv as evaluate writes it, with the given intensity readings and identity share.</summary>
    static void WriteMetrics(string dir, double editAccuracy, double[] spearman, double identity)
    {
        Directory.CreateDirectory(dir);
        var rows = new List<MetricRow>
        {
            new("edit_accuracy", "all", null, editAccuracy), new("judge_real_accuracy", "all", null, 0.9), new("reconstruction_l1", "all", null, 0.1),
            new("gate_edit_accuracy_value", "all", null, editAccuracy), new("gate_edit_accuracy_threshold", "all", null, 0.81),
            new("gate_edit_accuracy_pass", "all", null, editAccuracy >= 0.81 ? 1 : 0),
        };
        for (var k = 0; k < Classes.Length; k++)
        {
            rows.Add(new("gate_intensity_spearman_value", Classes[k], null, spearman[k]));
            rows.Add(new("gate_intensity_spearman_threshold", Classes[k], null, 0.8));
            rows.Add(new("gate_intensity_spearman_pass", Classes[k], null, spearman[k] >= 0.8 ? 1 : 0));
        }
        foreach (var (gate, bar) in new[] { ("gate_identity_vs_ceiling", 0.41), ("gate_identity_vs_chance", 0.37) })
        {
            rows.Add(new($"{gate}_value", "all", null, identity));
            rows.Add(new($"{gate}_threshold", "all", null, bar));
            rows.Add(new($"{gate}_pass", "all", null, identity >= bar ? 1 : 0));
        }
        MetricsCsv.Write(Path.Combine(dir, "metrics.csv"), rows);
    }

    [Fact]
    public void ItCountsPassesAndNamesTheFailingGates()
    {
        using var tmp = new TempDirectory();
        WriteMetrics(Path.Combine(tmp.Path, "good"), 0.92, [0.95, 0.86], 0.44);
        WriteMetrics(Path.Combine(tmp.Path, "weak"), 0.86, [0.94, 0.66], 0.39);
        var good = GateSummary.Read(Path.Combine(tmp.Path, "good"));
        var weak = GateSummary.Read(Path.Combine(tmp.Path, "weak"));

        Assert.True(good.PassesAll);
        Assert.Equal((5, 5), (good.Passed, good.Total));
        Assert.Empty(good.Failed);
        Assert.Equal((0.86, "sadness"), (good.IntensityMin, good.IntensityMinClass));
        Assert.Equal(0.41, good.IdentityThreshold);   // the higher of the two identity bars

        Assert.False(weak.PassesAll);
        Assert.Equal(3, weak.Passed);   // edit accuracy, anger and identity vs chance (0.39 >= 0.37); sadness and identity vs ceiling fail
        Assert.Equal(["sadness", "identity"], weak.Failed);
        var table = GateSummary.Markdown([good, weak]);
        Assert.Contains("| good | **5 of 5** | – |", table);
        Assert.Contains("| weak | 3 of 5 | sadness, identity |", table);
        Assert.Contains("1 of 2 pass every gate.", table);
    }

    [Fact]
    public void AFolderWithoutGatesIsRefusedNamingIt()
    {
        using var tmp = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => GateSummary.Read(tmp.Path));
        Assert.Contains(tmp.Path, e.Message);
        MetricsCsv.Write(Path.Combine(tmp.Path, "metrics.csv"), [new("edit_accuracy", "all", null, 0.5)]);
        Assert.Contains("no gate rows", Assert.Throws<InvalidDataException>(() => GateSummary.Read(tmp.Path)).Message);
    }
}
