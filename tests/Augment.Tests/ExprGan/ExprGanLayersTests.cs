using Augment.Augmentation.Onnx;
using Augment.ExprGan.Cost;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using TorchSharp;

namespace Augment.Tests.ExprGan;

public class ExprGanLayersTests
{
    [Fact]
    public void ConvAndLinearCountMultiplyAddsPerImage()
    {
        var conv = LayerShape.Conv("c", 3, 8, 3, 1, 1, 4);                     // 3x3 same conv, 4x4 output
        Assert.Equal(4, conv.OutSize);
        Assert.Equal(3L * 9 * 8 * 16, conv.MultiplyAdds);
        var strided = LayerShape.Conv("s", 7, 16, 5, 2, 2, 64);                // 5x5/2 pad 2: 64 -> 32
        Assert.Equal(32, strided.OutSize);
        Assert.Equal(7L * 25 * 16 * 32 * 32, strided.MultiplyAdds);
        Assert.Equal(50, LayerShape.Linear("l", 10, 5).MultiplyAdds);
        Assert.Equal((16L, 7L * 25, 4L * 32 * 32), strided.Gemm(4));
    }

    [Fact]
    public void PassesCountTheBackwardProductsTheyNeed()
    {
        LayerShape a = LayerShape.Linear("a", 10, 10), b = LayerShape.Linear("b", 10, 1);
        LayerShape[] net = [a, b];
        Assert.Equal(110, PassKind.Forward.MultiplyAdds(net));
        Assert.Equal(110 + 110 + 10, PassKind.TrainWeights.MultiplyAdds(net));            // no input gradient into a
        Assert.Equal(110 + 110 + 110, PassKind.TrainWeightsAndInput.MultiplyAdds(net));
        Assert.Equal(110 + 110, PassKind.InputOnly.MultiplyAdds(net));
    }

    [Fact]
    public void EncoderAndDecoderAgreeWithTheGeneratorCount()
    {
        var arch = ExprGanPreset.Cpu.Architecture(1, 6);
        var counted = ExprGanLayers.ForwardFlops(ExprGanLayers.Encoder(arch)) + ExprGanLayers.ForwardFlops(ExprGanLayers.Decoder(arch));
        Assert.Equal(GeneratorFlops.Forward(arch), (long)counted);
    }

    /// <summary>The counted layers are the modules' own: same weight shapes (out, in, k, k or out, in), in order.</summary>
    [Fact]
    public void LayersMatchTheModulesWeightShapes()
    {
        var arch = ExprGanPreset.Tiny.Architecture(3, 4);
        using var nets = ExprGanNetworks.Create(arch, ["a", "b", "c", "d"], torch.CPU, 1);
        Check(ExprGanLayers.Encoder(arch), nets.Encoder);
        Check(ExprGanLayers.Decoder(arch), nets.Decoder);
        Check(ExprGanLayers.ImageDiscriminator(arch), nets.ImageDiscriminator);
        Check(ExprGanLayers.Regularizer(arch), nets.Regularizer);
        Check(ExprGanLayers.IdentityDiscriminator(arch), nets.IdentityDiscriminator);
    }

    [Fact]
    public void IdentityPreservingDecoderCountsSkipsAndMask()
    {
        var arch = ExprGanPreset.IdentityPreserving.Architecture(1, 6);
        using var decoder = new Decoder(arch);
        Check(ExprGanLayers.Decoder(arch), decoder);
        using var withInput = new Decoder(arch with { InputSkip = true });
        Check(ExprGanLayers.Decoder(arch with { InputSkip = true }), withInput);
    }

    [Fact]
    public void ResNet18At224CostsTheKnownTwoGigaMultiplyAdds()
    {
        // torchvision's ResNet18 is 1.81 G multiply-adds at 224; the shipped CNTK trunk has a third block in stage 4
        // (2 x 512x512x3x3 at 7x7 = 0.23 G) and no fc.
        var macs = PassKind.Forward.MultiplyAdds(ExprGanLayers.ResNet18(224));
        Assert.InRange(macs, 2.03e9, 2.06e9);
        Assert.Equal(32, ExprGanLayers.ResNet18(64)[0].OutSize);
    }

    static void Check(IReadOnlyList<LayerShape> layers, torch.nn.Module module)
    {
        var weights = module.named_parameters().Where(p => p.name.EndsWith("weight") && p.parameter.dim() >= 2)
            .Select(p => string.Join("x", p.parameter.shape)).ToArray();
        var counted = layers.Select(l => l.IsLinear ? $"{l.OutChannels}x{l.InChannels}" : $"{l.OutChannels}x{l.InChannels}x{l.Kernel}x{l.Kernel}").ToArray();
        Assert.Equal(counted.Order(), weights.Order());
    }
}
