namespace Augment.Classifier.Statistics;

/// <summary>
/// A mean paired difference with its two-sided confidence interval: mean ± t(1 - α/2, n - 1) x sd / √n, sd the
/// sample standard deviation (n - 1) of the differences. With n &lt; 2 there is no spread to estimate: the bounds are NaN.
/// </summary>
public sealed record PairedInterval(int Count, double Mean, double StandardDeviation, double StandardError,
    double TQuantile, double Lower, double Upper, double Confidence)
{
    public double HalfWidth => Upper - Mean;

    /// <summary>True when the interval holds 0 (no difference shown at this confidence); false for NaN bounds.</summary>
    public bool IncludesZero => Lower <= 0 && Upper >= 0;

    /// <summary>The interval of the mean of <paramref name="differences"/>.</summary>
    public static PairedInterval Of(IReadOnlyList<double> differences, double confidence = 0.95)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        if (differences.Any(d => !double.IsFinite(d))) throw new ArgumentException("Every difference must be a finite number.", nameof(differences));
        var n = differences.Count;
        if (n == 0) return new PairedInterval(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, confidence);
        var mean = differences.Average();
        if (n < 2) return new PairedInterval(1, mean, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, confidence);
        var sd = SampleStatistics.StandardDeviation(differences);
        var se = sd / Math.Sqrt(n);
        var t = StudentT.Quantile(1 - (1 - confidence) / 2, n - 1);
        return new PairedInterval(n, mean, sd, se, t, mean - t * se, mean + t * se, confidence);
    }

    /// <summary>
    /// Pairs <paramref name="cell"/> with <paramref name="baseline"/> by key (e.g. (fold, seed)) and gives the interval
    /// of cell - baseline. Both must hold the same keys: an unpaired run would bias the difference, so it is refused.
    /// </summary>
    public static PairedInterval Compare<TKey>(IReadOnlyDictionary<TKey, double> cell, IReadOnlyDictionary<TKey, double> baseline,
        double confidence = 0.95) where TKey : notnull
    {
        var missing = cell.Keys.Where(k => !baseline.ContainsKey(k)).Concat(baseline.Keys.Where(k => !cell.ContainsKey(k))).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"Paired differences need the same runs on both sides; unpaired: {string.Join(", ", missing.Take(5))}{(missing.Length > 5 ? ", ..." : "")}.");
        return Of(PairedDifferences(cell, baseline), confidence);
    }

    /// <summary>cell[k] - baseline[k] for every key of <paramref name="cell"/>, in key order.</summary>
    public static double[] PairedDifferences<TKey>(IReadOnlyDictionary<TKey, double> cell, IReadOnlyDictionary<TKey, double> baseline) where TKey : notnull =>
        cell.Keys.Order().Select(k => cell[k] - (baseline.TryGetValue(k, out var b) ? b : throw new KeyNotFoundException($"No baseline run for {k}."))).ToArray();
}
