using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace Augment.Augmentation;

/// <summary>
/// How an image vector column holds pixels, in ML.NET's ExtractPixels terms: value = (pixel - Offset) * Scale
/// for a pixel level in 0..255; planar (C x H x W) or interleaved (H x W x C); ChannelOrder[j] = the generator
/// channel (R, G, B = 0, 1, 2) stored as the vector's j-th channel. Synthetic rows are written back in exactly
/// this layout, rounded to whole pixel levels when <see cref="Quantize"/> is set, so later transforms and
/// trainers cannot tell them from real rows.
/// </summary>
public sealed record PixelLayout(float Scale, float Offset, bool Interleaved = false, IReadOnlyList<int>? ChannelOrder = null, bool Quantize = false)
{
    /// <summary>
    /// The layout ExtractPixels produces with these settings (same parameters and defaults as
    /// <c>mlContext.Transforms.ExtractPixels</c>). Synthetic values are quantized to the 256 levels real pixels have.
    /// A grayscale generator wants exactly one color (e.g. ConvertToGrayscale, then ColorBits.Red).
    /// </summary>
    public static PixelLayout FromExtractPixels(ColorBits colorsToExtract = ColorBits.Rgb, ColorsOrder orderOfExtraction = ColorsOrder.ARGB,
        bool interleavePixelColors = false, float offsetImage = 0f, float scaleImage = 1f, bool outputAsFloatArray = true)
    {
        if (!outputAsFloatArray && (offsetImage != 0f || scaleImage != 1f))
            throw new ArgumentException("ExtractPixels ignores offset and scale when outputAsFloatArray is false; give offset 0 and scale 1.");
        var extracted = orderOfExtraction.ToString().Where(ch => Has(colorsToExtract, ch)).ToArray();
        IReadOnlyList<int>? order = null;
        if (extracted.Length == 3 && !extracted.Contains('A'))
            order = extracted.Select(ch => "RGB".IndexOf(ch)).ToArray();
        else if (extracted.Length > 3 || (extracted.Length > 1 && extracted.Contains('A')))
            throw new ArgumentException($"ExtractPixels with {colorsToExtract} gives {extracted.Length} channels including alpha; an ExprGAN generator takes RGB (3) or grayscale (1).");
        return new PixelLayout(scaleImage, offsetImage, interleavePixelColors, order, Quantize: true);
    }

    /// <summary>
    /// A float vector whose black pixel is <paramref name="black"/> and white pixel <paramref name="white"/>,
    /// e.g. FromRange(-1, 1) for Augment FaceSet tensors or FromRange(0, 1). Not quantized unless asked.
    /// </summary>
    public static PixelLayout FromRange(float black, float white, bool interleaved = false, bool quantize = false)
    {
        if (!(white != black) || !float.IsFinite(black) || !float.IsFinite(white))
            throw new ArgumentException($"PixelLayout.FromRange: black ({black}) and white ({white}) must be finite and differ.");
        var scale = (white - black) / 255f;
        return new PixelLayout(scale, -black / scale, interleaved, null, quantize);
    }

    /// <summary>The value a pixel level (0..255, fractional allowed) takes in this layout.</summary>
    public float ValueOf(float pixel) => (pixel - Offset) * Scale;

    internal void Validate()
    {
        if (Scale == 0f || !float.IsFinite(Scale) || !float.IsFinite(Offset))
            throw new ArgumentException($"PixelLayout: scale {Scale} and offset {Offset} must be finite, scale non-zero.");
        if (ChannelOrder != null && !ChannelOrder.OrderBy(c => c).SequenceEqual(Enumerable.Range(0, ChannelOrder.Count)))
            throw new ArgumentException($"PixelLayout.ChannelOrder [{string.Join(", ", ChannelOrder)}] is not a permutation of 0..{ChannelOrder.Count - 1}.");
    }

    public override string ToString() =>
        $"(pixel - {Offset}) * {Scale}, {(Interleaved ? "interleaved HxWxC" : "planar CxHxW")}" +
        (ChannelOrder == null ? "" : $", channels [{string.Join(",", ChannelOrder.Select(c => "RGB"[c]))}]") + (Quantize ? ", quantized" : "");

    static bool Has(ColorBits bits, char ch) => ch switch
    {
        'A' => bits.HasFlag(ColorBits.Alpha),
        'R' => bits.HasFlag(ColorBits.Red),
        'G' => bits.HasFlag(ColorBits.Green),
        'B' => bits.HasFlag(ColorBits.Blue),
        _ => false,
    };
}
