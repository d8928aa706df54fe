using Augment.ExprGan.Training;
using Augment.Augmentation;
using Augment.Data;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace Augment.Tests.Augmentation;

/// <summary>One in-memory row: a face vector in 0..255 (planar), a text label, and two columns to copy.</summary>
public sealed class FaceRow
{
    public float[] Features { get; set; } = [];
    public string Label { get; set; } = "";
    public string Subject { get; set; } = "";
    public int Id { get; set; }
}

/// <summary>Tiny random-initialised generators and small labelled data views for the augmenter tests.</summary>
internal static class AugmentFixtures
{
    public static readonly IReadOnlyList<string> Six = Expressions.Paper;

    /// <summary>The tiny preset (16x16, z 8, d 2) with random weights: fast, deterministic, BN-free like any ExprGAN generator.</summary>
    sealed class Nothing;

    sealed class ShapeRow
    {
        [VectorType(256)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    /// <summary>The shape of Features (256 floats) + text Label, from public API (SchemaShape.Create is internal).</summary>
    public static SchemaShape FeaturesAndTextLabelShape(MLContext ml) =>
        ml.Transforms.CustomMapping<Nothing, ShapeRow>((_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));

    public static ExprGanGenerator Generator(int channels = 1, int seed = 7, GeneratorDesign design = GeneratorDesign.Paper, bool inputSkip = false,
        DecoderUpsampling upsampling = DecoderUpsampling.Nearest) =>
        ExprGanGenerator.Create(ExprGanPreset.Tiny.Architecture(channels, Six.Count) with
        {
            Design = design, SkipLevels = design == GeneratorDesign.Paper ? 0 : ExprGanPreset.Tiny.EncoderWidths.Length, InputSkip = inputSkip,
            Upsampling = upsampling,
        }, Six, torch.CPU, seed);

    /// <summary>Rows whose pixel levels are whole numbers 0..255 (as ExtractPixels gives) and labels cycling with a bias to 'happy'.</summary>
    public static FaceRow[] Rows(int count, int channels = 1, int size = 16, int seed = 3, string[]? labels = null)
    {
        labels ??= ["angry", "disgust", "fear", "happy", "happy", "sad", "surprise"];
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new FaceRow
        {
            Features = Enumerable.Range(0, channels * size * size).Select(_ => (float)random.Next(256)).ToArray(),
            Label = labels[i % labels.Length],
            Subject = $"S{i % 5:000}",
            Id = 1000 + i,
        }).ToArray();
    }

    /// <summary>A data view with Features as a known-size C x H x W vector (planar, as ExtractPixels makes it).</summary>
    public static IDataView View(MLContext ml, IEnumerable<FaceRow> rows, int channels = 1, int size = 16)
    {
        var schema = SchemaDefinition.Create(typeof(FaceRow));
        schema[nameof(FaceRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, channels, size, size);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>The same view with the label mapped to a key, as ML.NET pipelines hold it before a trainer.</summary>
    public static IDataView KeyedView(MLContext ml, IEnumerable<FaceRow> rows, int channels = 1)
    {
        var view = View(ml, rows, channels);
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);
    }

    public static ExprGanAugmentOptions Options(IExpressionGenerator generator, int synthetic, int seed = 11, int batch = 8) => new()
    {
        Generator = generator,
        SyntheticCount = synthetic,
        Layout = generator.Info.Channels == 1 ? PixelLayout.FromExtractPixels(ColorBits.Red) : PixelLayout.FromExtractPixels(),
        BatchSize = batch,
        Seed = seed,
    };

    /// <summary>Reads every row of the given columns through one cursor.</summary>
    public static List<object[]> ReadAll(IDataView view, params string[] columns)
    {
        var cols = columns.Select(c => view.Schema[c]).ToArray();
        var rows = new List<object[]>();
        using var cursor = view.GetRowCursor(cols);
        var getters = cols.Select(c => Getter(cursor, c)).ToArray();
        while (cursor.MoveNext()) rows.Add(getters.Select(g => g()).ToArray());
        return rows;
    }

    static Func<object> Getter(DataViewRowCursor cursor, DataViewSchema.Column column) => column.Type switch
    {
        VectorDataViewType { ItemType: var t } when t == NumberDataViewType.Single => Boxed<VBuffer<float>>(cursor, column, v => v.DenseValues().ToArray()),
        VectorDataViewType { ItemType: var t } when t == NumberDataViewType.Byte => Boxed<VBuffer<byte>>(cursor, column, v => v.DenseValues().ToArray()),
        KeyDataViewType => Boxed<uint>(cursor, column, v => v),
        TextDataViewType => Boxed<ReadOnlyMemory<char>>(cursor, column, v => v.ToString()),
        BooleanDataViewType => Boxed<bool>(cursor, column, v => v),
        _ when column.Type.RawType == typeof(float) => Boxed<float>(cursor, column, v => v),
        _ when column.Type.RawType == typeof(long) => Boxed<long>(cursor, column, v => v),
        _ when column.Type.RawType == typeof(int) => Boxed<int>(cursor, column, v => v),
        _ => throw new NotSupportedException(column.Type.ToString()),
    };

    static Func<object> Boxed<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, object> box)
    {
        var getter = cursor.GetGetter<T>(column);
        return () => { T v = default!; getter(ref v); return box(v); };
    }
}

/// <summary>Wraps a generator and counts the images it decodes, to prove what is (not) generated.</summary>
internal sealed class CountingGenerator(IExpressionGenerator inner) : IExpressionGenerator
{
    public int Decoded { get; private set; }
    public int Calls { get; private set; }
    public GeneratorInfo Info => inner.Info;
    public torch.Device Device => inner.Device;
    public torch.Tensor Encode(torch.Tensor images) => inner.Encode(images);
    public torch.Tensor Code(long[] targets, float[] intensities) => inner.Code(targets, intensities);

    public torch.Tensor Decode(torch.Tensor z, torch.Tensor code) => inner.Decode(z, code);

    public torch.Tensor Edit(torch.Tensor images, torch.Tensor code)
    {
        Calls++;
        Decoded += (int)images.shape[0];
        return inner.Edit(images, code);
    }

    public void Dispose() { }
}
