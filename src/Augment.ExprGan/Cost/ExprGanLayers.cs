using Augment.ExprGan.Model;

namespace Augment.ExprGan.Cost;

/// <summary>
/// The convolution and linear layers of every ExprGAN network, derived from the architecture the same way the
/// modules build them (Encoder, Decoder, ImageDiscriminator, ExpressionRegularizer, IdentityDiscriminator), and of the
/// identity network's ResNet18 trunk. FLOPs = 2 x multiply-adds.
/// </summary>
public static class ExprGanLayers
{
    public static IReadOnlyList<LayerShape> Encoder(ExprGanArchitecture a)
    {
        var layers = new List<LayerShape>();
        long size = a.ImageSize, input = a.Channels;
        for (var i = 0; i < a.EncoderWidths.Length; i++)
        {
            layers.Add(LayerShape.Conv($"encoder.convs.{i}", input, a.EncoderWidths[i], a.EncoderKernel, 2, a.EncoderKernel / 2, size));
            size /= 2;
            input = a.EncoderWidths[i];
        }
        layers.Add(LayerShape.Linear("encoder.fc", input * a.StartSize * a.StartSize, a.ZDim));
        return layers;
    }

    /// <summary>The decoder of either design: identity-preserving adds encoder skip maps to the first SkipLevels inputs and a mask head.</summary>
    public static IReadOnlyList<LayerShape> Decoder(ExprGanArchitecture a)
    {
        var code = a.CodeSize;
        var levels = a.EncoderWidths.Length;
        long size = a.StartSize, input = a.EncoderWidths[^1];
        var layers = new List<LayerShape> { LayerShape.Linear("decoder.fc", a.ZDim + (long)a.CodeTiling * code, input * size * size) };
        if (a.SkipsInto(0)) input += a.EncoderWidths[^1];
        for (var i = 0; i < a.DecoderWidths.Length; i++)
        {
            size *= 2;   // nearest x2 upsample before each conv
            layers.Add(LayerShape.Conv($"decoder.ups.{i}", input + code, a.DecoderWidths[i], 3, 1, 1, size));
            input = a.DecoderWidths[i] + (i < levels - 1 && a.SkipsInto(i + 1) ? a.EncoderWidths[levels - 2 - i] : 0);
        }
        layers.Add(LayerShape.Conv("decoder.penultimate", a.PenultimateInput((int)input) + code, ExprGanArchitecture.PenultimateWidth, 3, 1, 1, size));
        layers.Add(LayerShape.Conv("decoder.output", ExprGanArchitecture.PenultimateWidth + code, a.Channels, 3, 1, 1, size));
        if (a.HasMask) layers.Add(LayerShape.Conv("decoder.mask", ExprGanArchitecture.PenultimateWidth + code, 1, 3, 1, 1, size));
        return layers;
    }

    /// <summary>D_img's trunk and its adversarial head.</summary>
    public static IReadOnlyList<LayerShape> ImageDiscriminator(ExprGanArchitecture a)
    {
        var layers = new List<LayerShape>();
        long size = a.ImageSize, input = a.Channels;
        for (var i = 0; i < a.DiscriminatorWidths.Length; i++)
        {
            layers.Add(LayerShape.Conv($"d_img.convs.{i}", input + a.Classes, a.DiscriminatorWidths[i], 5, 2, 2, size));
            size /= 2;
            input = a.DiscriminatorWidths[i];
        }
        layers.Add(LayerShape.Linear("d_img.fc", (input + a.Classes) * size * size, a.DiscriminatorFc));
        layers.Add(LayerShape.Linear("d_img.adversarial", a.DiscriminatorFc + a.Classes, 1));
        return layers;
    }

    /// <summary>Q on D_img's trunk features: shared fc, then per class fc and output.</summary>
    public static IReadOnlyList<LayerShape> Regularizer(ExprGanArchitecture a)
    {
        var layers = new List<LayerShape> { LayerShape.Linear("q.fc", a.DiscriminatorFc + a.Classes, a.RegularizerFc) };
        for (var k = 0; k < a.Classes; k++)
        {
            layers.Add(LayerShape.Linear($"q.heads.{k}.fc", a.RegularizerFc, a.RegularizerClassFc));
            layers.Add(LayerShape.Linear($"q.heads.{k}.out", a.RegularizerClassFc, a.CodeDims));
        }
        return layers;
    }

    public static IReadOnlyList<LayerShape> IdentityDiscriminator(ExprGanArchitecture a)
    {
        var layers = new List<LayerShape>();
        long input = a.ZDim;
        var widths = a.IdentityDiscriminatorHidden;
        for (var i = 0; i < widths.Length; i++)
        {
            layers.Add(LayerShape.Linear($"d_z.fcs.{i}", input, widths[i]));
            input = widths[i];
        }
        layers.Add(LayerShape.Linear("d_z.output", input, 1));
        return layers;
    }

    /// <summary>
    /// The CNTK ResNet18 trunk of phi (Identity/CntkResNet) on RGB input of side <paramref name="size"/>, up to the
    /// last stage <paramref name="stages"/> (1-4) that the selected feature maps need; blocks per stage as shipped ([2, 2, 2, 3]).
    /// </summary>
    public static IReadOnlyList<LayerShape> ResNet18(long size, int stages = 4, IReadOnlyList<int>? blocksPerStage = null)
    {
        var blocks = blocksPerStage ?? [2, 2, 2, 3];
        long[] widths = [64, 128, 256, 512];
        var layers = new List<LayerShape> { LayerShape.Conv("phi.conv1", 3, 64, 7, 2, 3, size) };
        size = (size + 1) / 2;           // stem conv, stride 2 (CNTK same-padding)
        size = (size + 1) / 2;           // 3x3/2 max-pool
        long input = 64;
        for (var s = 0; s < stages; s++)
            for (var b = 0; b < blocks[s]; b++)
            {
                var stride = s > 0 && b == 0 ? 2 : 1;
                var name = $"phi.layer{s + 1}.{b}";
                layers.Add(LayerShape.Conv($"{name}.conv1", input, widths[s], 3, stride, 1, size));
                var outSize = stride == 2 ? (size + 1) / 2 : size;
                layers.Add(LayerShape.Conv($"{name}.conv2", widths[s], widths[s], 3, 1, 1, outSize));
                if (stride != 1 || input != widths[s]) layers.Add(LayerShape.Conv($"{name}.downsample", input, widths[s], 1, stride, 0, size));
                size = outSize;
                input = widths[s];
            }
        return layers;
    }

    /// <summary>
    /// Forward FLOPs of one image through the networks every training step runs (encoder, decoder, D_img, and phi's
    /// ResNet18 stem to layer2 at the image's side when the identity loss is on): a training step costs a fixed
    /// multiple of it, so its ratio between two architectures is the ratio of their training costs, to within how
    /// efficiently each runs (larger convolutions run at more FLOP/s).
    /// </summary>
    public static double TrainingFlopsPerImage(ExprGanArchitecture a, bool identityNetwork) =>
        ForwardFlops([.. Encoder(a), .. Decoder(a), .. ImageDiscriminator(a), .. identityNetwork ? ResNet18(a.ImageSize, stages: 2) : []]);

    /// <summary>Forward FLOPs of one edit (encoder and decoder): what rendering a synthetic image costs, to within how
    /// efficiently each architecture runs.</summary>
    public static double GeneratorFlopsPerImage(ExprGanArchitecture a) => ForwardFlops([.. Encoder(a), .. Decoder(a)]);

    /// <summary>2 x forward multiply-adds of one image.</summary>
    public static double ForwardFlops(IReadOnlyList<LayerShape> layers) => 2.0 * PassKind.Forward.MultiplyAdds(layers);
}
