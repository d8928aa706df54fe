using Augment.Augmentation;
using Augment.Classifier;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Augment.Tests.Augmentation.AugmentFixtures;

namespace Augment.Tests.Augmentation;

/// <summary>The augmenter's marker and weight columns, read by ExpressionCnn in an ML.NET pipeline.</summary>
public class AugmenterToClassifierTests
{
    static ExpressionCnnOptions Cnn() => new()
    {
        Channels = 1, Height = 16, Width = 16, Scale = PixelScale.ZeroTo255,
        Architecture = CnnArchitecture.Small, Epochs = 2, BatchSize = 8, Augment = true, MaxShift = 1,
        SubjectColumnName = "Subject", ValidationFraction = 0.2, Seed = 5, Threads = 1,
    };

    [Fact]
    public void ThePipelineChecksTheDeclaredColumnsAndShareZeroEqualsTheInputAlone()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = KeyedView(ml, Rows(30));
        var augmenter = ml.Transforms.AugmentWithExprGan(Options(generator, 40) with { SyntheticWeight = 0.5f });
        var capped = Cnn() with
        {
            ExampleWeightColumnName = AugmentedColumns.Weight,
            SyntheticColumnName = AugmentedColumns.IsSynthetic,
            SyntheticShare = 0,
        };
        // An estimator chain checks shapes before fitting: the CNN finds the weight and marker columns the augmenter declares.
        using var chained = augmenter.Append(ml.MulticlassClassification.Trainers.ExpressionCnn(capped with { SyntheticShare = 0.5 }), TransformerScope.Training).Fit(input);
        var half = chained.LastTransformer;
        Assert.InRange(half.Training.SyntheticRows, 1, 39);                 // edits of the held-out subject are dropped
        Assert.True(half.Training.SyntheticRowsSeen > 0);

        using var augmented = augmenter.Fit(input);
        using var withSynthetic = ml.MulticlassClassification.Trainers.ExpressionCnn(capped).Fit(augmented.Transform(input));
        using var alone = ml.MulticlassClassification.Trainers.ExpressionCnn(Cnn()).Fit(input);
        Assert.Equal(alone.Transform(input).GetColumn<float[]>("Score").ToArray(), withSynthetic.Transform(input).GetColumn<float[]>("Score").ToArray());
        Assert.Equal(0, withSynthetic.Training.SyntheticRowsSeen);
    }
}
