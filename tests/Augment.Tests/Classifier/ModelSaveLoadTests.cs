using Augment.Classifier;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Tests.Classifier;

public class ModelSaveLoadTests
{
    [Fact]
    public void MlNetModelFileRoundTripGivesSamePredictions()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(12, 16, seed: 1);
        using var test = SyntheticPatterns.Make(5, 16, seed: 2);
        var options = ExpressionCnnTrainerTests.SmallOptions() with { FeatureColumnName = "Pixels", Epochs = 2 };
        // A chain, as users save it: a built-in transform before the CNN.
        var pipeline = ml.Transforms.CopyColumns("Pixels", FaceSetDataView.Features)
            .Append(ml.MulticlassClassification.Trainers.ExpressionCnn(options));
        var trainData = train.ToDataView(ml);
        var model = pipeline.Fit(trainData);
        var testData = test.ToDataView(ml);
        var before = model.Transform(testData);

        var path = Path.Combine(Path.GetTempPath(), $"augment-cnn-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, trainData.Schema, path);
            var fresh = new MLContext(seed: 2);
            fresh.ComponentCatalog.RegisterExpressionCnn();
            var loaded = fresh.Model.Load(path, out var schema);
            var after = loaded.Transform(testData);

            Assert.Equal(trainData.Schema.Count, schema.Count);
            Assert.Equal(before.GetColumn<float[]>("Score").ToArray(), after.GetColumn<float[]>("Score").ToArray());
            Assert.Equal(before.GetColumn<uint>("PredictedLabel").ToArray(), after.GetColumn<uint>("PredictedLabel").ToArray());
            var metrics = fresh.MulticlassClassification.Evaluate(after);
            Assert.Equal(ml.MulticlassClassification.Evaluate(before).MicroAccuracy, metrics.MicroAccuracy);
        }
        finally
        {
            File.Delete(path);
            model.LastTransformer.Dispose();
        }
    }

    [Fact]
    public void LoadWithoutRegistrationFailsAndRegisteringTwiceIsHarmless()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(6, 16, seed: 1);
        var data = train.ToDataView(ml);
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(ExpressionCnnTrainerTests.SmallOptions() with { Epochs = 1, ValidationFraction = 0 }).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);

        stream.Position = 0;
        Assert.ThrowsAny<Exception>(() => new MLContext().Model.Load(stream, out _));

        var fresh = new MLContext();
        fresh.ComponentCatalog.RegisterExpressionCnn();
        fresh.ComponentCatalog.RegisterExpressionCnn();
        stream.Position = 0;
        var loaded = fresh.Model.Load(stream, out _);
        Assert.Equal(model.Transform(data).GetColumn<float[]>("Score").ToArray(), loaded.Transform(data).GetColumn<float[]>("Score").ToArray());
    }

    [Fact]
    public void PredictionEngineScoresLikeTransform()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(6, 16, seed: 1);
        var data = train.ToDataView(ml);
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(ExpressionCnnTrainerTests.SmallOptions() with { Epochs = 1, ValidationFraction = 0 }).Fit(data);
        var expected = model.Transform(data).GetColumn<float[]>("Score").ToArray();
        var engine = ml.Model.CreatePredictionEngine<ImageRow, Prediction>(model, inputSchemaDefinition: ImageRow.Definition(data.Schema));
        var pixels = data.GetColumn<float[]>(FaceSetDataView.Features).ToArray();
        // Transform scores in batches, the engine one row at a time: equal up to float rounding.
        for (var i = 0; i < 3; i++)
            Assert.All(expected[i].Zip(engine.Predict(new ImageRow { Features = pixels[i] }).Score), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }

    public sealed class ImageRow
    {
        public float[] Features { get; set; } = [];
        public static SchemaDefinition Definition(Microsoft.ML.DataViewSchema schema)
        {
            var d = SchemaDefinition.Create(typeof(ImageRow));
            d[nameof(Features)].ColumnType = schema[FaceSetDataView.Features].Type;
            return d;
        }
    }

    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
