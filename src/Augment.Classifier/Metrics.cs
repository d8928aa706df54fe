namespace Augment.Classifier;

/// <summary>
/// Scores from a confusion matrix [truth][predicted], the one definition the cross-validation and the sweep share.
/// Macro-F1 averages over the classes that occur in the truth or the predictions (as scikit-learn does), so a class
/// missing from a small test split neither counts as 0 nor as 1.
/// </summary>
public static class Metrics
{
    public static double Accuracy(int[][] confusion)
    {
        var total = confusion.Sum(r => r.Sum());
        return total == 0 ? double.NaN : (double)Enumerable.Range(0, confusion.Length).Sum(c => confusion[c][c]) / total;
    }

    public static double MacroF1(int[][] confusion)
    {
        var k = confusion.Length;
        var f1 = new List<double>();
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            var support = confusion[c].Sum();
            var predicted = Enumerable.Range(0, k).Sum(t => confusion[t][c]);
            if (support + predicted > 0) f1.Add(2.0 * tp / (support + predicted));
        }
        return f1.Count == 0 ? double.NaN : f1.Average();
    }

    /// <summary>Per class: correct / images of that class (recall); NaN for a class with no images.</summary>
    public static double[] PerClassRecall(int[][] confusion) =>
        confusion.Select((row, c) => row.Sum() == 0 ? double.NaN : (double)row[c] / row.Sum()).ToArray();

    /// <summary>The same matrix as jagged rows, for callers that keep it as int[,].</summary>
    public static int[][] Rows(int[,] confusion) =>
        Enumerable.Range(0, confusion.GetLength(0))
            .Select(t => Enumerable.Range(0, confusion.GetLength(1)).Select(p => confusion[t, p]).ToArray()).ToArray();
}
