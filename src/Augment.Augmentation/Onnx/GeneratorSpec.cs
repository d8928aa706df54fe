namespace Augment.Augmentation.Onnx;

/// <summary>
/// The generator's shape as ARCHITECTURE.md fixes it (encoder n x [conv k stride 2 -> ReLU] -> fc -> tanh;
/// decoder fc -> ReLU, n x [nearest x2 -> conv 3x3 -> ReLU], conv 3x3 -> 16, conv 3x3 -> C, tanh; the code c
/// concatenated as constant channels after every stage). Enough to build the ONNX graph and count FLOPs.
/// </summary>
public sealed record GeneratorSpec(int Channels, int ImageSize, int ZDim, int CodeDims, IReadOnlyList<string> ClassNames,
    IReadOnlyList<int> EncoderWidths, IReadOnlyList<int> DecoderWidths, int CodeTiling = 8, int EncoderKernel = 5)
{
    public const int PenultimateWidth = 16;

    public int Classes => ClassNames.Count;
    public int CodeSize => Classes * CodeDims;
    public int Stages => EncoderWidths.Count;
    /// <summary>Side of the smallest feature map, ImageSize / 2^n.</summary>
    public int StartSize => ImageSize >> Stages;

    public void Validate()
    {
        if (EncoderWidths.Count == 0 || EncoderWidths.Count != DecoderWidths.Count)
            throw new ArgumentException($"Generator spec: {EncoderWidths.Count} encoder and {DecoderWidths.Count} decoder widths; they must be equal and non-zero.");
        if (ImageSize % (1 << Stages) != 0)
            throw new ArgumentException($"Generator spec: image size {ImageSize} is not divisible by 2^{Stages}.");
        if (Classes < 2 || CodeDims < 1 || ZDim < 1 || Channels < 1 || CodeTiling < 1 || EncoderKernel % 2 != 1)
            throw new ArgumentException($"Generator spec is inconsistent: {this}.");
    }

    /// <summary>
    /// Multiply-adds x 2 of one image's forward pass (encode + decode) through convolutions and linear layers;
    /// activations, resizes and concatenations are not counted.
    /// </summary>
    public long ForwardFlops()
    {
        long flops = 0;
        int size = ImageSize, inCh = Channels;
        foreach (var w in EncoderWidths)
        {
            size /= 2;
            flops += 2L * inCh * EncoderKernel * EncoderKernel * w * size * size;
            inCh = w;
        }
        long flat = (long)EncoderWidths[^1] * StartSize * StartSize;
        flops += 2L * flat * ZDim;                                    // encoder.fc
        flops += 2L * (ZDim + CodeTiling * CodeSize) * flat;          // decoder.fc
        inCh = EncoderWidths[^1];
        size = StartSize;
        foreach (var w in DecoderWidths)
        {
            size *= 2;
            flops += 2L * (inCh + CodeSize) * 9 * w * size * size;
            inCh = w;
        }
        flops += 2L * (inCh + CodeSize) * 9 * PenultimateWidth * size * size;
        flops += 2L * (PenultimateWidth + CodeSize) * 9 * Channels * size * size;
        return flops;
    }
}
