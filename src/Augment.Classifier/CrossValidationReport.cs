using System.Globalization;
using System.Text;
using Augment.Classifier.Statistics;
using Augment.Core;

namespace Augment.Classifier;

/// <summary>Everything printed beside the figures so a run can be repeated and judged.</summary>
public sealed record CrossValidationContext(string Command, string Dataset, string DataSource, string DataSummary,
    int FoldCount, int Seed, MachineInfo Machine, IReadOnlyDictionary<string, string> ModelOptions, IReadOnlyList<string> Notes);

/// <summary>Writes <c>&lt;stem&gt;.md</c> and the CSV tables of a cross-validation run; a hand-written
/// <c>&lt;stem&gt;.discussion.md</c> beside them is linked, never overwritten.</summary>
public static class CrossValidationReport
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(string directory, string stem, CrossValidationContext context, IReadOnlyList<CrossValidationResult> results)
    {
        if (results.Count == 0) throw new ArgumentException("No cross-validation results to report.");
        CrossValidationCsv.Write(directory, stem, results);
        var path = Path.Combine(directory, $"{stem}.md");
        AtomicFile.WriteAllText(path, Markdown(context, results, File.Exists(Path.Combine(directory, $"{stem}.discussion.md")) ? $"{stem}.discussion.md" : null));
        return path;
    }

    public static string Markdown(CrossValidationContext c, IReadOnlyList<CrossValidationResult> results, string? discussion)
    {
        var classes = results[0].ClassNames;
        var md = new StringBuilder();
        md.AppendLine($"# Expression classifier: {c.FoldCount}-fold subject-independent cross-validation on {c.Dataset}").AppendLine();
        md.AppendLine($"- Command: `{c.Command}`");
        md.AppendLine($"- Data: {c.Dataset} from `{c.DataSource}`: {c.DataSummary}");
        md.AppendLine($"- Folds: {c.FoldCount} by subject (no subject in two folds), fold seed {c.Seed}; every model sees the same folds and per-fold seeds, so differences are paired.");
        md.AppendLine($"- Machine: {c.Machine}");
        md.AppendLine($"- Written: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Inv)} UTC");
        foreach (var note in c.Notes) md.AppendLine($"- Note: {note}");
        md.AppendLine();

        md.AppendLine("## Results").AppendLine();
        md.AppendLine("| model | accuracy, mean ± std over folds | macro-F1, mean over folds | pooled accuracy | pooled macro-F1 | train+test time |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in results)
            md.AppendLine($"| {r.Model} | {Pct(r.AccuracyMean)} ± {Pct(r.AccuracyStd)} | {Pct(r.MacroF1Mean)} | {Pct(r.PooledAccuracy)} | {Pct(r.PooledMacroF1)} | {TimeSpan.FromSeconds(r.Seconds):h\\:mm\\:ss} |");
        md.AppendLine();

        if (results.Count > 1)
        {
            md.AppendLine("Paired differences (row minus column, percentage points over folds: mean ± std [95% t-interval of the mean], folds better/equal/worse):").AppendLine();
            md.AppendLine("| | " + string.Join(" | ", results.Skip(1).Select(r => r.Model)) + " |");
            md.AppendLine("|---|" + string.Concat(results.Skip(1).Select(_ => "---|")));
            for (var i = 0; i < results.Count - 1; i++)
                md.AppendLine($"| {results[i].Model} | " + string.Join(" | ", Enumerable.Range(1, results.Count - 1).Select(j => j <= i ? "" : Paired(results[i], results[j]))) + " |");
            md.AppendLine();
        }

        md.AppendLine("## Per-class accuracy (pooled over folds)").AppendLine();
        md.AppendLine("| class | images | " + string.Join(" | ", results.Select(r => r.Model)) + " |");
        md.AppendLine("|---|---|" + string.Concat(results.Select(_ => "---|")));
        var support = results[0].Confusion;
        for (var k = 0; k < classes.Count; k++)
            md.AppendLine($"| {classes[k]} | {support[k].Sum()} | " + string.Join(" | ", results.Select(r => Pct(r.PerClassAccuracy[k]))) + " |");
        md.AppendLine();

        md.AppendLine("## Per-fold accuracy").AppendLine();
        md.AppendLine("| fold | test images | " + string.Join(" | ", results.Select(r => r.Model)) + " |");
        md.AppendLine("|---|---|" + string.Concat(results.Select(_ => "---|")));
        for (var f = 0; f < results[0].Folds.Count; f++)
            md.AppendLine($"| {results[0].Folds[f].Fold} | {results[0].Folds[f].TestCount} | " + string.Join(" | ", results.Select(r =>
                Pct(r.Folds[f].Accuracy) + (r.Folds[f].BestEpoch is { } e ? $" (epoch {e})" : ""))) + " |");
        md.AppendLine();

        md.AppendLine("## Confusion matrices (summed over folds; rows = truth, columns = predicted)").AppendLine();
        foreach (var r in results)
        {
            md.AppendLine($"**{r.Model}**").AppendLine();
            md.AppendLine("| truth \\ predicted | " + string.Join(" | ", classes) + " |");
            md.AppendLine("|---|" + string.Concat(classes.Select(_ => "---|")));
            var confusion = r.Confusion;
            for (var t = 0; t < classes.Count; t++) md.AppendLine($"| {classes[t]} | " + string.Join(" | ", confusion[t]) + " |");
            md.AppendLine();
        }

        md.AppendLine("## Options").AppendLine();
        foreach (var (model, options) in c.ModelOptions) md.AppendLine($"- **{model}**: {options}");
        md.AppendLine();
        md.AppendLine($"Tables as CSV beside this file: `.summary.csv`, `.folds.csv`, `.classes.csv`, `.confusion.csv`.");
        if (discussion != null) md.AppendLine().AppendLine($"Discussion of these figures: [{discussion}]({discussion}).");
        return md.ToString();
    }

    static string Paired(CrossValidationResult a, CrossValidationResult b)
    {
        var d = a.Folds.Zip(b.Folds, (x, y) => 100 * (x.Accuracy - y.Accuracy)).ToArray();
        var ci = PairedInterval.Of(d);
        return string.Create(Inv, $"{ci.Mean:+0.0;-0.0;0.0} ± {ci.StandardDeviation:0.0} [{ci.Lower:+0.0;-0.0;0.0}, {ci.Upper:+0.0;-0.0;0.0}] " +
            $"({d.Count(v => v > 1e-9)}/{d.Count(v => Math.Abs(v) <= 1e-9)}/{d.Count(v => v < -1e-9)})");
    }

    static string Pct(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("0.0", Inv) + "%";
}
