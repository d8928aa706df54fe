using Augment.Classifier;
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
    string OptionsHash,
    CellProvenance? Provenance = null,
    ClassifierRun? Classifier = null)
{
    public CellProvenance Made => Provenance ?? CellProvenance.Unknown;

    /// <summary>Accuracy, macro-F1 and per-class recall from a confusion matrix [true, predicted] (see <see cref="Metrics"/>).</summary>
    public static (double Accuracy, double MacroF1, double[] PerClass) Score(int[,] confusion)
    {
        var rows = Metrics.Rows(confusion);
        return (Metrics.Accuracy(rows), Metrics.MacroF1(rows), Metrics.PerClassRecall(rows));
    }
}
