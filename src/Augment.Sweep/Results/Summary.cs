using Augment.Classifier.Statistics;
using Augment.Sweep.Plan;

namespace Augment.Sweep.Results;

/// <summary>Mean and sample standard deviation of a set of runs.</summary>
public sealed record Stat(double Mean, double Std, int N)
{
    public static Stat Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Stat(double.NaN, double.NaN, 0);
        var mean = values.Average();
        return new Stat(mean, SampleStatistics.StandardDeviation(values), values.Count);
    }
}

/// <summary>
/// One (count, classic variant, synthetic variant) line of the summary. <see cref="Difference"/> is paired: each run's
/// accuracy minus the accuracy of the count-0 run of the same split (fold) and seed and classic variant, with the 95%
/// Student-t interval of the mean difference; fold-to-fold spread is larger than most effects, so the pairing matters.
/// Pooled and capped rows of a count are paired against the very same count-0 runs. Null at count 0 or without any
/// count-0 run to pair with. <see cref="SyntheticShareSeen"/>: the synthetic share of the rows the classifiers' batches
/// held (NaN when not recorded).
/// </summary>
public sealed record SummaryRow(int Count, ClassicAugmentation Variant, SyntheticMix Mix, Stat Accuracy, Stat MacroF1, PairedInterval? Difference,
    IReadOnlyList<double> PerClassAccuracy, double TrainSeconds, double GenerationSeconds, double SyntheticShareSeen = double.NaN);

public static class Summary
{
    /// <summary>ExprGAN paper, Oulu-CASIA, one fixed split, 144 test images: accuracy (%) by synthetic count.</summary>
    public static readonly IReadOnlyDictionary<int, double> PaperOuluCasia = new Dictionary<int, double>
    {
        [0] = 77.78, [3000] = 78.47, [6000] = 81.94, [30000] = 84.72, [60000] = 84.72,
    };

    /// <summary>The paper's accuracy for a row: its design pooled synthetic rows and used no flips/shifts.</summary>
    public static double? Paper(SummaryRow r) =>
        r.Variant == ClassicAugmentation.Off && r.Mix != SyntheticMix.Capped && PaperOuluCasia.TryGetValue(r.Count, out var p) ? p : null;

    public static IReadOnlyList<SummaryRow> Build(IEnumerable<CellResult> cells, int classes)
    {
        var all = cells.ToList();
        var baseline = all.Where(c => c.Cell.Count == 0)
            .ToDictionary(c => (c.Cell.Split, c.Cell.Seed, c.Cell.Variant), c => c.Accuracy);
        return all.GroupBy(c => (c.Cell.Count, c.Cell.Variant, c.Cell.Mix))
            .OrderBy(g => g.Key.Variant).ThenBy(g => g.Key.Count).ThenBy(g => g.Key.Mix)
            .Select(g =>
            {
                var runs = g.ToList();
                var perClass = Enumerable.Range(0, classes)
                    .Select(k => runs.Select(r => r.PerClassAccuracy[k]).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average())
                    .ToArray();
                return new SummaryRow(g.Key.Count, g.Key.Variant, g.Key.Mix,
                    Stat.Of(runs.Select(r => r.Accuracy).ToList()), Stat.Of(runs.Select(r => r.MacroF1).ToList()),
                    g.Key.Count == 0 ? null : Paired(runs, baseline),
                    perClass, runs.Average(r => r.TrainSeconds), runs.Average(r => r.GenerationSeconds),
                    runs.Select(r => r.Classifier?.SyntheticShareSeen ?? double.NaN).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average());
            }).ToList();
    }

    /// <summary>The runs' accuracy minus their count-0 run's, paired by (split, seed); runs without one are left out.</summary>
    static PairedInterval? Paired(List<CellResult> runs, Dictionary<(int Split, int Seed, ClassicAugmentation Variant), double> baseline)
    {
        var paired = runs.Where(r => baseline.ContainsKey((r.Cell.Split, r.Cell.Seed, r.Cell.Variant))).ToList();
        if (paired.Count == 0) return null;
        var cell = paired.ToDictionary(r => (r.Cell.Split, r.Cell.Seed), r => r.Accuracy);
        var zero = paired.ToDictionary(r => (r.Cell.Split, r.Cell.Seed), r => baseline[(r.Cell.Split, r.Cell.Seed, r.Cell.Variant)]);
        return PairedInterval.Compare(cell, zero);
    }
}
