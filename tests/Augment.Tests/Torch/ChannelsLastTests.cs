using Augment.Classifier;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.Torch;

/// <summary>The channels-last layout layer: same values, NHWC strides, and an ExpressionCnn built with it is the same
/// function with the same state dict as one built without it.</summary>
public class ChannelsLastTests
{
    [Fact]
    public void KeepsValuesAndChangesOnlyTheStrides()
    {
        using var layer = new ChannelsLast();
        using var x = arange(2 * 3 * 4 * 5, ScalarType.Float32).reshape(2, 3, 4, 5);
        using var y = layer.forward(x);
        Assert.False(ChannelsLast.Has(x));
        Assert.True(ChannelsLast.Has(y));
        Assert.Equal([60L, 1, 15, 3], y.stride());
        Assert.Equal(x.shape, y.shape);
        Assert.True(x.eq(y).all().item<bool>());
        Assert.Empty(layer.state_dict());
        Assert.Throws<ArgumentException>(() => layer.forward(x.flatten(2)));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("s2d")]
    public void TheCnnComputesTheSameFunctionWithEitherLayout(string architecture)
    {
        var arch = CnnArchitecture.Parse(architecture);
        torch.random.manual_seed(3);
        using var nchw = new ExpressionCnn(arch, 1, 48, 48, 7, channelsLast: false);
        using var nhwc = new ExpressionCnn(arch, 1, 48, 48, 7);
        Assert.Equal(nchw.state_dict().Keys.Order(), nhwc.state_dict().Keys.Order());
        nhwc.load_state_dict(nchw.state_dict());
        nchw.eval();
        nhwc.eval();
        using var x = randn(4, 1, 48, 48);
        using var a = nchw.forward(x);
        using var b = nhwc.forward(x);
        Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5), $"largest difference {a.sub(b).abs().max().item<float>()}");

        // Gradients agree too (training mode: batch statistics; the same dropout masks from the same seed), so training
        // is the same up to float rounding.
        nchw.train();
        nhwc.train();
        using var y = tensor(new long[] { 0, 1, 2, 3 });
        torch.random.manual_seed(4);
        nn.functional.cross_entropy(nchw.forward(x), y).backward();
        torch.random.manual_seed(4);
        nn.functional.cross_entropy(nhwc.forward(x), y).backward();
        var ga = nchw.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (name, p) in nhwc.named_parameters())
            Assert.True(ga[name].allclose(p.grad!, rtol: 1e-3, atol: 1e-5), $"{name}: largest gradient difference {ga[name].sub(p.grad!).abs().max().item<float>()}");
    }

    [Fact]
    public void TheLayoutFollowsTheStem()
    {
        using var plain = new ExpressionCnn(CnnArchitecture.Default, 1, 48, 48, 7);
        using var folded = new ExpressionCnn(CnnArchitecture.SpaceToDepthDefault, 1, 48, 48, 7);
        using var rgb = new ExpressionCnn(CnnArchitecture.Default, 3, 48, 48, 7);
        using var off = new ExpressionCnn(CnnArchitecture.Default, 1, 48, 48, 7, channelsLast: false);
        // A 1-channel image cannot carry the layout: it comes after the first convolution, or after the 4-channel fold.
        Assert.Equal(["features.conv0_0", "features.layout"], FirstTwo(plain));
        Assert.Equal(["features.s2d", "features.layout"], FirstTwo(folded));
        Assert.Equal(["features.layout", "features.conv0_0"], FirstTwo(rgb));
        Assert.DoesNotContain(off.named_modules(), m => m.name.EndsWith("layout", StringComparison.Ordinal));
    }

    static string[] FirstTwo(ExpressionCnn model) =>
        model.named_modules().Select(m => m.name).Where(n => n.StartsWith("features.", StringComparison.Ordinal)).Take(2).ToArray();
}
