using System.Globalization;
using Augment.Core;
using CsvHelper;

namespace Augment.Evaluation.Reports;

/// <summary>One number of the evaluation: metric name, class ("all" when overall), requested intensity (curves only), value.</summary>
public sealed record MetricRow(string Metric, string Class, double? Intensity, double Value);

/// <summary>metrics.csv: every figure of the report, one row each (values invariant-culture; NaN, Infinity as .NET writes them).</summary>
public static class MetricsCsv
{
    public const string All = "all";
    static readonly string[] Header = ["metric", "class", "intensity", "value"];

    public static IReadOnlyList<MetricRow> Rows(EvaluationResult r)
    {
        var rows = new List<MetricRow>();
        void Add(string metric, double value, string cls = All, double? intensity = null) => rows.Add(new(metric, cls, intensity, value));
        void PerClass(string metric, IReadOnlyList<double> values)
        {
            for (var k = 0; k < values.Count; k++) Add(metric, values[k], r.ClassNames[k]);
        }

        void PerClassAt(string metric, IReadOnlyList<double> values, double intensity)
        {
            for (var k = 0; k < values.Count; k++) Add(metric, values[k], r.ClassNames[k], intensity);
        }

        Add("test_images", r.TestImages);
        Add("test_subjects", r.TestSubjects);
        var a = r.Accuracy;
        Add("edit_accuracy", a.Overall);
        PerClass("edit_accuracy", a.PerTarget);
        for (var j = 0; j < r.ClassNames.Count; j++) PerClass($"edit_read_as_{r.ClassNames[j]}", a.ReadAs.Select(row => row[j]).ToArray());
        Add("edit_accuracy_chance", a.Chance);
        Add("judge_real_accuracy", a.RealOverall);
        PerClass("judge_real_accuracy", a.RealPerClass);

        var c = r.Intensity;
        Add("intensity_spearman", c.MeanSpearman);
        PerClass("intensity_spearman", c.Spearman);
        if (c.PerFaceSpearman is { } perFace) PerClass("intensity_spearman_per_face", perFace);
        if (c.PerFaceSpearmanOwnClass is { } ownClass) PerClass("intensity_spearman_per_face_own_class", ownClass);
        if (c.RealSpearman is { } real)
        {
            Add("judge_real_intensity_spearman", c.RealMeanSpearman ?? double.NaN);
            PerClass("judge_real_intensity_spearman", real);
        }
        for (var l = 0; l < c.Intensities.Length; l++)
        {
            for (var k = 0; k < r.ClassNames.Count; k++) Add("judge_p_target", c.MeanProbability[k][l], r.ClassNames[k], c.Intensities[l]);
            Add("judge_p_target", c.MeanProbabilityAllClasses[l], "mean", c.Intensities[l]);
        }
        if (c.NeutralReading is { } neutral)
            for (var k = 0; k < r.ClassNames.Count; k++) Add("judge_p_on_true_neutral", neutral[k], r.ClassNames[k]);

        foreach (var m in new[] { r.PhiIdentity, r.ZIdentity })
        {
            Add($"identity_{m.Name}_mean_cosine", m.MeanSimilarity);
            Add($"identity_{m.Name}_different_subject_median", m.DifferentSubjectMedian);
            Add($"identity_{m.Name}_share_above_median", m.ShareAbove);
            Add($"identity_{m.Name}_share_above_median_other_expression", m.ShareAboveOtherExpression);
            Add($"identity_{m.Name}_real_same_subject_share", m.RealSameSubjectShare);
        }

        if (r.NearestFace is { } nf)
        {
            Add("identity_nearest_sources", nf.Sources);
            Add("identity_nearest_eligible_sources", nf.EligibleSources);
            foreach (var s in nf.Shares)
            {
                Add($"identity_nearest_{s.Features}_share", s.Share, All, s.Intensity);
                PerClassAt($"identity_nearest_{s.Features}_share", s.PerTarget, s.Intensity);
                Add($"identity_nearest_{s.Features}_chance", s.Chance, All, s.Intensity);
                Add($"identity_nearest_{s.Features}_ceiling", s.Ceiling, All, s.Intensity);
            }
            foreach (var s in nf.Spread)
            {
                Add($"identity_spread_{s.Features}_edits_cosine", s.EditCosine, All, s.Intensity);
                Add($"identity_spread_{s.Features}_real_cosine", s.RealCosine, All, s.Intensity);
                Add($"identity_spread_{s.Features}_edits_distance", s.EditDistance, All, s.Intensity);
                Add($"identity_spread_{s.Features}_real_distance", s.RealDistance, All, s.Intensity);
            }
        }

        Add("reconstruction_l1", r.Reconstruction.L1);
        Add("reconstruction_psnr_db", r.Reconstruction.Psnr);
        Add("reconstruction_ssim", r.Reconstruction.Ssim);

        if (r.IntensityRecovery is { } rec)
        {
            Add("intensity_recovery_mae_edits", rec.EditMae);
            Add("intensity_recovery_mae_edits_trained_range", rec.EditMaeInTrainedRange);
            Add("intensity_recovery_spearman_edits", rec.EditSpearman);
            Add("intensity_recovery_mae_real", rec.RealMae);
            for (var l = 0; l < c.Intensities.Length; l++) Add("intensity_recovered_mean", rec.MeanRecoveredPerLevel[l], All, c.Intensities[l]);
        }
        if (r.IdentityAccuracy is { } id)
        {
            Add("identity_accuracy_edits", id.EditShare);
            Add("identity_accuracy_edits_other_expression", id.EditShareOtherExpression);
            Add("identity_accuracy_real", id.RealShare);
            Add("identity_accuracy_chance", id.Chance);
        }
        if (r.Gates is { } gates)
        {
            foreach (var g in gates.Gates)
            {
                Add($"{g.Key}_value", g.Value, g.Class ?? All);
                Add($"{g.Key}_threshold", g.Threshold, g.Class ?? All);
                Add($"{g.Key}_pass", g.Pass ? 1 : 0, g.Class ?? All);
            }
            Add("gates_passed", gates.Passed ? 1 : 0);
        }
        return rows;
    }

    public static void Write(string path, IReadOnlyList<MetricRow> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteHeader(Header);
            foreach (var row in rows)
                csv.WriteRecord([row.Metric, row.Class, row.Intensity is { } i ? F(i) : "", F(row.Value)]);
            csv.Flush();
        });

    public static IReadOnlyList<MetricRow> Read(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        var rows = new List<MetricRow>();
        if (!csv.Read() && csv.Headers.Count == 0) return rows;
        if (!csv.Headers.SequenceEqual(Header))
            throw new InvalidDataException($"{path}: columns [{string.Join(",", csv.Headers)}], expected [{string.Join(",", Header)}].");
        do
        {
            if (csv.FieldCount == 0) continue;
            try
            {
                var intensity = csv.GetString("intensity");
                rows.Add(new MetricRow(csv.GetString("metric"), csv.GetString("class"),
                    intensity.Length == 0 ? null : double.Parse(intensity, CultureInfo.InvariantCulture),
                    double.Parse(csv.GetString("value"), CultureInfo.InvariantCulture)));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{path} line {csv.LineNumber}: {e.Message}", e);
            }
        } while (csv.Read());
        return rows;
    }

    static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
