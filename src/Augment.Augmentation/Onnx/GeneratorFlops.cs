using Augment.ExprGan.Model;

namespace Augment.Augmentation.Onnx;

/// <summary>Analytic cost of one image through the generator (encode + decode).</summary>
public static class GeneratorFlops
{
    /// <summary>
    /// Multiply-adds x 2 in the convolutions and linear layers; activations, resizes and concatenations are not counted.
    /// </summary>
    public static long Forward(ExprGanArchitecture arch)
    {
        long flops = 0;
        int size = arch.ImageSize, inCh = arch.Channels, k = arch.EncoderKernel, code = arch.CodeSize;
        foreach (var w in arch.EncoderWidths)
        {
            size /= 2;
            flops += 2L * inCh * k * k * w * size * size;
            inCh = w;
        }
        long flat = (long)arch.EncoderWidths[^1] * arch.StartSize * arch.StartSize;
        flops += 2L * flat * arch.ZDim;                                       // encoder.fc
        flops += 2L * (arch.ZDim + arch.CodeTiling * code) * flat;            // decoder.fc
        foreach (var w in arch.DecoderWidths)
        {
            size *= 2;
            flops += 2L * (inCh + code) * 9 * w * size * size;
            inCh = w;
        }
        const int pen = ExprGanArchitecture.PenultimateWidth;
        flops += 2L * (inCh + code) * 9 * pen * size * size;
        flops += 2L * (pen + code) * 9 * arch.Channels * size * size;
        return flops;
    }
}
