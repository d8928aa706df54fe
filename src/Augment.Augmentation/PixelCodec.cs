namespace Augment.Augmentation;

/// <summary>
/// Converts one image between a column's layout (<see cref="PixelLayout"/>) and the generator's planar
/// C x H x W floats in [-1, 1]. Pixel level p in 0..255 is g = p / 127.5 - 1 on the generator side.
/// </summary>
internal sealed class PixelCodec
{
    readonly PixelLayout _layout;
    readonly int[] _generatorIndex;   // vector index -> generator (planar) index
    readonly float _a, _b;             // g = v * a + b

    public PixelCodec(PixelLayout layout, int channels, int height, int width)
    {
        _layout = layout;
        Size = channels * height * width;
        var order = layout.ChannelOrder;
        if (order != null && order.Count != channels)
            throw new ArgumentException($"the layout holds {order.Count} channels but the generator takes {channels}" +
                (channels == 1 ? " (grayscale: ConvertToGrayscale, then ExtractPixels and PixelLayout.FromExtractPixels with ColorBits.Red)." : "."));
        _generatorIndex = new int[Size];
        for (int j = 0; j < channels; j++)
        {
            var gc = order?[j] ?? j;
            for (int h = 0; h < height; h++)
                for (int w = 0; w < width; w++)
                {
                    var v = layout.Interleaved ? (h * width + w) * channels + j : (j * height + h) * width + w;
                    _generatorIndex[v] = (gc * height + h) * width + w;
                }
        }
        _a = 1f / (127.5f * layout.Scale);
        _b = layout.Offset / 127.5f - 1f;
    }

    public int Size { get; }

    public void ToGenerator(ReadOnlySpan<float> vector, Span<float> generator)
    {
        for (int v = 0; v < Size; v++) generator[_generatorIndex[v]] = vector[v] * _a + _b;
    }

    public void ToGenerator(ReadOnlySpan<byte> vector, Span<float> generator)
    {
        for (int v = 0; v < Size; v++) generator[_generatorIndex[v]] = vector[v] / 127.5f - 1f;
    }

    public void FromGenerator(ReadOnlySpan<float> generator, Span<float> vector)
    {
        for (int v = 0; v < Size; v++) vector[v] = _layout.ValueOf(Level(generator[_generatorIndex[v]], _layout.Quantize));
    }

    public void FromGenerator(ReadOnlySpan<float> generator, Span<byte> vector)
    {
        for (int v = 0; v < Size; v++) vector[v] = (byte)Level(generator[_generatorIndex[v]], quantize: true);
    }

    /// <summary>Pixel level of a generator value, clamped to 0..255 and rounded when quantizing.</summary>
    static float Level(float g, bool quantize)
    {
        var p = Math.Clamp((g + 1f) * 127.5f, 0f, 255f);
        return quantize ? MathF.Round(p) : p;
    }
}
