using Augment.Classifier;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Tests.Classifier;

public class ExpressionCnnTrainerTests
{
    internal static ExpressionCnnOptions SmallOptions(int seed = 3) => new()
    {
        Channels = 1, Height = 16, Width = 16,
        Architecture = CnnArchitecture.Small,
        Epochs = 6, BatchSize = 16, LearningRate = 3e-3,
        SubjectColumnName = FaceSetDataView.Subject, ValidationFraction = 0.2,
        Seed = seed, Threads = 1,
    };

    [Fact]
    public void LearnsSeparablePatternsAndEvaluateWorksOnItsOutput()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(40, 16, seed: 1);
        using var test = SyntheticPatterns.Make(20, 16, seed: 2);
        var progress = new List<Augment.Core.ProgressSnapshot>();
        var options = SmallOptions() with { Augment = true, MaxShift = 1, Progress = new CollectingSink(progress) };

        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(options).Fit(train.ToDataView(ml));
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test.ToDataView(ml)));

        Assert.True(metrics.MicroAccuracy >= 0.9, $"accuracy {metrics.MicroAccuracy:P1}");
        Assert.Equal(3, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.Equal(60, metrics.ConfusionMatrix.Counts.Sum(r => r.Sum()), 3);   // Counts: one row per true class
        Assert.Equal(6, model.History.Count);
        Assert.All(model.History, e => Assert.NotNull(e.ValidationAccuracy));
        Assert.InRange(model.BestEpoch, 1, 6);
        Assert.Equal(SyntheticPatterns.ClassNames, model.ClassNames);
        Assert.NotEmpty(progress);
        Assert.Equal(progress[^1].Total, progress[^1].Done);
    }

    [Fact]
    public void OutputHasKeyPredictedLabelAndProbabilityScores()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(12, 16, seed: 1);
        var data = train.ToDataView(ml);
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(SmallOptions() with { Epochs = 1 }).Fit(data);
        var scored = model.Transform(data);

        var predicted = scored.Schema["PredictedLabel"];
        Assert.Equal(data.Schema["Label"].Type, predicted.Type);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        predicted.GetKeyValues(ref keyValues);
        Assert.Equal(SyntheticPatterns.ClassNames, keyValues.DenseValues().Select(v => v.ToString()));
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        Assert.All(scores, s => Assert.Equal(1f, s.Sum(), 4));
        var labels = scored.GetColumn<uint>("PredictedLabel").ToArray();
        Assert.Equal(scores.Select(s => (uint)Array.IndexOf(s, s.Max()) + 1), labels);
    }

    [Fact]
    public void SameSeedGivesSameModel()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(12, 16, seed: 1);
        var data = train.ToDataView(ml);
        float[][] Scores(int seed)
        {
            using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(SmallOptions(seed) with { Epochs = 2, Augment = true }).Fit(data);
            return model.Transform(data).GetColumn<float[]>("Score").ToArray();
        }
        var first = Scores(5);
        Assert.Equal(first, Scores(5));
        Assert.NotEqual(first, Scores(6));
    }

    sealed class CollectingSink(List<Augment.Core.ProgressSnapshot> into) : Augment.Core.IProgressSink
    {
        public void Report(Augment.Core.ProgressSnapshot snapshot) => into.Add(snapshot);
    }
}
