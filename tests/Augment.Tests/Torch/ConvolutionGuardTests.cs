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
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(cin, cout, 3, padding: 1, bias: false);
        var x = randn(4, cin, 8, 8).requires_grad_(true);
        var w = conv.weight!.detach();
        var y = conv.forward(x);
        var xr = x.detach().requires_grad_(true);
        var reference = w.reshape(cout, -1).matmul(F.unfold(xr, 3, padding: 1)).reshape(4, cout, 8, 8);
        var g = randn_like(y);
        y.backward([g]);
        reference.backward([g]);
        Assert.True(y.sub(reference).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
        Assert.True(x.grad!.sub(xr.grad!).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
    }

    /// <summary>The host decided once; asking again returns that decision and changes nothing.</summary>
    [Fact]
    public void DecidedOnceForTheProcess()
    {
        var mkldnn = TorchBackends.Mkldnn;
        Assert.Equal(ConvolutionGuard.Outcome, ConvolutionGuard.Apply());
        Assert.Equal(mkldnn, TorchBackends.Mkldnn);
    }
}
