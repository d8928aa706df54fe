using Augment.Augmentation;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Augment.Tests.Augmentation.AugmentFixtures;

namespace Augment.Tests.Augmentation;

public class AugmenterSchemaTests
{
    readonly MLContext _ml = new(1);

    Exception Refusal(IDataView input, Func<ExprGanAugmentOptions, ExprGanAugmentOptions>? change = null, int channels = 1)
    {
        using var generator = Generator(channels);
        var options = (change ?? (o => o))(Options(generator, 10));
        return Record.Exception(() => _ml.Transforms.AugmentWithExprGan(options).Fit(input))
            ?? throw new Xunit.Sdk.XunitException("the augmenter accepted the input");
    }

    [Fact]
    public void MissingColumnsAreNamed()
    {
        var input = KeyedView(_ml, Rows(4));
        var e = Assert.IsType<ArgumentOutOfRangeException>(Refusal(input, o => o with { ImageColumn = "Pixels" }));
        Assert.Contains("no image column 'Pixels'", e.Message);
        Assert.Contains("Features", e.Message);                                  // lists what there is
        e = Assert.IsType<ArgumentOutOfRangeException>(Refusal(input, o => o with { LabelColumn = "Emotion" }));
        Assert.Contains("no label column 'Emotion'", e.Message);
    }

    [Fact]
    public void WrongImageSizeOrTypeIsRefused()
    {
        var rgb = KeyedView(_ml, Rows(4, channels: 3), channels: 3);
        var e = Refusal(rgb);                                                   // grayscale generator, RGB data
        Assert.Contains("holds 768 values", e.Message);
        Assert.Contains("1 x 16 x 16", e.Message);

        var text = _ml.Data.LoadFromEnumerable(Rows(4).Select(r => new { Features = "x", r.Label }));
        e = Refusal(text);
        Assert.Contains("image column 'Features' has type", e.Message);

        var planar = KeyedView(_ml, Rows(4, channels: 3), channels: 3);        // dims say C x H x W, options say interleaved
        e = Refusal(planar, o => o with { Layout = PixelLayout.FromExtractPixels(interleavePixelColors: true) }, channels: 3);
        Assert.Contains("interleaved", e.Message);
    }

    [Fact]
    public void KeyClassesTheGeneratorDoesNotKnowAreNamed()
    {
        var rows = Rows(8, labels: ["happy", "contempt", "sad", "neutral"]);
        var e = Refusal(KeyedView(_ml, rows));
        Assert.Contains("'contempt'", e.Message);
        Assert.Contains("'neutral'", e.Message);
        Assert.DoesNotContain("'sad'", e.Message);
    }

    sealed class KeyRow
    {
        [VectorType(256)] public float[] Features { get; set; } = new float[256];
        public uint Label { get; set; }
    }

    [Fact]
    public void KeysWithoutNamesMustMatchTheClassCount()
    {
        var schema = SchemaDefinition.Create(typeof(KeyRow));
        schema[nameof(KeyRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), 5);
        var input = _ml.Data.LoadFromEnumerable(Enumerable.Range(1, 5).Select(k => new KeyRow { Label = (uint)k }), schema);
        var e = Refusal(input);
        Assert.Contains("has 5 keys and no key values", e.Message);
        Assert.Contains("6 classes", e.Message);
    }

    [Fact]
    public void TextAndIndexLabelsTheGeneratorDoesNotKnowAreNamedWithTheirRow()
    {
        var e = Assert.IsType<InvalidOperationException>(Refusal(View(_ml, Rows(6, labels: ["happy", "sad", "bored"]))));
        Assert.Contains("row 2", e.Message);
        Assert.Contains("'bored'", e.Message);

        var indexed = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new IndexRow { Label = i }));
        e = Assert.IsType<InvalidOperationException>(Refusal(indexed));
        Assert.Contains("row 6", e.Message);
        Assert.Contains("0..5", e.Message);
    }

    sealed class IndexRow
    {
        [VectorType(256)] public float[] Features { get; set; } = new float[256];
        public int Label { get; set; }
    }

    [Fact]
    public void EstimatorShapeCheckAddsFourColumnsOrNamesTheProblem()
    {
        using var generator = Generator();
        var estimator = _ml.Transforms.AugmentWithExprGan(Options(generator, 3));
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label").Append(estimator);
        var shape = pipeline.GetOutputSchema(InputShape());
        Assert.Contains(shape, c => c.Name == AugmentedColumns.IsSynthetic && c.ItemType == BooleanDataViewType.Instance);
        Assert.Contains(shape, c => c.Name == AugmentedColumns.Intensity && c.ItemType == NumberDataViewType.Single);
        Assert.Contains(shape, c => c.Name == AugmentedColumns.SourceRow && c.ItemType == NumberDataViewType.Int64);
        Assert.Contains(shape, c => c.Name == AugmentedColumns.Weight && c.ItemType == NumberDataViewType.Single && c.Kind == SchemaShape.Column.VectorKind.Scalar);

        var noLabel = _ml.Transforms.AugmentWithExprGan(Options(generator, 3) with { LabelColumn = "Nope" });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => noLabel.GetOutputSchema(InputShape()));
        Assert.Contains("no label column 'Nope'", e.Message);
    }

    /// <summary>What the estimator promises from shapes is what the fitted augmenter gives: names, order, kinds, types, annotations.</summary>
    [Fact]
    public void EstimatorShapeIsTheFittedSchema()
    {
        using var generator = Generator();
        var input = KeyedView(_ml, Rows(4));
        var estimator = _ml.Transforms.AugmentWithExprGan(Options(generator, 3) with { SyntheticColumn = "Fake", WeightColumn = "W" });
        var promised = estimator.GetOutputSchema(ShapeOf(input.Schema));
        using var transformer = estimator.Fit(input);
        Assert.Equal(Describe(ShapeOf(transformer.GetOutputSchema(input.Schema))), Describe(promised));
        Assert.Equal(["Fake", AugmentedColumns.Intensity, AugmentedColumns.SourceRow, "W"], promised.TakeLast(4).Select(c => c.Name));
    }

    /// <summary>ML.NET's own schema-to-shape conversion (internal, so by reflection), the reference for the estimator's.</summary>
    static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(DataViewSchema)])!
            .Invoke(null, [schema])!;

    static string[] Describe(SchemaShape shape) =>
        shape.Select(c => $"{c.Name} {c.Kind} {c.ItemType} key={c.IsKey} [{string.Join(",", c.Annotations.Select(a => $"{a.Name}:{a.Kind}:{a.ItemType}"))}]").ToArray();

    SchemaShape InputShape() => FeaturesAndTextLabelShape(_ml);

    [Fact]
    public void OptionsAreCheckedWhenTheEstimatorIsMade()
    {
        Assert.Contains("set Generator", Assert.Throws<ArgumentException>(() => new ExprGanAugmentingEstimator(
            new ExprGanAugmentOptions { Layout = PixelLayout.FromExtractPixels(), SyntheticCount = 3 })).Message);
        using var generator = Generator();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExprGanAugmentingEstimator(Options(generator, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExprGanAugmentingEstimator(Options(generator, 3) with { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExprGanAugmentingEstimator(Options(generator, 3) with { Intensity = IntensitySampler.Uniform(0.5f, 1.5f) }));
        Assert.Throws<FileNotFoundException>(() => new ExprGanAugmentingEstimator(Options(generator, 3) with { Generator = null, GeneratorPath = "/nonexistent/g.onnx" }));
    }
}
