using Augment.Augmentation.Generation;
using Augment.ExprGan;

namespace Augment.Augmentation.Onnx;

/// <summary>Runs a generator and its ONNX export on the same random batch and reports how far apart they are.</summary>
public static class OnnxParity
{
    /// <returns>The largest absolute difference between the two outputs (images in [-1, 1]).</returns>
    public static float MaxDifference(ExprGanGenerator generator, byte[] onnxModel, int batch = 4, int seed = 1)
    {
        var info = generator.Info;
        int size = info.Channels * info.Height * info.Width;
        var random = new Random(seed);
        var sources = Enumerable.Range(0, batch * size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = Enumerable.Range(0, batch).Select(_ => random.Next(info.Classes)).ToArray();
        var intensities = Enumerable.Range(0, batch).Select(_ => (float)random.NextDouble()).ToArray();
        float[] fromTorch = new float[batch * size], fromOnnx = new float[batch * size];
        using (var torch = new TorchExpressionRenderer(generator, ownsGenerator: false))
            torch.Render(sources, targets, intensities, fromTorch);
        using (var onnx = new OnnxExpressionRenderer(onnxModel, source: "exported generator"))
            onnx.Render(sources, targets, intensities, fromOnnx);
        return fromTorch.Zip(fromOnnx).Max(p => Math.Abs(p.First - p.Second));
    }
}
