using System.Globalization;
using System.Text;
using Augment.Core;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using CsvHelper;

namespace Augment.Sweep.Reports;

/// <summary>Writes summary.csv and summary.md from the summary rows.</summary>
public static class SummaryWriter
{
    static string P(double v) => double.IsNaN(v) ? "" : (100 * v).ToString("0.00", CultureInfo.InvariantCulture);

    public static string CountLabel(int n) => n == 0 ? "0" : n % 1000 == 0 ? $"{n / 1000}K" : n.ToString(CultureInfo.InvariantCulture);

    public static string VariantLabel(ClassicAugmentation v) =>
        v == ClassicAugmentation.Off ? "GAN synthetic only" : "GAN synthetic + flips/shifts";

    public static void WriteCsv(string path, IReadOnlyList<SummaryRow> rows, IReadOnlyList<string> classNames)
    {
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteHeader([ "count", "variant", "runs", "accuracy_mean", "accuracy_std", "macro_f1_mean", "macro_f1_std",
                "gain_mean", "gain_std", "paper_oulu_casia", .. classNames.Select(c => "acc_" + c), "train_seconds", "generation_seconds" ]);
            foreach (var r in rows)
                csv.WriteRecord([ r.Count.ToString(CultureInfo.InvariantCulture), SweepCell.VariantName(r.Variant),
                    r.Accuracy.N.ToString(CultureInfo.InvariantCulture), P(r.Accuracy.Mean), P(r.Accuracy.Std), P(r.MacroF1.Mean), P(r.MacroF1.Std),
                    r.GainOverZero is { } g ? P(g.Mean) : "", r.GainOverZero is { } g2 ? P(g2.Std) : "",
                    Summary.PaperOuluCasia.TryGetValue(r.Count, out var paper) && r.Variant == ClassicAugmentation.Off ? paper.ToString("0.00", CultureInfo.InvariantCulture) : "",
                    .. r.PerClassAccuracy.Select(P),
                    r.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture), r.GenerationSeconds.ToString("0.0", CultureInfo.InvariantCulture) ]);
            csv.Flush();
        });
    }

    public static string Markdown(IReadOnlyList<SummaryRow> rows, SweepContext ctx, IReadOnlyCollection<CellResult> cells)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Augmentation sweep: {ctx.DatasetDescription}").AppendLine();
        foreach (var note in ctx.Notes) sb.AppendLine($"**Note: {note}.**").AppendLine();
        sb.AppendLine("Classifier accuracy (%) on held-out subjects, mean ± std over splits x seeds; gain is paired against")
          .AppendLine("the count-0 run of the same split, seed and variant. Paper: ExprGAN on Oulu-CASIA (one split, one run).").AppendLine();
        foreach (var variant in rows.Select(r => r.Variant).Distinct())
        {
            var vr = rows.Where(r => r.Variant == variant).OrderBy(r => r.Count).ToList();
            sb.AppendLine($"## {VariantLabel(variant)}").AppendLine();
            sb.AppendLine("| synthetic images | " + string.Join(" | ", vr.Select(r => CountLabel(r.Count))) + " |");
            sb.AppendLine("|---|" + string.Concat(vr.Select(_ => "---|")));
            sb.AppendLine("| accuracy (%) | " + string.Join(" | ", vr.Select(r => $"{P(r.Accuracy.Mean)} ± {P(r.Accuracy.Std)}")) + " |");
            sb.AppendLine("| gain over 0 (points) | " + string.Join(" | ", vr.Select(r => r.GainOverZero is { } g ? $"{Signed(g.Mean)} ± {P(g.Std)}" : "–")) + " |");
            sb.AppendLine("| macro-F1 (%) | " + string.Join(" | ", vr.Select(r => P(r.MacroF1.Mean))) + " |");
            sb.AppendLine("| runs | " + string.Join(" | ", vr.Select(r => r.Accuracy.N)) + " |");
            if (variant == ClassicAugmentation.Off)
                sb.AppendLine("| paper, Oulu-CASIA (%) | " + string.Join(" | ", vr.Select(r => Summary.PaperOuluCasia.TryGetValue(r.Count, out var p) ? p.ToString("0.00", CultureInfo.InvariantCulture) : "–")) + " |");
            sb.AppendLine();
        }
        sb.AppendLine("## Per-class accuracy (%), GAN synthetic only").AppendLine();
        var off = rows.Where(r => r.Variant == ClassicAugmentation.Off).OrderBy(r => r.Count).ToList();
        sb.AppendLine("| class | " + string.Join(" | ", off.Select(r => CountLabel(r.Count))) + " |");
        sb.AppendLine("|---|" + string.Concat(off.Select(_ => "---|")));
        for (int k = 0; k < ctx.ClassNames.Count; k++)
            sb.AppendLine($"| {ctx.ClassNames[k]} | " + string.Join(" | ", off.Select(r => P(r.PerClassAccuracy[k]))) + " |");
        sb.AppendLine();
        sb.AppendLine("## How this was made").AppendLine();
        sb.AppendLine($"- command: `{ctx.Command}`");
        sb.AppendLine($"- data: {ctx.DatasetDescription}");
        foreach (var note in ctx.Notes) sb.AppendLine($"- **{note}**");
        sb.AppendLine($"- split: {ctx.SplitDescription}");
        sb.AppendLine($"- GAN: {ctx.GanDescription}");
        sb.AppendLine($"- classifier: {ctx.ClassifierDescription}");
        foreach (var gate in ctx.GeneratorGates) sb.AppendLine($"- generator quality gates: {gate}");
        sb.AppendLine($"- options hash: {ctx.OptionsHash}");
        foreach (var line in CellsProvenance.Lines(cells)) sb.AppendLine($"- {line}");
        sb.AppendLine($"- cells: {cells.Count} of {ctx.CellsTotal}");
        sb.AppendLine($"- report written {ctx.Finished:yyyy-MM-dd HH:mm} UTC on {ctx.Machine}, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset"}; " +
                      $"that invocation computed {ctx.CellsRun} of the {cells.Count} cells in {ctx.Wall.TotalMinutes:0.0} min wall (GAN training included)");
        sb.AppendLine("- per-cell numbers: `cells.csv`; plot: `accuracy.png`; confusion matrices: `confusion-*.csv|png`");
        return sb.ToString();
    }

    static string Signed(double v) => (v >= 0 ? "+" : "") + P(v);
}
