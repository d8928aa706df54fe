using System.Text;
using Augment.Classifier.Statistics;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using Augment.Sweep.Runs;

namespace Augment.Sweep.Reports;

/// <summary>One (count, classic variant, synthetic variant) of two sweeps, paired by (split, seed): B's accuracy minus A's.</summary>
public sealed record ComparisonRow(int Count, ClassicAugmentation Variant, SyntheticMix Mix, Stat A, Stat B, PairedInterval Difference, int Unpaired);

/// <summary>
/// Two sweep run folders side by side, cell by cell: for every (count, classic variant, synthetic variant) both hold, the
/// paired difference B - A over the (split, seed) runs both computed, with its 95% interval. Meant for two sweeps that
/// differ in one setting (e.g. the GAN preset) on the same data, splits and seeds: their count-0 cells are then the
/// same runs, which the report checks and says.
/// </summary>
public static class SweepComparison
{
    /// <summary>One side of a comparison read from several run folders (e.g. the same runs on seeds 1-3 and 4-6), so
    /// their pairs pool into one interval. A cell computed in two of the folders is refused: it would count twice.</summary>
    public static IReadOnlyList<CellResult> Pool(IEnumerable<(string Folder, IReadOnlyCollection<CellResult> Cells)> folders)
    {
        var seen = new Dictionary<string, string>();
        var pooled = new List<CellResult>();
        foreach (var (folder, cells) in folders)
            foreach (var cell in cells)
            {
                if (seen.TryGetValue(cell.Cell.Key, out var first))
                    throw new ArgumentException($"Cell {cell.Cell.Key} (split|seed|count|variant|synthetic) is in {(first == folder ? $"{folder} twice (a folder listed twice?)" : $"both {first} and {folder}")}: pool folders that hold different cells.");
                seen[cell.Cell.Key] = folder;
                pooled.Add(cell);
            }
        return pooled;
    }

    public static IReadOnlyList<ComparisonRow> Build(IReadOnlyCollection<CellResult> a, IReadOnlyCollection<CellResult> b)
    {
        static (int, ClassicAugmentation, SyntheticMix) Row(CellResult c) => (c.Cell.Count, c.Cell.Variant, c.Cell.Mix);
        var rows = new List<ComparisonRow>();
        foreach (var key in a.Select(Row).Intersect(b.Select(Row)).Order())
        {
            var left = a.Where(c => Row(c) == key).ToDictionary(c => (c.Cell.Split, c.Cell.Seed), c => c.Accuracy);
            var right = b.Where(c => Row(c) == key).ToDictionary(c => (c.Cell.Split, c.Cell.Seed), c => c.Accuracy);
            var both = left.Keys.Intersect(right.Keys).ToHashSet();
            if (both.Count == 0) continue;
            var unpaired = left.Count + right.Count - 2 * both.Count;
            var pa = left.Where(p => both.Contains(p.Key)).ToDictionary();
            var pb = right.Where(p => both.Contains(p.Key)).ToDictionary();
            rows.Add(new ComparisonRow(key.Item1, key.Item2, key.Item3, Stat.Of(pa.Values.ToList()), Stat.Of(pb.Values.ToList()),
                PairedInterval.Compare(pb, pa), unpaired));
        }
        return rows;
    }

    /// <summary>The count-0 runs both sweeps hold, and how many of them scored the same: equal when the two sweeps share
    /// data, splits, seeds and classifier (then every difference comes from the synthetic rows).</summary>
    public static (int Both, int Same) Baselines(IReadOnlyCollection<CellResult> a, IReadOnlyCollection<CellResult> b)
    {
        var zeroA = a.Where(c => c.Cell.Count == 0).ToDictionary(c => c.Cell.Key, c => c.Accuracy);
        var zeroB = b.Where(c => c.Cell.Count == 0).ToDictionary(c => c.Cell.Key, c => c.Accuracy);
        var both = zeroA.Keys.Intersect(zeroB.Keys).ToList();
        return (both.Count, both.Count(k => Math.Abs(zeroA[k] - zeroB[k]) < 1e-9));
    }

    public static string Markdown(string nameA, string nameB, IReadOnlyList<ComparisonRow> rows, (int Both, int Same) baselines,
        RunStatus? statusA, RunStatus? statusB)
    {
        var md = new StringBuilder();
        md.AppendLine($"A: `{nameA}`  \nB: `{nameB}`\n");
        if (statusA?.Options is { } oa && statusB?.Options is { } ob)
        {
            var differ = RunStatus.Differences(oa, ob);
            md.AppendLine($"Settings that differ (A -> B, from each side's first run.json): {(differ.Count == 0 ? "none" : string.Join(", ", differ))}.\n");
        }
        md.AppendLine(baselines.Both == 0
            ? "The sweeps share no count-0 run: their differences mix the synthetic rows with everything else that differs.\n"
            : $"Count-0 runs in both: {baselines.Both}; scored the same in both: {baselines.Same}" +
              (baselines.Same == baselines.Both ? " (same data, splits, seeds and classifier: the differences below come from the synthetic rows).\n" : ": the baselines differ, so more than the synthetic rows differs.\n"));
        md.AppendLine("| synthetic images | classic | synthetic | n | A accuracy (%) | B accuracy (%) | Δ B − A (points) | 95% CI of Δ | unpaired runs left out |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            md.AppendLine($"| {SummaryWriter.CountLabel(r.Count)} | {SweepCell.VariantName(r.Variant)} | {SweepCell.MixName(r.Mix)} | {r.Difference.Count} | " +
                $"{SummaryWriter.P(r.A.Mean)} ± {SummaryWriter.P(r.A.Std)} | {SummaryWriter.P(r.B.Mean)} ± {SummaryWriter.P(r.B.Std)} | " +
                $"{SummaryWriter.Signed(r.Difference.Mean)} | {SummaryWriter.Interval(r.Difference)} | {r.Unpaired} |");
        md.AppendLine("\nΔ: per (split, seed), B's accuracy minus A's in the same cell; mean of the n differences and its 95% Student-t interval.");
        return md.ToString();
    }
}
