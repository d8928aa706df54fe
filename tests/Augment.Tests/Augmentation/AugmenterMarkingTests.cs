using Augment.Augmentation;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Augment.Tests.Augmentation.AugmentFixtures;

namespace Augment.Tests.Augmentation;

/// <summary>The synthetic marker and the example weight: named by the options, declared by both schemas, filled per row.</summary>
public class AugmenterMarkingTests
{
    readonly MLContext _ml = new(1);

    SchemaShape InputShape() => FeaturesAndTextLabelShape(_ml);

    [Fact]
    public void RenamedMarkerAndWeightColumnsAreDeclaredAndFilled()
    {
        using var generator = Generator();
        var options = Options(generator, 7) with { SyntheticColumn = "Fake", WeightColumn = "W", SyntheticWeight = 0.25f };

        var shape = _ml.Transforms.Conversion.MapValueToKey("Label").Append(_ml.Transforms.AugmentWithExprGan(options)).GetOutputSchema(InputShape());
        Assert.Contains(shape, c => c.Name == "Fake" && c.ItemType == BooleanDataViewType.Instance && c.Kind == SchemaShape.Column.VectorKind.Scalar);
        Assert.Contains(shape, c => c.Name == "W" && c.ItemType == NumberDataViewType.Single && c.Kind == SchemaShape.Column.VectorKind.Scalar);
        Assert.DoesNotContain(shape, c => c.Name is AugmentedColumns.IsSynthetic or AugmentedColumns.Weight);

        var input = KeyedView(_ml, Rows(5));
        using var transformer = _ml.Transforms.AugmentWithExprGan(options).Fit(input);
        var schema = transformer.GetOutputSchema(input.Schema);
        Assert.Equal(BooleanDataViewType.Instance, schema["Fake"].Type);
        Assert.Equal(NumberDataViewType.Single, schema["W"].Type);

        var rows = ReadAll(transformer.Transform(input), "Fake", "W");
        Assert.Equal(12, rows.Count);
        Assert.All(rows.Take(5), r => Assert.Equal((false, 1f), ((bool)r[0], (float)r[1])));
        Assert.All(rows.Skip(5), r => Assert.Equal((true, 0.25f), ((bool)r[0], (float)r[1])));
    }

    [Fact]
    public void MarkerAndWeightNamesMustNotHideTheColumnsTheAugmenterReads()
    {
        using var generator = Generator();
        Assert.Contains("distinct names", Assert.Throws<ArgumentException>(() =>
            new ExprGanAugmentingEstimator(Options(generator, 3) with { WeightColumn = "Label" })).Message);
        Assert.Contains("distinct names", Assert.Throws<ArgumentException>(() =>
            new ExprGanAugmentingEstimator(Options(generator, 3) with { SyntheticColumn = "W", WeightColumn = "W" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExprGanAugmentingEstimator(Options(generator, 3) with { SyntheticWeight = -1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExprGanAugmentingEstimator(Options(generator, 3) with { SyntheticWeight = float.NaN }));
    }
}
