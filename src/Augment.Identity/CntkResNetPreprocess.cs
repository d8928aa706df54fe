using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// Reads ResNetPreprocess.onnx, the input stage ML.NET puts before the CNTK ResNet18: planar RGB in 0..255 is
/// split into channels, concatenated as BGR, and a 1 x 3 x 224 x 224 mean image is subtracted (no std division).
/// The per-channel means used at other sizes are computed from that image, not typed in.
/// </summary>
public static class CntkResNetPreprocess
{
    public static ImageNormalizer CreateNormalizer(string preprocessPath)
    {
        using var meanImage = ReadMeanImage(preprocessPath);
        using var channelMeans = meanImage.mean([0, 2, 3]);
        var means = channelMeans.data<float>().ToArray();
        return new ImageNormalizer("preprocess", new ImagePreprocessing(255f, ChannelOrder.Bgr, means, [1f, 1f, 1f]), meanImage);
    }

    /// <summary>The mean image in BGR order, after checking that the graph is Split -> Concat(B, G, R) -> Sub(mean).</summary>
    public static Tensor ReadMeanImage(string preprocessPath)
    {
        var g = OnnxGraphReader.Open(preprocessPath);
        var input = g.DataInput();
        var split = g.SingleConsumer(input.Name, "Split");
        if (split.Output.Count != 3 || g.Int(split, "axis", 0) != 1)
            throw new InvalidDataException($"{preprocessPath}: expected the input split into 3 channels on axis 1.");
        var concat = g.SingleConsumer(split.Output[0], "Concat");
        if (!concat.Input.SequenceEqual(split.Output.Reverse()))
            throw new InvalidDataException($"{preprocessPath}: expected the channels concatenated in reverse (RGB to BGR), got {string.Join(", ", concat.Input)}.");
        var sub = g.SingleConsumer(concat.Output[0], "Sub");
        if (sub.Input.Count != 2 || sub.Input[0] != concat.Output[0] || !g.IsInitializer(sub.Input[1]))
            throw new InvalidDataException($"{preprocessPath}: expected Sub(BGR image, constant mean image), got Sub({string.Join(", ", sub.Input)}).");
        var mean = g.Weight(sub.Input[1]);
        if (mean.dim() != 4 || mean.shape[0] != 1 || mean.shape[1] != 3)
        {
            var shape = string.Join(", ", mean.shape);
            mean.Dispose();
            throw new InvalidDataException($"{preprocessPath}: mean image has shape [{shape}], expected 1 x 3 x H x W.");
        }
        return mean;
    }
}
