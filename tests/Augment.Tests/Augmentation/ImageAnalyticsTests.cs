using Augment.Augmentation;
using Augment.Augmentation.Generation;
using Augment.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;
using static Augment.Tests.Augmentation.AugmentFixtures;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace Augment.Tests.Augmentation;

/// <summary>PNG files -> LoadImages -> ResizeImages -> (ConvertToGrayscale) -> ExtractPixels -> augmenter, in three pixel layouts.</summary>
public sealed class ImageAnalyticsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("augment-png-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    sealed class ImageRow
    {
        public string Path { get; set; } = "";
        public string Label { get; set; } = "";
    }

    /// <summary>Writes 20x20 PNGs (resized to 16x16 by the pipeline) with labels cycling through five classes.</summary>
    ImageRow[] WritePngs(int count, bool gray)
    {
        var random = new Random(5);
        string[] labels = ["happy", "sad", "surprise", "anger", "fear"];
        return Enumerable.Range(0, count).Select(i =>
        {
            using var bitmap = new SKBitmap(new SKImageInfo(20, 20, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
            for (int y = 0; y < 20; y++)
                for (int x = 0; x < 20; x++)
                {
                    byte v = (byte)random.Next(256);
                    bitmap.SetPixel(x, y, gray ? new SKColor(v, v, v) : new SKColor(v, (byte)random.Next(256), (byte)(x * 12)));
                }
            var path = System.IO.Path.Combine(_folder, $"face{i:00}.png");
            using (var file = File.Create(path)) bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
            return new ImageRow { Path = path, Label = labels[i % labels.Length] };
        }).ToArray();
    }

    public record Case(string Name, int Channels, ColorBits Colors, ColorsOrder Order, bool Interleave, float Offset, float Scale);

    public static TheoryData<string> Cases => new() { "gray 0..255", "rgb planar 1/255", "bgr interleaved [-1,1]" };

    static Case Get(string name) => name switch
    {
        "gray 0..255" => new(name, 1, ColorBits.Red, ColorsOrder.ARGB, false, 0f, 1f),
        "rgb planar 1/255" => new(name, 3, ColorBits.Rgb, ColorsOrder.ARGB, false, 0f, 1f / 255),
        _ => new(name, 3, ColorBits.Rgb, ColorsOrder.ABGR, true, 127.5f, 1f / 127.5f),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SyntheticRowsComeOutInTheInputsLayoutAndScale(string caseName)
    {
        var c = Get(caseName);
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(WritePngs(10, gray: c.Channels == 1));
        var resize = ml.Transforms.LoadImages("Image", _folder, "Path").Append(ml.Transforms.ResizeImages("Small", 16, 16, "Image"));
        var pixelsFrom = c.Channels == 1 ? "Gray" : "Small";
        IEstimator<ITransformer> images = c.Channels == 1 ? resize.Append(ml.Transforms.ConvertToGrayscale("Gray", "Small")) : resize;
        var prepared = images
            .Append(ml.Transforms.ExtractPixels("Features", pixelsFrom, c.Colors, c.Order, c.Interleave, c.Offset, c.Scale))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Fit(data).Transform(data);

        using var generator = Generator(c.Channels, seed: 12);
        var options = Options(generator, 17, batch: 8) with
        {
            Layout = PixelLayout.FromExtractPixels(c.Colors, c.Order, c.Interleave, c.Offset, c.Scale),
        };
        var augmented = ml.Transforms.AugmentWithExprGan(options).Fit(prepared).Transform(prepared);
        Assert.Equal(prepared.Schema["Features"].Type, augmented.Schema["Features"].Type);

        var real = ReadAll(prepared, "Features").Select(r => (float[])r[0]).ToArray();
        var rows = ReadAll(augmented, "Features", "Label", AugmentedColumns.SourceRow, AugmentedColumns.Intensity);
        Assert.Equal(27, rows.Count);
        for (int i = 0; i < 10; i++) Assert.Equal(real[i], (float[])rows[i][0]);

        VBuffer<ReadOnlyMemory<char>> keyNames = default;
        augmented.Schema["Label"].GetKeyValues(ref keyNames);
        var names = keyNames.DenseValues().Select(n => n.ToString()).ToArray();
        using var renderer = new TorchExpressionRenderer(generator, ownsGenerator: false);
        var size = real[0].Length;
        foreach (var row in rows.Skip(10))
        {
            var synthetic = (float[])row[0];
            var source = real[(long)row[2]];
            var target = Expressions.Paper.ToList().IndexOf(Expressions.Canonical(names[(uint)row[1] - 1])!);
            var expected = new float[size];
            renderer.Render(ToGenerator(source, c), [target], [(float)row[3]], expected);
            var expectedVector = FromGenerator(expected, c);
            for (int j = 0; j < size; j++)
            {
                var level = synthetic[j] / c.Scale + c.Offset;
                Assert.True(Math.Abs(level - MathF.Round(level)) < 1e-3, $"{c.Name}: value {synthetic[j]} is not a whole pixel level");
                Assert.True(Math.Abs(synthetic[j] - expectedVector[j]) <= c.Scale * 1.001f,
                    $"{c.Name}: value {j} is {synthetic[j]}, the generator gives {expectedVector[j]}");
            }
        }
    }

    /// <summary>Index of the generator's planar (channel, pixel) value for vector index v, written out independently of PixelCodec.</summary>
    static int GeneratorIndex(int v, Case c)
    {
        const int pixels = 16 * 16;
        if (!c.Interleave) return v;                        // planar RGB (or one gray plane), same order
        int pixel = v / 3, channel = v % 3;                 // interleaved B, G, R
        return (2 - channel) * pixels + pixel;
    }

    static float[] ToGenerator(float[] vector, Case c)
    {
        var g = new float[vector.Length];
        for (int v = 0; v < vector.Length; v++) g[GeneratorIndex(v, c)] = (vector[v] / c.Scale + c.Offset) / 127.5f - 1f;
        return g;
    }

    static float[] FromGenerator(float[] g, Case c)
    {
        var vector = new float[g.Length];
        for (int v = 0; v < g.Length; v++) vector[v] = ((g[GeneratorIndex(v, c)] + 1f) * 127.5f - c.Offset) * c.Scale;
        return vector;
    }
}
