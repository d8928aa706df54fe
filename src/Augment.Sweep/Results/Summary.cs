using Augment.Sweep.Plan;

namespace Augment.Sweep.Results;

/// <summary>Mean and sample standard deviation of a set of runs.</summary>
public sealed record Stat(double Mean, double Std, int N)
{
    public static Stat Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Stat(double.NaN, double.NaN, 0);
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new Stat(mean, std, values.Count);
    }
}

/// <summary>
/// One (count, variant) line of the summary. Gain is paired: each run minus the count-0 run of the same
/// split, seed and variant, because fold-to-fold spread is larger than most effects.
/// </summary>
public sealed record SummaryRow(int Count, ClassicAugmentation Variant, Stat Accuracy, Stat MacroF1, Stat? GainOverZero,
    IReadOnlyList<double> PerClassAccuracy, double TrainSeconds, double GenerationSeconds);

public static class Summary
{
    /// <summary>ExprGAN paper, Oulu-CASIA, one fixed split, 144 test images: accuracy (%) by synthetic count.</summary>
    public static readonly IReadOnlyDictionary<int, double> PaperOuluCasia = new Dictionary<int, double>
    {
        [0] = 77.78, [3000] = 78.47, [6000] = 81.94, [30000] = 84.72, [60000] = 84.72,
    };

    public static IReadOnlyList<SummaryRow> Build(IEnumerable<CellResult> cells, int classes)
    {
        var all = cells.ToList();
        var baseline = all.Where(c => c.Cell.Count == 0).ToDictionary(c => (c.Cell.Split, c.Cell.Seed, c.Cell.Variant), c => c.Accuracy);
        return all.GroupBy(c => (c.Cell.Count, c.Cell.Variant))
            .OrderBy(g => g.Key.Variant).ThenBy(g => g.Key.Count)
            .Select(g =>
            {
                var runs = g.ToList();
                var gains = runs.Where(r => baseline.ContainsKey((r.Cell.Split, r.Cell.Seed, r.Cell.Variant)))
                    .Select(r => r.Accuracy - baseline[(r.Cell.Split, r.Cell.Seed, r.Cell.Variant)]).ToList();
                var perClass = Enumerable.Range(0, classes)
                    .Select(k => runs.Select(r => r.PerClassAccuracy[k]).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average())
                    .ToArray();
                return new SummaryRow(g.Key.Count, g.Key.Variant,
                    Stat.Of(runs.Select(r => r.Accuracy).ToList()), Stat.Of(runs.Select(r => r.MacroF1).ToList()),
                    g.Key.Count == 0 || gains.Count == 0 ? null : Stat.Of(gains),
                    perClass, runs.Average(r => r.TrainSeconds), runs.Average(r => r.GenerationSeconds));
            }).ToList();
    }
}
