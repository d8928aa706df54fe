using System.Diagnostics;
using Augment.Classifier.Statistics;
using Augment.Core;
using Augment.Data;
using Augment.Data.Splits;
using Microsoft.ML;

namespace Augment.Classifier;

/// <summary>One fold's figures; Confusion[truth][predicted].</summary>
public sealed record FoldResult(int Fold, int TrainCount, int TestCount, double Accuracy, double MacroF1, int[][] Confusion,
    double Seconds, int? BestEpoch);

/// <summary>A model's k-fold results with the usual summaries (accuracy mean and sample std over folds, pooled confusion).</summary>
public sealed record CrossValidationResult(string Model, IReadOnlyList<string> ClassNames, IReadOnlyList<FoldResult> Folds)
{
    public double AccuracyMean => Folds.Average(f => f.Accuracy);
    public double AccuracyStd => SampleStatistics.StandardDeviation(Folds.Select(f => f.Accuracy).ToArray());
    public double MacroF1Mean => Folds.Average(f => f.MacroF1);
    public double Seconds => Folds.Sum(f => f.Seconds);

    /// <summary>Confusion matrix summed over folds, [truth][predicted].</summary>
    public int[][] Confusion => Enumerable.Range(0, ClassNames.Count)
        .Select(t => Enumerable.Range(0, ClassNames.Count).Select(p => Folds.Sum(f => f.Confusion[t][p])).ToArray()).ToArray();

    public double PooledAccuracy => Metrics.Accuracy(Confusion);
    public double PooledMacroF1 => Metrics.MacroF1(Confusion);
    /// <summary>Per class: correct / images of that class, over all folds (recall).</summary>
    public double[] PerClassAccuracy => Metrics.PerClassRecall(Confusion);
}

/// <summary>Trains and tests a model on each fold of a face set, through ML.NET (Fit, Transform, Evaluate).</summary>
public static class CrossValidation
{
    /// <param name="folds">Splits of <paramref name="set"/>, e.g. <see cref="SubjectSplitter.KFold"/>; each is checked.</param>
    /// <param name="estimator">Makes the (untrained) estimator of a fold from the fold number, e.g. with a per-fold seed.</param>
    public static CrossValidationResult Run(MLContext ml, FaceSet set, IReadOnlyList<SplitResult> folds, string model,
        Func<int, IEstimator<ITransformer>> estimator, IProgressSink? progress = null)
    {
        var tracker = new ProgressTracker(progress ?? NullProgress.Instance, $"{model} folds", folds.Count, "fold");
        var results = new List<FoldResult>();
        for (var index = 0; index < folds.Count; index++)
        {
            var fold = folds[index].Fold ?? index;
            var result = RunFold(ml, set, folds[index], fold, estimator(fold));
            results.Add(result);
            tracker.Advance(1, status: $"fold {fold}: {result.Accuracy:P1} (mean {results.Average(x => x.Accuracy):P1})");
        }
        return new CrossValidationResult(model, set.ClassNames, results);
    }

    static FoldResult RunFold(MLContext ml, FaceSet set, SplitResult split, int fold, IEstimator<ITransformer> estimator)
    {
        var clock = Stopwatch.StartNew();
        var (train, test) = set.Split(split);
        ITransformer? transformer = null;
        try
        {
            transformer = estimator.Fit(train.ToDataView(ml));
            var metrics = ml.MulticlassClassification.Evaluate(transformer.Transform(test.ToDataView(ml)));
            var confusion = metrics.ConfusionMatrix.Counts.Select(r => r.Select(v => (int)Math.Round(v)).ToArray()).ToArray();
            var cnn = transformer as ExpressionCnnTransformer
                ?? (transformer as IEnumerable<ITransformer>)?.OfType<ExpressionCnnTransformer>().LastOrDefault();
            return new FoldResult(fold, train.Count, test.Count, metrics.MicroAccuracy, Metrics.MacroF1(confusion),
                confusion, clock.Elapsed.TotalSeconds, cnn?.BestEpoch);
        }
        finally
        {
            (transformer as IDisposable)?.Dispose();
            train.Dispose();
            test.Dispose();
        }
    }
}
