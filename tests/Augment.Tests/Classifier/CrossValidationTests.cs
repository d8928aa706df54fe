using Augment.Classifier;
using Augment.Core;
using Microsoft.ML;

namespace Augment.Tests.Classifier;

public class CrossValidationTests
{
    [Fact]
    public void SubjectFoldsNeverShareASubjectAndCoverEveryImageOnce()
    {
        using var set = SyntheticPatterns.Make(20, 8, seed: 1);   // 60 images, 10 subjects of 6
        var folds = SubjectFolds.Make(set, 4, seed: 7);

        Assert.Equal(4, folds.Count);
        Assert.Equal(Enumerable.Range(0, set.Count), folds.SelectMany(f => f.Test).Order());
        foreach (var f in folds)
        {
            Assert.Equal(set.Count, f.Train.Length + f.Test.Length);
            var testSubjects = f.Test.Select(i => set.Subjects[i]).ToHashSet();
            Assert.DoesNotContain(f.Train, i => testSubjects.Contains(set.Subjects[i]));
        }
        Assert.Equal(folds.Select(f => f.Test), SubjectFolds.Make(set, 4, seed: 7).Select(f => f.Test));
        Assert.Throws<ArgumentException>(() => SubjectFolds.Make(set, 11, seed: 7));
    }

    [Fact]
    public void RunsCnnAndBaselineOnTheSameFoldsAndWritesTheReport()
    {
        var ml = new MLContext(seed: 1);
        using var set = SyntheticPatterns.Make(30, 16, seed: 1);   // 90 images, 15 subjects
        var folds = SubjectFolds.Make(set, 3, seed: 1);
        var cnn = CrossValidation.Run(ml, set, folds, "cnn", f =>
            ml.MulticlassClassification.Trainers.ExpressionCnn(ExpressionCnnTrainerTests.SmallOptions(f.Index) with { Epochs = 8, BatchSize = 8, ValidationFraction = 0 }));
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
        Assert.All(baseline.Folds, f => Assert.Null(f.BestEpoch));

        var dir = Path.Combine(Path.GetTempPath(), $"augment-cv-{Guid.NewGuid():N}");
        try
        {
            var context = new CrossValidationContext("augment classify-cv --test", "patterns", "memory", "90 images", 3, 1,
                MachineInfo.Current(), new Dictionary<string, string> { ["cnn"] = "small", [LbfgsBaseline.Name] = "defaults" }, []);
            var md = File.ReadAllText(CrossValidationReport.Write(dir, "classifier-cv", context, [cnn, baseline]));
            Assert.Contains("augment classify-cv --test", md);
            Assert.Contains("| horizontal |", md);
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
