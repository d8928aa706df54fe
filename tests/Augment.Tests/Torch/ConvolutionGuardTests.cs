using Augment.Classifier;
using Augment.Torch;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Tests.Torch;

public class ConvolutionGuardTests
{
    /// <summary>
    /// ExprGAN's layers take features ++ code channels (e.g. 22, 286) and end in 1 or 3 channels: a plain Conv2d module
    /// must be right for all of them under whatever the process decided at start-up (TestProcess).
    /// </summary>
    [Theory]
    [InlineData(22, 1)]
    [InlineData(286, 16)]
    [InlineData(7, 3)]
    public void PlainConvolutionMatchesAMatmulReference(int cin, int cout)
    {
        random.manual_seed(3);
        using var conv = nn.Conv2d(cin, cout, 3, padding: 1, bias: false);
        AssertMatchesReference(randn(4, cin, 8, 8), conv.weight!, conv.forward, weightGradient: false);
    }

    /// <summary>conv's output and input gradient (and the weight gradient when asked) against im2col + matmul.</summary>
    static void AssertMatchesReference(Tensor input, Tensor weight, Func<Tensor, Tensor> conv, bool weightGradient)
    {
        using var scope = NewDisposeScope();
        var (n, size, cout) = (input.shape[0], input.shape[2], weight.shape[0]);
        var x = input.requires_grad_(true);
        var y = conv(x);
        var xr = x.detach().contiguous().requires_grad_(true);
        var wr = weight.detach().clone().requires_grad_(true);
        var reference = wr.reshape(cout, -1).matmul(F.unfold(xr, 3, padding: 1)).reshape(n, cout, size, size);
        var g = randn_like(y);
        y.backward([g]);
        reference.backward([g]);
        Assert.True(y.sub(reference).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
        Assert.True(x.grad!.sub(xr.grad!).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
        if (weightGradient) Assert.True(weight.grad!.sub(wr.grad!).abs().max().item<float>() < 1e-3, ConvolutionGuard.Outcome);
    }

    [Theory]
    [InlineData(1, 16, true)]
    [InlineData(4, 16, true)]
    [InlineData(15, 32, true)]
    [InlineData(64, 128, true)]
    [InlineData(22, 16, false)]
    [InlineData(16, 1, false)]
    [InlineData(48, 24, false)]
    public void AlignedMeansTheSixteenChannelBlocks(int cin, int cout, bool aligned) =>
        Assert.Equal(aligned, ConvolutionGuard.Aligned(cin, cout));

    [Fact]
    public void TheDefaultCnnIsAlignedOnGreyAndColourImages()
    {
        Assert.True(CnnArchitecture.Default.ConvolutionsAligned(1));
        Assert.True(CnnArchitecture.Default.ConvolutionsAligned(3));
        Assert.True(CnnArchitecture.SpaceToDepthDefault.ConvolutionsAligned(3));
        Assert.False(CnnArchitecture.Parse("24-48").ConvolutionsAligned(1));
        Assert.False(CnnArchitecture.Small.ConvolutionsAligned(1));   // 8 output channels
    }

    /// <summary>Whatever the scope decides on this CPU, the aligned convolutions it covers are right in both layouts,
    /// and it leaves the process's switch as it found it.</summary>
    [Theory]
    [InlineData(1, 16, false)]
    [InlineData(16, 32, true)]
    [InlineData(64, 128, true)]
    [InlineData(48, 16, false)]
    public void AlignedScopeKeepsConvolutionsRight(int cin, int cout, bool channelsLast)
    {
        var before = TorchBackends.Mkldnn;
        using (ConvolutionGuard.AlignedScope(aligned: true))
        {
            Assert.Equal(before || ConvolutionGuard.AlignedOneDnn, TorchBackends.Mkldnn);
            random.manual_seed(4);
            using var scope = NewDisposeScope();
            var x = randn(8, cin, 12, 12);
            if (channelsLast) x = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            var w = randn(cout, cin, 3, 3).div(10).requires_grad_(true);
            AssertMatchesReference(x, w, input => F.conv2d(input, w, padding: [1, 1]), weightGradient: true);
        }
        Assert.Equal(before, TorchBackends.Mkldnn);
        using (ConvolutionGuard.AlignedScope(aligned: false)) Assert.Equal(before, TorchBackends.Mkldnn);
    }

    /// <summary>The expression CNN's training pass at its real shapes (batch 32, 48 px, channels-last) gives the same
    /// output and gradients inside the aligned scope as outside it, to float rounding.</summary>
    [Fact]
    public void TheCnnPassIsTheSameInsideTheAlignedScope()
    {
        random.manual_seed(6);
        using var cnn = new ExpressionCnn(CnnArchitecture.Default, 1, 48, 48, 7);
        cnn.train();
        using var x = randn(32, 1, 48, 48);
        var (y0, g0) = Pass(cnn, x, scoped: false);
        var (y1, g1) = Pass(cnn, x, scoped: true);
        Assert.True(RelativeError(y0, y1) < 1e-4, $"output {RelativeError(y0, y1):E1}; {ConvolutionGuard.Outcome}");
        foreach (var (a, b) in g0.Zip(g1)) Assert.True(RelativeError(a, b) < 1e-3, $"gradient {RelativeError(a, b):E1}; {ConvolutionGuard.Outcome}");
    }

    static (Tensor Output, Tensor[] Grads) Pass(nn.Module<Tensor, Tensor> cnn, Tensor x, bool scoped)
    {
        var saved = cnn.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        random.manual_seed(8);   // the same dropout masks
        cnn.zero_grad();
        Tensor y;
        using (ConvolutionGuard.AlignedScope(scoped))
        {
            y = cnn.forward(x);
            y.square().sum().backward();
        }
        cnn.load_state_dict(saved);
        return (y.detach(), cnn.parameters().Select(p => p.grad!.clone()).ToArray());
    }

    static double RelativeError(Tensor a, Tensor b) => a.sub(b).abs().max().item<float>() / Math.Max(1e-12, b.abs().max().item<float>());

    /// <summary>The host decided once; asking again returns that decision and changes nothing.</summary>
    [Fact]
    public void DecidedOnceForTheProcess()
    {
        var mkldnn = TorchBackends.Mkldnn;
        Assert.Equal(ConvolutionGuard.Outcome, ConvolutionGuard.Apply());
        Assert.Equal(mkldnn, TorchBackends.Mkldnn);
    }
}
