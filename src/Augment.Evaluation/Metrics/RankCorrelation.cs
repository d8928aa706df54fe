namespace Augment.Evaluation.Metrics;

/// <summary>Spearman's rank correlation: Pearson correlation of average ranks, so ties are handled.</summary>
public static class RankCorrelation
{
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} x values but {y.Count} y values.");
        if (x.Count < 2) return double.NaN;
        return Pearson(Ranks(x), Ranks(y));
    }

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Values this close (relative) rank as ties: the same image's probability differs in the last bits between
    /// batches and CPUs (0.18906351214 vs 0.18906351162), which must not turn "no change" into a ranking.
    /// </summary>
    public const double TieTolerance = 1e-6;

    /// <summary>True when a and b differ by at most <see cref="TieTolerance"/> of the larger magnitude.</summary>
    public static bool Tied(double a, double b) => a == b || Math.Abs(a - b) <= TieTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>True when every value is tied with every other (their extremes within <see cref="TieTolerance"/>):
    /// nothing to rank, however the last bits fell.</summary>
    public static bool AllTied(IReadOnlyList<double> values) => values.Count == 0 || Tied(values.Min(), values.Max());

    /// <summary>1-based ranks; tied values (equal within <see cref="TieTolerance"/> of the smallest of the run,
    /// so a tie group cannot drift) share the mean of their ranks.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && Tied(values[order[end + 1]], values[order[start]])) end++;
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = mean;
            start = end + 1;
        }
        return ranks;
    }
}
