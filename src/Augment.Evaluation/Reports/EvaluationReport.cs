using System.Globalization;
using System.Text;
using Augment.Evaluation.Gates;
using Augment.Evaluation.Identity;

namespace Augment.Evaluation.Reports;

/// <summary>How an evaluation was made: printed under its figures so every number can be reproduced.</summary>
public sealed record EvaluationContext
{
    public required EvaluationProvenance Provenance { get; init; }
    public required string GeneratorPath { get; init; }
    public required string GeneratorDescription { get; init; }
    public required string Judge { get; init; }
    public required string Phi { get; init; }
    public string? Probes { get; init; }
    public string? TestSubset { get; init; }
    public required int Seed { get; init; }
    public required int Threads { get; init; }
    public required string Machine { get; init; }
    public required string GitCommit { get; init; }
    public required double Seconds { get; init; }
    public required string EditGridPath { get; init; }
    public DateTime Finished { get; init; } = DateTime.UtcNow;
}

/// <summary>report.md: every figure of <see cref="MetricsCsv"/> in tables, then how it was made.</summary>
public static class EvaluationReport
{
    static string P(double v) => double.IsNaN(v) ? "–" : (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    static string N(double v, string format = "0.000") =>
        double.IsNaN(v) ? "–" : double.IsPositiveInfinity(v) ? "∞" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(EvaluationResult r, EvaluationContext ctx)
    {
        var sb = new StringBuilder();
        var k = r.ClassNames.Count;
        sb.AppendLine($"# Editing quality: {Path.GetFileName(ctx.GeneratorPath)} on held-out {ctx.Provenance.Dataset} subjects").AppendLine();
        sb.AppendLine($"{r.TestImages} test images of {r.TestSubjects} held-out subjects, each re-rendered in all {k} expressions at " +
            $"intensities {N(r.Intensity.Intensities[0], "0.##")}..1 in {r.Intensity.Intensities.Length} steps " +
            $"({r.TestImages * k * r.Intensity.Intensities.Length} edits). The judge and the probes were trained on real training-subject images only.").AppendLine();

        if (r.Gates is { } gates) Gates(sb, gates);

        sb.AppendLine("## 1. Expression accuracy of edits (intensity 1)").AppendLine();
        sb.AppendLine("Share of edits the judge labels as the requested expression; the judge on the real test faces is the reference.").AppendLine();
        sb.AppendLine("| target | edits | judge on real test faces |").AppendLine("|---|---|---|");
        for (var c = 0; c < k; c++) sb.AppendLine($"| {r.ClassNames[c]} | {P(r.Accuracy.PerTarget[c])} | {P(r.Accuracy.RealPerClass[c])} |");
        sb.AppendLine($"| **all** | **{P(r.Accuracy.Overall)}** ({r.Accuracy.Edits} edits; chance {P(r.Accuracy.Chance)}) | **{P(r.Accuracy.RealOverall)}** |").AppendLine();
        sb.AppendLine("Read as: each target's intensity-1 edits by the class the judge gives them (rows sum to 100%).").AppendLine();
        sb.AppendLine("| target \\ read as | " + string.Join(" | ", r.ClassNames) + " |").AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", k)));
        for (var t = 0; t < k; t++)
            sb.AppendLine($"| {r.ClassNames[t]} | " + string.Join(" | ", r.Accuracy.ReadAs[t].Select((v, j) => j == t ? $"**{P(v)}**" : P(v))) + " |");
        sb.AppendLine();

        var ic = r.Intensity;
        sb.AppendLine("## 2. Intensity control").AppendLine();
        sb.AppendLine("Spearman's ρ between the requested intensity and the judge's probability of the target. ρ per face: the mean of " +
            "each face's own ρ over the intensities (a face whose reading never moves counts 0); ρ pooled: all edits into a class in " +
            "one ranking, which also asks equal intensities to read alike across people (high per face and low pooled: every face " +
            "ramps, but at different points); of which own class: the per-face ρ of the faces whose own class is the target (they " +
            "must lose their expression at intensity 0 and draw it back). The intensity gate reads the per-face ρ unless `--intensity-gate pooled`. Mean " +
            "probability per intensity in `intensity-curves.png` and `metrics.csv` (judge_p_target)." +
            (ic.RealSpearman != null ? " Reference: ρ between the true intensity and the judge's probability of the true class on real test faces." : "")).AppendLine();
        sb.AppendLine("| target | ρ pooled | ρ per face | of which own class | P(target) at 0 | at 0.5 | at 1 |" + (ic.RealSpearman != null ? " ρ real |" : ""));
        sb.AppendLine("|---|---|---|---|---|---|---|" + (ic.RealSpearman != null ? "---|" : ""));
        string PerFace(int c) => ic.PerFaceSpearman is { } pf ? N(pf[c]) : "n/a";
        string OwnClass(int c) => ic.PerFaceSpearmanOwnClass is { } oc ? N(oc[c]) : "n/a";
        string MeanOf(double[]? perClass) => perClass is { } v ? N(v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()) : "n/a";
        var mid = Array.IndexOf(ic.Intensities, ic.Intensities.MinBy(v => Math.Abs(v - 0.5f)));
        for (var c = 0; c < k; c++)
            sb.AppendLine($"| {r.ClassNames[c]} | {N(ic.Spearman[c])} | {PerFace(c)} | {OwnClass(c)} | {N(ic.MeanProbability[c][0])} | {N(ic.MeanProbability[c][mid])} | {N(ic.MeanProbability[c][^1])} |" +
                (ic.RealSpearman is { } real ? $" {N(real[c])} |" : ""));
        sb.AppendLine($"| **mean** | {N(ic.MeanSpearman)} | **{MeanOf(ic.PerFaceSpearman)}** | {MeanOf(ic.PerFaceSpearmanOwnClass)} | {N(ic.MeanProbabilityAllClasses[0])} | {N(ic.MeanProbabilityAllClasses[mid])} | {N(ic.MeanProbabilityAllClasses[^1])} |" +
            (ic.RealMeanSpearman is { } rm ? $" **{N(rm)}** |" : "")).AppendLine();
        if (ic.NeutralReading is { } neutral)
            sb.AppendLine("The judge on the held-out faces' true neutral versions (each test face re-rendered at intensity 0), mean P(class): " +
                string.Join(", ", r.ClassNames.Select((name, c) => $"{name} {N(neutral[c])}")) +
                ". A generator whose intensity 0 is exactly the neutral face reads these in the column P(target) at 0; the judge " +
                "has no neutral class, so a class it gives much of the neutral face ramps from there.").AppendLine();
        sb.AppendLine("![intensity curves](intensity-curves.png)").AppendLine();

        sb.AppendLine("## 3. Identity (intensity-1 edits vs their input)").AppendLine();
        sb.AppendLine("Cosine similarity of identity features between each edit and its input, against the median between different held-out " +
            "subjects' real faces. Reference: real pairs of the same subject (different images) above that median.").AppendLine();
        sb.AppendLine("| features | mean cosine edit-input | different-subject median | edits above median | other-expression edits above | real same-subject pairs above |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var m in new[] { r.PhiIdentity, r.ZIdentity })
            sb.AppendLine($"| {m.Name}: {m.Description} | {N(m.MeanSimilarity)} | {N(m.DifferentSubjectMedian)} | **{P(m.ShareAbove)}** | {P(m.ShareAboveOtherExpression)} | {P(m.RealSameSubjectShare)} |");
        sb.AppendLine();

        if (r.NearestFace is { } nf) NearestFace(sb, nf, r.ClassNames);

        var rec = r.Reconstruction;
        sb.AppendLine("## 4. Reconstruction G(E(x), c_true) vs x").AppendLine();
        sb.AppendLine($"c_true: {rec.CodeSource}. Means over {rec.Images} test images (pixels in [-1, 1]; PSNR and SSIM over [0, 1]).").AppendLine();
        sb.AppendLine("| L1 | PSNR (dB) | SSIM |").AppendLine("|---|---|---|");
        sb.AppendLine($"| {N(rec.L1, "0.0000")} | {N(rec.Psnr, "0.00")} | {N(rec.Ssim, "0.0000")} |").AppendLine();

        if (r.IntensityRecovery != null || r.IdentityAccuracy != null)
        {
            sb.AppendLine("## 5. Procedural ground truth").AppendLine();
            if (ctx.Probes != null) sb.AppendLine($"Probes: {ctx.Probes}.").AppendLine();
        }
        if (r.IntensityRecovery is { } ir)
        {
            sb.AppendLine("### 5a. Intensity recovery").AppendLine();
            sb.AppendLine($"Mean |requested - recovered| intensity on the edits (recovered clamped to [0, 1]); the probes saw real intensities in " +
                $"[{N(ir.TrainedMin, "0.##")}, {N(ir.TrainedMax, "0.##")}], so below that they extrapolate. Reference floor: the same probes on real test faces.").AppendLine();
            sb.AppendLine("| MAE edits, all levels | MAE edits, trained range | ρ requested vs recovered | MAE real test faces |").AppendLine("|---|---|---|---|");
            sb.AppendLine($"| **{N(ir.EditMae)}** | {N(ir.EditMaeInTrainedRange)} | {N(ir.EditSpearman)} | {N(ir.RealMae)} |").AppendLine();
            sb.AppendLine("| requested | " + string.Join(" | ", ic.Intensities.Select(v => N(v, "0.##"))) + " |");
            sb.AppendLine("|---|" + string.Concat(ic.Intensities.Select(_ => "---|")));
            sb.AppendLine("| mean recovered | " + string.Join(" | ", ir.MeanRecoveredPerLevel.Select(v => N(v, "0.00"))) + " |").AppendLine();
        }
        if (r.IdentityAccuracy is { } ia)
        {
            sb.AppendLine("### 5b. Identity accuracy").AppendLine();
            sb.AppendLine($"Identity parameters read from pixels, then the nearest of the {ia.Candidates} held-out subjects' true parameter vectors " +
                $"(chance {P(ia.Chance)}): share assigned to the input's own subject.").AppendLine();
            sb.AppendLine("| edits (intensity 1) | other-expression edits | real test faces |").AppendLine("|---|---|---|");
            sb.AppendLine($"| **{P(ia.EditShare)}** | {P(ia.EditShareOtherExpression)} | {P(ia.RealShare)} |").AppendLine();
        }

        sb.AppendLine("## How this was made").AppendLine();
        sb.AppendLine($"- command: `{ctx.Provenance.Command}`");
        sb.AppendLine($"- data: {ctx.Provenance.DatasetDescription}");
        sb.AppendLine($"- split: {ctx.Provenance.Split} ({ctx.Provenance.SplitSource})" + (ctx.TestSubset != null ? $"; {ctx.TestSubset}" : ""));
        sb.AppendLine($"- generator: `{ctx.GeneratorPath}`: {ctx.GeneratorDescription}; training data {ctx.Provenance.HashCheck}");
        if (ctx.Provenance.GeneratorRunOptions.Count > 0)
        {
            sb.AppendLine($"- generator training run (`{ctx.Provenance.RunJsonPath}`):");
            foreach (var (key, value) in ctx.Provenance.GeneratorRunOptions) sb.AppendLine($"  - {key}: `{Compact(value)}`");
        }
        else sb.AppendLine("- generator training run: no run.json beside the generator");
        sb.AppendLine($"- judge: {ctx.Judge}");
        sb.AppendLine($"- identity features phi: {ctx.Phi}");
        sb.AppendLine($"- seed {ctx.Seed}, {ctx.Threads} torch thread(s), device {ctx.Provenance.Device}, {ctx.Seconds:0} s");
        sb.AppendLine($"- machine: {ctx.Machine}");
        sb.AppendLine($"- git commit: {ctx.GitCommit}");
        sb.AppendLine($"- finished: {ctx.Finished:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine($"- every number: `metrics.csv`; edits: `{ctx.EditGridPath}`");
        return sb.ToString();
    }

    static void Gates(StringBuilder sb, QualityGateReport gates)
    {
        sb.AppendLine($"## Quality gates: {(gates.Passed ? "PASS" : $"FAIL ({gates.Failed.Count} of {gates.Gates.Count} failed)")}").AppendLine();
        sb.AppendLine("A generator whose faces feed a classifier must pass all of these (the sweep refuses one that does not, unless " +
            "`--allow-weak-generator`). Each gate passes when the value is at least the threshold.").AppendLine();
        sb.AppendLine("| gate | value | threshold | rule | result |").AppendLine("|---|---|---|---|---|");
        foreach (var g in gates.Gates)
            sb.AppendLine($"| {g.Name} | {N(g.Value)} | {N(g.Threshold)} | {g.Rule} | {(g.Pass ? "pass" : "**FAIL**")} |");
        sb.AppendLine();
    }

    static void NearestFace(StringBuilder sb, NearestFaceIdentity nf, IReadOnlyList<string> classNames)
    {
        sb.AppendLine("### 3b. Nearest real face").AppendLine();
        sb.AppendLine($"Every held-out face edited into every target; each edit's nearest real held-out image (cosine) in a feature space, " +
            $"the edit's own sequence left out (sequence: {nf.SequenceRule}). Share: the nearest image shows the edit's own subject. " +
            $"Chance: a random pick among the same candidates. Ceiling: the same search from each real image. " +
            $"{nf.EligibleSources} of {nf.Sources} faces ({nf.Subjects} subjects) have another sequence of their subject to find; only those count.").AppendLine();
        sb.AppendLine("| features | intensity | edits | share | chance | ceiling (real faces) | share / ceiling | share / chance |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in nf.Shares)
            sb.AppendLine($"| {s.Features} | {N(s.Intensity, "0.##")} | {s.Edits} | **{P(s.Share)}** | {P(s.Chance)} | {P(s.Ceiling)} | " +
                $"{N(s.Share / s.Ceiling, "0.00")} | {N(s.Share / s.Chance, "0.0")} |");
        sb.AppendLine();
        sb.AppendLine("Share per target (per-target rows for every space and intensity: `metrics.csv`):").AppendLine();
        sb.AppendLine("| features | intensity | " + string.Join(" | ", classNames) + " |");
        sb.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", classNames.Count)));
        foreach (var s in nf.Shares)
            sb.AppendLine($"| {s.Features} | {N(s.Intensity, "0.##")} | " + string.Join(" | ", s.PerTarget.Select(P)) + " |");
        sb.AppendLine();
        sb.AppendLine("Features: " + string.Join("; ", nf.Spaces.Select(f => $"{f.Name}: {f.Description}")) + ".").AppendLine();

        sb.AppendLine("### 3c. Edits of different people into the same target").AppendLine();
        sb.AppendLine("Mean cosine similarity and Euclidean distance between edits of different subjects into the same target (pairs pooled over " +
            "targets), beside different subjects' real faces. Edits closer together than real people are (higher cosine, smaller distance) " +
            "mean the generator draws one face for everybody.").AppendLine();
        sb.AppendLine("| features | intensity | edits: cosine | real: cosine | edits: distance | real: distance |").AppendLine("|---|---|---|---|---|---|");
        foreach (var s in nf.Spread)
            sb.AppendLine($"| {s.Features} | {N(s.Intensity, "0.##")} | {N(s.EditCosine)} | {N(s.RealCosine)} | {N(s.EditDistance, "0.###")} | {N(s.RealDistance, "0.###")} |");
        sb.AppendLine();
    }

    static string Compact(string json) => string.Join(" ", json.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Replace("`", "'");
}
