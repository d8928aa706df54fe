using Augment.Augmentation;
using Augment.Augmentation.Generation;
using Augment.Augmentation.Onnx;
using Augment.ExprGan.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Augment.Tests.Augmentation.AugmentFixtures;

namespace Augment.Tests.Augmentation;

public class OnnxParityTests
{
    const float Tolerance = 1e-4f;

    /// <summary>Random sources in [-1, 1], targets and intensities for n images.</summary>
    static (float[] Sources, int[] Targets, float[] Intensities) Batch(int n, int size, int classes, int seed)
    {
        var random = new Random(seed);
        return (Enumerable.Range(0, n * size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
            Enumerable.Range(0, n).Select(_ => random.Next(classes)).ToArray(),
            Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray());
    }

    static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    [Theory]
    [InlineData(1, GeneratorDesign.Paper, false, DecoderUpsampling.Nearest)]
    [InlineData(3, GeneratorDesign.Paper, false, DecoderUpsampling.Nearest)]
    [InlineData(1, GeneratorDesign.IdentityPreserving, false, DecoderUpsampling.Nearest)]
    [InlineData(3, GeneratorDesign.IdentityPreserving, false, DecoderUpsampling.Nearest)]
    [InlineData(3, GeneratorDesign.IdentityPreserving, true, DecoderUpsampling.Nearest)]
    [InlineData(1, GeneratorDesign.Paper, false, DecoderUpsampling.Bilinear)]
    [InlineData(1, GeneratorDesign.IdentityPreserving, true, DecoderUpsampling.Bilinear)]
    [InlineData(1, GeneratorDesign.IdentityPreserving, true, DecoderUpsampling.Mixed)]
    public void OnnxRuntimeMatchesTorchSharp(int channels, GeneratorDesign design, bool inputSkip, DecoderUpsampling upsampling)
    {
        using var generator = Generator(channels, design: design, inputSkip: inputSkip, upsampling: upsampling);
        var info = generator.Info;
        int n = 7, size = channels * info.Height * info.Width;
        var (sources, targets, intensities) = Batch(n, size, info.Classes, seed: channels);
        using var torchRenderer = new TorchExpressionRenderer(generator, ownsGenerator: false);
        var expected = new float[n * size];
        torchRenderer.Render(sources, targets, intensities, expected);

        var path = Path.Combine(Path.GetTempPath(), $"augment-parity-{Environment.ProcessId}-{channels}-{design}-{inputSkip}-{upsampling}.onnx");
        try
        {
            ExprGanOnnxExporter.Export(generator, path);
            using var onnx = new OnnxExpressionRenderer(path);
            Assert.Equal(info.ClassNames, onnx.Info.ClassNames);
            Assert.Equal((info.Channels, info.Height, info.Width, info.ZDim, info.CodeDims),
                (onnx.Info.Channels, onnx.Info.Height, onnx.Info.Width, onnx.Info.ZDim, onnx.Info.CodeDims));
            var actual = new float[n * size];
            onnx.Render(sources, targets, intensities, actual);
            var max = MaxDifference(expected, actual);
            Assert.True(max <= Tolerance, $"ONNX Runtime vs TorchSharp: max abs difference {max}");
            Assert.True(expected.Select(Math.Abs).Max() > 1e-3, "the outputs are all zero, the comparison would prove nothing");
        }
        finally { File.Delete(path); }
    }

    sealed class GeneratorInput
    {
        public float[] Image { get; set; } = [];
        public float[] Target { get; set; } = [];
        public float[] Intensity { get; set; } = [];
    }

    sealed class GeneratorOutput
    {
        public float[] Output { get; set; } = [];
    }

    [Fact]
    public void ApplyOnnxModelMatchesTorchSharp()
    {
        using var generator = Generator(channels: 3);
        var info = generator.Info;
        int n = 5, size = info.Channels * info.Height * info.Width, k = info.Classes, d = info.CodeDims;
        var (sources, targets, intensities) = Batch(n, size, k, seed: 9);
        using var torchRenderer = new TorchExpressionRenderer(generator, ownsGenerator: false);
        var expected = new float[n * size];
        torchRenderer.Render(sources, targets, intensities, expected);

        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, n).Select(i => new GeneratorInput
        {
            Image = sources[(i * size)..((i + 1) * size)],
            Target = Enumerable.Range(0, k).Select(c => c == targets[i] ? 1f : 0f).ToArray(),
            Intensity = Enumerable.Repeat(intensities[i], d).ToArray(),
        });
        var schema = SchemaDefinition.Create(typeof(GeneratorInput));
        schema[nameof(GeneratorInput.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, info.Channels, info.Height, info.Width);
        schema[nameof(GeneratorInput.Target)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        schema[nameof(GeneratorInput.Intensity)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        foreach (var column in schema) column.ColumnName = column.ColumnName.ToLowerInvariant();   // the ONNX input names
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        using var model = new MemoryStream(ExprGanOnnxExporter.ToBytes(generator));
        var scored = ml.Transforms.ApplyOnnxModel(["output"], ["image", "target", "intensity"], model).Fit(data).Transform(data);
        var outputs = scored.GetColumn<float[]>("output").ToArray();
        Assert.Equal(n, outputs.Length);
        for (int i = 0; i < n; i++)
        {
            var max = MaxDifference(expected.AsSpan(i * size, size), outputs[i]);
            Assert.True(max <= Tolerance, $"row {i}: ApplyOnnxModel vs TorchSharp max abs difference {max}");
        }
    }

    [Fact]
    public void AugmenterGivesTheSameRowsOnBothBackends()
    {
        var ml = new MLContext(1);
        using var generator = Generator(channels: 3, seed: 4);
        var input = KeyedView(ml, Rows(6, channels: 3), channels: 3);
        var options = Options(generator, 13, batch: 4) with { Layout = PixelLayout.FromRange(0, 255) };
        var torchRows = ReadAll(ml.Transforms.AugmentWithExprGan(options).Fit(input).Transform(input), "Features", "Label", AugmentedColumns.Intensity);

        var path = Path.Combine(Path.GetTempPath(), $"augment-backend-{Environment.ProcessId}.onnx");
        try
        {
            ExprGanOnnxExporter.Export(generator, path);
            var fromFile = options with { Generator = null, GeneratorPath = path, Backend = GeneratorBackend.Onnx };
            using var transformer = ml.Transforms.AugmentWithExprGan(fromFile).Fit(input);
            Assert.Equal("ONNX Runtime cpu", transformer.Backend);
            var onnxRows = ReadAll(transformer.Transform(input), "Features", "Label", AugmentedColumns.Intensity);
            Assert.Equal(torchRows.Count, onnxRows.Count);
            for (int i = 0; i < torchRows.Count; i++)
            {
                Assert.Equal(torchRows[i][1..], onnxRows[i][1..]);
                var max = MaxDifference((float[])torchRows[i][0], (float[])onnxRows[i][0]);
                Assert.True(max <= 255 * Tolerance / 2, $"row {i}: backends differ by {max} (of 255)");
            }
        }
        finally { File.Delete(path); }
    }
}
