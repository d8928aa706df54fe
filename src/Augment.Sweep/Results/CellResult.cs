using Augment.Sweep.Plan;

namespace Augment.Sweep.Results;

/// <summary>What one finished cell measured on its held-out subjects. Confusion is [true, predicted].</summary>
public sealed record CellResult(
    SweepCell Cell,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<double> PerClassAccuracy,
    int[,] Confusion,
    int TestImages,
    int TrainRealImages,
    int TrainSyntheticImages,
    double TrainSeconds,
    double GenerationSeconds,
    string OptionsHash)
{
    /// <summary>Accuracy, macro-F1 and per-class recall from a confusion matrix [true, predicted].</summary>
    public static (double Accuracy, double MacroF1, double[] PerClass) Score(int[,] confusion)
    {
        int k = confusion.GetLength(0);
        long total = 0, correct = 0;
        var perClass = new double[k];
        double f1Sum = 0;
        for (int c = 0; c < k; c++)
        {
            long row = 0, col = 0;
            for (int j = 0; j < k; j++) { row += confusion[c, j]; col += confusion[j, c]; total += confusion[c, j]; }
            correct += confusion[c, c];
            perClass[c] = row > 0 ? (double)confusion[c, c] / row : double.NaN;
            double precision = col > 0 ? (double)confusion[c, c] / col : 0, recall = row > 0 ? (double)confusion[c, c] / row : 0;
            f1Sum += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        }
        return (total > 0 ? (double)correct / total : 0, f1Sum / k, perClass);
    }
}
