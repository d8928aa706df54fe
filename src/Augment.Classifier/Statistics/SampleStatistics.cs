namespace Augment.Classifier.Statistics;

/// <summary>The spread of a few runs (folds, seeds), one formula for every summary and interval that reports it.</summary>
public static class SampleStatistics
{
    /// <summary>The sample standard deviation (n - 1 in the denominator); 0 for fewer than two values, which show no spread.</summary>
    public static double StandardDeviation(IReadOnlyCollection<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
