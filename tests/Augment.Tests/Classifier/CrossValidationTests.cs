using Augment.Classifier;
using Augment.Core;
using Augment.Data.Splits;
using Microsoft.ML;
using TorchSharp;

namespace Augment.Tests.Classifier;

public class CrossValidationTests
{
    [Fact]
    public void RunsCnnAndBaselineOnTheSameFoldsAndWritesTheReport()
    {
        var ml = new MLContext(seed: 1);
        using var set = SyntheticPatterns.Make(30, 16, seed: 1);   // 90 images, 15 subjects
        var folds = SubjectSplitter.KFold(set, 3, seed: 1);
        var cnn = CrossValidation.Run(ml, set, folds, "cnn", f =>
            ml.MulticlassClassification.Trainers.ExpressionCnn(ExpressionCnnTrainerTests.SmallOptions(f) with { Epochs = 8, BatchSize = 8, ValidationFraction = 0 }));
        var baseline = CrossValidation.Run(ml, set, folds, LbfgsBaseline.Name, _ => LbfgsBaseline.Create(ml, threads: 1));

        foreach (var r in new[] { cnn, baseline })
        {
            Assert.Equal(3, r.Folds.Count);
            Assert.Equal(set.Count, r.Confusion.Sum(row => row.Sum()));
            Assert.Equal(set.ClassCounts(), r.Confusion.Select(row => row.Sum()));
            Assert.Equal(r.PooledAccuracy, r.PerClassAccuracy.Zip(set.ClassCounts(), (a, n) => a * n).Sum() / set.Count, 9);
        }
        Assert.InRange(cnn.AccuracyMean, 0.8, 1.0);   // stripes of random phase are not linearly separable: no bar for the baseline
        Assert.All(cnn.Folds, f => Assert.Equal(8, f.BestEpoch));
        Assert.Equal([0, 1, 2], cnn.Folds.Select(f => f.Fold));
        Assert.All(baseline.Folds, f => Assert.Null(f.BestEpoch));

        var dir = Path.Combine(Path.GetTempPath(), $"augment-cv-{Guid.NewGuid():N}");
        try
        {
            var context = new CrossValidationContext("augment classify-cv --test", "patterns", "memory", "90 images", 3, 1,
                MachineInfo.Current(torch.get_num_threads()), new Dictionary<string, string> { ["cnn"] = "small", [LbfgsBaseline.Name] = "defaults" }, []);
            var md = File.ReadAllText(CrossValidationReport.Write(dir, "classifier-cv", context, [cnn, baseline]));
            Assert.Contains("augment classify-cv --test", md);
            Assert.Contains("| horizontal |", md);
            // The paired difference carries its 95% interval (PairedInterval, tested on a known example elsewhere).
            var ci = Augment.Classifier.Statistics.PairedInterval.Of([.. cnn.Folds.Zip(baseline.Folds, (a, b) => 100 * (a.Accuracy - b.Accuracy))]);
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{ci.Lower:+0.0;-0.0;0.0}, {ci.Upper:+0.0;-0.0;0.0}]"), md);
            var summary = File.ReadAllLines(Path.Combine(dir, "classifier-cv.summary.csv"));
            Assert.Equal(3, summary.Length);
            Assert.StartsWith("Model,", summary[0]);
            Assert.Equal(1 + 2 * 9, File.ReadAllLines(Path.Combine(dir, "classifier-cv.confusion.csv")).Length);
            Assert.Equal(1 + 2 * 3, File.ReadAllLines(Path.Combine(dir, "classifier-cv.folds.csv")).Length);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MacroF1CountsOnlyClassesThatOccur()
    {
        int[][] confusion = [[3, 1, 0], [0, 2, 0], [0, 0, 0]];
        Assert.Equal(5.0 / 6, Metrics.Accuracy(confusion), 9);
        Assert.Equal((6.0 / 7 + 4.0 / 5) / 2, Metrics.MacroF1(confusion), 9);
    }
}
