using Augment.Classifier;
using Augment.Data;
using Microsoft.ML;
using static TorchSharp.torch;

namespace Augment.Tests.Classifier;

public class SchemaCheckTests
{
    static readonly ExpressionCnnOptions Options = ExpressionCnnTrainerTests.SmallOptions() with { Epochs = 1 };

    [Fact]
    public void MissingImageColumnIsNamed()
    {
        var ml = new MLContext();
        using var set = SyntheticPatterns.Make(3, 16, 1);
        var trainer = ml.MulticlassClassification.Trainers.ExpressionCnn(Options with { FeatureColumnName = "Image" });
        var e = Assert.ThrowsAny<ArgumentException>(() => trainer.Fit(set.ToDataView(ml)));
        Assert.Contains("'Image'", e.Message);
        // Through an estimator chain the SchemaShape check runs first and names the column too.
        var chain = ml.Transforms.CopyColumns("Copy", FaceSetDataView.Label).Append(trainer);
        Assert.Contains("'Image'", Assert.ThrowsAny<ArgumentException>(() => chain.Fit(set.ToDataView(ml))).Message);
    }

    [Fact]
    public void WrongVectorSizeIsNamed()
    {
        var ml = new MLContext();
        using var set = SyntheticPatterns.Make(3, 16, 1);
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            ml.MulticlassClassification.Trainers.ExpressionCnn(Options with { Height = 8, Width = 8 }).Fit(set.ToDataView(ml)));
        Assert.Contains("'Features'", e.Message);
        Assert.Contains("64", e.Message);
    }

    [Fact]
    public void LabelThatIsNotAKeyIsNamed()
    {
        var ml = new MLContext();
        using var set = SyntheticPatterns.Make(3, 16, 1);
        var data = ml.Transforms.Conversion.MapKeyToValue("Target", FaceSetDataView.Label)
            .Fit(set.ToDataView(ml)).Transform(set.ToDataView(ml));   // text labels, not a key
        var trainer = ml.MulticlassClassification.Trainers.ExpressionCnn(Options with { LabelColumnName = "Target" });
        Assert.Contains("'Target'", Assert.ThrowsAny<ArgumentException>(() => trainer.Fit(data)).Message);
        var chain = ml.Transforms.CopyColumns("Copy", "Target").Append(trainer);
        Assert.Contains("'Target'", Assert.ThrowsAny<ArgumentException>(() => chain.Fit(data)).Message);
    }

    [Fact]
    public void TransformerRejectsImagesOfAnotherSize()
    {
        var ml = new MLContext();
        using var set = SyntheticPatterns.Make(4, 16, 1);
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(Options with { ValidationFraction = 0 }).Fit(set.ToDataView(ml));
        using var small = new FaceSet("small", zeros(3, 1, 8, 8), [0, 1, 2], SyntheticPatterns.ClassNames);
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Transform(small.ToDataView(ml)));
        Assert.Contains("'Features'", e.Message);
    }
}
