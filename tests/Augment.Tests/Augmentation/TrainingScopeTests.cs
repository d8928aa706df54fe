using Augment.Augmentation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using static Augment.Tests.Augmentation.AugmentFixtures;

namespace Augment.Tests.Augmentation;

public class TrainingScopeTests
{
    [Fact]
    public void ScoringChainLeavesTheAugmenterOutAndSavesWithPlainMlNet()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var data = View(ml, Rows(30));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.AugmentWithExprGan(Options(generator, 40)), TransformerScope.Training)
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { MaximumNumberOfIterations = 20 }));
        using var model = pipeline.Fit(data);

        Assert.Contains(model, t => t is ExprGanAugmentingTransformer);
        Assert.Equal(30, model.Transform(data).GetRowCount());                              // scoring skips training-only transforms
        Assert.Equal(70, model.Transform(data, TransformerScope.Training).GetRowCount());   // what the trainer saw

        var scoring = model.GetModelFor(TransformerScope.Scoring);
        Assert.DoesNotContain(scoring, t => t is ExprGanAugmentingTransformer);
        var scored = scoring.Transform(data);
        Assert.Equal(30, scored.GetRowCount());

        var refused = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, new MemoryStream()));
        Assert.Contains("GetModelFor(TransformerScope.Scoring)", refused.Message);

        var path = Path.Combine(Path.GetTempPath(), $"augment-scoring-{Environment.ProcessId}.zip");
        try
        {
            ml.Model.Save(scoring, data.Schema, path);
            var loaded = new MLContext(2).Model.Load(path, out var schema);
            Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
            var expected = scored.GetColumn<uint>("PredictedLabel").ToArray();
            var actual = loaded.Transform(data).GetColumn<uint>("PredictedLabel").ToArray();
            Assert.Equal(expected, actual);
        }
        finally { File.Delete(path); }
    }
}
