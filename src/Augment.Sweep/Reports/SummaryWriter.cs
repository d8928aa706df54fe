using System.Globalization;
using System.Text;
using Augment.Classifier.Statistics;
using Augment.Core;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using Augment.Torch;
using CsvHelper;

namespace Augment.Sweep.Reports;

/// <summary>Writes summary.csv and summary.md from the summary rows.</summary>
public static class SummaryWriter
{
    internal static string P(double v) => double.IsNaN(v) ? "" : (100 * v).ToString("0.00", CultureInfo.InvariantCulture);

    internal static string Signed(double v) => double.IsNaN(v) ? "" : (v >= 0 ? "+" : "") + P(v);

    public static string CountLabel(int n) => n == 0 ? "0" : n % 1000 == 0 ? $"{n / 1000}K" : n.ToString(CultureInfo.InvariantCulture);

    public static string VariantLabel(ClassicAugmentation v) =>
        v == ClassicAugmentation.Off ? "GAN synthetic only" : "GAN synthetic + flips/shifts";

    /// <summary>A (count, synthetic variant) in short: "0", "3K pooled"; with '-' the confusion files' "3K-capped".</summary>
    public static string RowName(int count, SyntheticMix mix, char separator = ' ') =>
        CountLabel(count) + (mix == SyntheticMix.None ? "" : separator + SweepCell.MixName(mix));

    /// <summary>How a row's classifier met the synthetic rows, for people: real only, pooled, capped at 50%.</summary>
    public static string MixLabel(SyntheticMix m, double share) => m switch
    {
        SyntheticMix.None => "real only",
        SyntheticMix.Pooled => "pooled",
        _ => "capped at " + (100 * share).ToString("0.#", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>What a row's difference is paired by: fold or split, and seed.</summary>
    public static string PairedBy(SweepOptions o) => o.Folds is null ? "(split, seed)" : "(fold, seed)";

    /// <summary>The interval as "[lower, upper]" in points; "n/a" without two pairs.</summary>
    internal static string Interval(PairedInterval? d) => d is null ? "–" : double.IsNaN(d.Lower) ? "n/a" : $"[{Signed(d.Lower)}, {Signed(d.Upper)}]";

    static string Paper(SummaryRow r) => Summary.Paper(r) is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "";

    public static void WriteCsv(string path, IReadOnlyList<SummaryRow> rows, IReadOnlyList<string> classNames, SweepOptions options)
    {
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteHeader([ "count", "variant", "synthetic", "synthetic_share_cap", "runs", "accuracy_mean", "accuracy_std", "macro_f1_mean", "macro_f1_std",
                "diff_vs_0_mean", "diff_vs_0_ci95_lower", "diff_vs_0_ci95_upper", "diff_vs_0_pairs", "synthetic_share_seen", "paper_oulu_casia",
                .. classNames.Select(c => "acc_" + c), "train_seconds", "generation_seconds" ]);
            foreach (var r in rows)
                csv.WriteRecord([ r.Count.ToString(CultureInfo.InvariantCulture), SweepCell.VariantName(r.Variant), SweepCell.MixName(r.Mix),
                    r.Mix == SyntheticMix.Capped ? options.SyntheticShare.ToString("0.###", CultureInfo.InvariantCulture) : "",
                    r.Accuracy.N.ToString(CultureInfo.InvariantCulture), P(r.Accuracy.Mean), P(r.Accuracy.Std), P(r.MacroF1.Mean), P(r.MacroF1.Std),
                    P(r.Difference?.Mean ?? double.NaN), P(r.Difference?.Lower ?? double.NaN), P(r.Difference?.Upper ?? double.NaN),
                    r.Difference?.Count.ToString(CultureInfo.InvariantCulture) ?? "", P(r.SyntheticShareSeen), Paper(r),
                    .. r.PerClassAccuracy.Select(P),
                    r.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture), r.GenerationSeconds.ToString("0.0", CultureInfo.InvariantCulture) ]);
            csv.Flush();
        });
    }

    public static string Markdown(IReadOnlyList<SummaryRow> rows, SweepContext ctx, IReadOnlyCollection<CellResult> cells)
    {
        var o = ctx.Options;
        var sb = new StringBuilder();
        sb.AppendLine($"# Augmentation sweep: {ctx.DatasetDescription}").AppendLine();
        foreach (var note in ctx.Notes) sb.AppendLine($"**Note: {note}.**").AppendLine();
        if (o.TrainSubjects is { } n)
            sb.AppendLine($"**Low-data regime ({LowDataRegime.Option} {n}): the GAN and the classifier of each split saw only {n} of its " +
                          "training subjects; the test subjects are unchanged.**").AppendLine();
        sb.AppendLine("Classifier accuracy (%) on held-out subjects, mean ± std over runs (splits x seeds). Synthetic rows **pooled**: drawn")
          .AppendLine("in proportion to their count, as the paper does; **capped**: at most the cap's share of each classifier batch synthetic")
          .AppendLine("(ExpressionCnn `SyntheticShare` over the augmenter's `IsSynthetic` column). Count 0 is one set of runs, the baseline")
          .AppendLine($"of both. {Budget(o, cells)} Paper: ExprGAN on Oulu-CASIA (one split, one run, pooled).").AppendLine();
        foreach (var variant in rows.Select(r => r.Variant).Distinct())
        {
            sb.AppendLine($"## {VariantLabel(variant)}").AppendLine();
            sb.AppendLine($"| synthetic images | synthetic rows | accuracy (%) | macro-F1 (%) | Δ accuracy vs 0, paired by {PairedBy(o)} (points) | 95% CI of Δ | n | synthetic share of rows seen (%) | paper, Oulu-CASIA (%) |");
            sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var r in rows.Where(r => r.Variant == variant))
                sb.AppendLine($"| {CountLabel(r.Count)} | {MixLabel(r.Mix, o.SyntheticShare)} | {P(r.Accuracy.Mean)} ± {P(r.Accuracy.Std)} | {P(r.MacroF1.Mean)} ± {P(r.MacroF1.Std)} | " +
                              $"{(r.Difference is { } d ? Signed(d.Mean) : "–")} | {Interval(r.Difference)} | {Runs(r)} | " +
                              $"{(r.Mix == SyntheticMix.None ? "0" : P(r.SyntheticShareSeen) is { Length: > 0 } seen ? seen : "?")} | {(Paper(r) is { Length: > 0 } p ? p : "–")} |");
            sb.AppendLine();
        }
        sb.AppendLine($"Δ: each run's accuracy minus the accuracy of the count-0 run of the same {PairedBy(o)} (and classic variant), in points;")
          .AppendLine("the mean of the n paired differences and its 95% Student-t interval, mean ± t(0.975, n - 1) x sd / √n. An interval")
          .AppendLine("that holds 0 shows no difference at that confidence. Pooled and capped rows are paired against the same count-0 runs.").AppendLine();

        var reported = SweepCell.ReportedVariant(o);
        var shown = rows.Where(r => r.Variant == reported).ToList();
        sb.AppendLine($"## Per-class accuracy (%), {VariantLabel(reported)}").AppendLine();
        sb.AppendLine("| class | " + string.Join(" | ", shown.Select(r => RowName(r.Count, r.Mix))) + " |");
        sb.AppendLine("|---|" + string.Concat(shown.Select(_ => "---|")));
        for (int k = 0; k < ctx.ClassNames.Count; k++)
            sb.AppendLine($"| {ctx.ClassNames[k]} | " + string.Join(" | ", shown.Select(r => P(r.PerClassAccuracy[k]))) + " |");
        sb.AppendLine();
        WhereTheTimeWent(sb, SweepTimes.Of(cells), o);
        sb.AppendLine("## How this was made").AppendLine();
        sb.AppendLine($"- command: `{ctx.Command}`");
        sb.AppendLine($"- data: {ctx.DatasetDescription}");
        foreach (var note in ctx.Notes) sb.AppendLine($"- **{note}**");
        sb.AppendLine($"- split: {ctx.SplitDescription}");
        sb.AppendLine($"- training subjects: {(o.TrainSubjects is { } t ? $"{t} per split ({LowDataRegime.Option} {t}; test subjects unchanged)" : "all of each split's")}");
        sb.AppendLine($"- GAN: {ctx.GanDescription}");
        sb.AppendLine($"- classifier: {ctx.ClassifierDescription}");
        sb.AppendLine($"- synthetic variants: {string.Join(", ", SweepCell.Mixes(o).Select(m => MixLabel(m, o.SyntheticShare)))}");
        foreach (var gate in ctx.GeneratorGates) sb.AppendLine($"- generator quality gates: {gate}");
        sb.AppendLine($"- options hash: {ctx.OptionsHash}");
        foreach (var line in CellsProvenance.Lines(cells)) sb.AppendLine($"- {line}");
        sb.AppendLine($"- cells: {cells.Count} of {ctx.CellsTotal}");
        sb.AppendLine($"- report written {ctx.Finished:yyyy-MM-dd HH:mm} UTC on {ctx.Machine}, {ThreadPolicy.Describe()}, convolutions: {ConvolutionGuard.Outcome}; " +
                      $"that invocation computed {ctx.CellsRun} of the {cells.Count} cells in {ctx.Wall.TotalMinutes:0.0} min wall (GAN training included)");
        sb.AppendLine("- per-cell numbers: `cells.csv`; plot: `accuracy.png`; confusion matrices: `confusion-*.csv|png`");
        return sb.ToString();
    }

    static string Min(double seconds) => (seconds / 60).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The time table: each split's GAN (trained or loaded, and its gates), then rendering and classifier fits per count.</summary>
    static void WhereTheTimeWent(StringBuilder sb, SweepTimes t, SweepOptions o)
    {
        sb.AppendLine("## Where the time went").AppendLine();
        sb.AppendLine("Compute time the cells recorded: a GAN preparation once per (split, seed) it was prepared for, a rendering of the")
          .AppendLine("largest count's synthetic rows once per (split, seed) (every smaller count takes its first rows), and one classifier fit per cell" +
                      (t.CellsLeftOut > 0 ? $"; {t.CellsLeftOut} cells written before times were recorded per cell are left out." : ".")).AppendLine();
        sb.AppendLine("| GAN of split | prepared | training or loading (min) | quality gates (min) |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var g in t.Gans)
            sb.AppendLine($"| {g.Split} | {Prepared(g.Preparations)} | {Min(g.GanSeconds)} | {Min(g.GateSeconds)} |");
        sb.AppendLine($"| all | | {Min(t.GanSeconds)} | {Min(t.GateSeconds)} |").AppendLine();
        sb.AppendLine("| synthetic images | classifier fits | fitting (min) | s per fit |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var c in t.Counts)
            sb.AppendLine($"| {CountLabel(c.Count)} | {c.Fits} | {Min(c.FitSeconds)} | " +
                          $"{(c.FitSeconds / Math.Max(1, c.Fits)).ToString("0.0", CultureInfo.InvariantCulture)} |");
        sb.AppendLine($"| all | {t.Counts.Sum(c => c.Fits)} | {Min(t.FitSeconds)} | |").AppendLine();
        sb.AppendLine($"Rendering: {t.Renderings} renderings, {Min(t.RenderSeconds)} min " +
                      $"({(t.RenderSeconds / Math.Max(1, t.Renderings)).ToString("0", CultureInfo.InvariantCulture)} s each).").AppendLine();
        sb.AppendLine($"Every fit has the same step budget ({o.ClassifierEpochs} epochs x {o.ClassifierSamplesPerEpoch} rows), so fitting time " +
                      "grows with the number of cells, not with the count; rendering grows with the largest count.")
          .AppendLine($"Total {Min(t.TotalSeconds)} min: GAN {Min(t.GanSeconds)}, gates {Min(t.GateSeconds)}, rendering {Min(t.RenderSeconds)}, " +
                      $"classifier fits {Min(t.FitSeconds)}, other (scoring, caching rows, splitting) {Min(t.OtherSeconds)}.").AppendLine();
    }

    /// <summary>"trained", "loaded from cache 2x", "trained, loaded from cache 2x" ...</summary>
    static string Prepared(IReadOnlyDictionary<GanSource, int> preparations)
    {
        static string Times(string what, int n) => n == 1 ? what : $"{what} {n}x";
        var parts = new (GanSource Source, string Label)[]
        {
            (GanSource.Trained, "trained"), (GanSource.Resumed, "resumed from a checkpoint"), (GanSource.Cached, "loaded from cache"),
            (GanSource.None, "none needed"), (GanSource.Unrecorded, "not recorded"),
        };
        return string.Join(", ", parts.Where(p => preparations.ContainsKey(p.Source)).Select(p => Times(p.Label, preparations[p.Source])));
    }

    /// <summary>"n" of a row; when some runs have no count-0 run to pair with, how many pairs the interval used.</summary>
    static string Runs(SummaryRow r) =>
        r.Difference is { } d && d.Count != r.Accuracy.N ? $"{r.Accuracy.N} ({d.Count} paired)" : r.Accuracy.N.ToString(CultureInfo.InvariantCulture);

    /// <summary>The classifier's step budget, the same for every cell, and the steps the cells recorded.</summary>
    static string Budget(SweepOptions o, IReadOnlyCollection<CellResult> cells)
    {
        var steps = cells.Where(c => c.Classifier != null).Select(c => c.Classifier!.Steps).Distinct().Order().ToList();
        var recorded = steps.Count switch
        {
            0 => "",
            1 => $", {steps[0]} optimiser steps in every fit",
            _ => $", optimiser steps recorded: {string.Join(", ", steps)}",
        };
        return $"**Every count and variant trains its classifier for the same step budget, {o.ClassifierEpochs} epochs x " +
               $"{o.ClassifierSamplesPerEpoch} rows{recorded} (compute-matched).**";
    }
}
