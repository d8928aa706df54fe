using Augment.Core;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Tests.ExprGan;

public class ConvolutionGuardTests
{
    /// <summary>ExprGAN's layers take features ++ code channels (e.g. 22, 286) and end in 1 or 3 channels: all must be right.</summary>
    [Theory]
    [InlineData(22, 1)]
    [InlineData(286, 16)]
    [InlineData(7, 3)]
    public void GuardedConvolutionMatchesAMatmulReference(int cin, int cout)
    {
        ConvolutionGuard.Ensure();
        random.manual_seed(3);
        using var scope = NewDisposeScope();
        var x = randn(4, cin, 8, 8).requires_grad_(true);
        var w = randn(cout, cin, 3, 3).div(Math.Sqrt(cin * 9));
        var y = ConvolutionGuard.Conv2d(x, w, null, 1, 1);
        var xr = x.detach().requires_grad_(true);
        var reference = w.reshape(cout, -1).matmul(F.unfold(xr, 3, padding: 1)).reshape(4, cout, 8, 8);
        var g = randn_like(y);
        y.backward([g]);
        reference.backward([g]);
        Assert.True(y.sub(reference).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
        Assert.True(x.grad!.sub(xr.grad!).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
    }

    [Fact]
    public void PaddingChannelsMakesOneDnnRight()
    {
        ConvolutionGuard.Ensure();
        var (_, padded) = ConvolutionGuard.MeasureOneDnn();
        Assert.True(padded < 1e-4, $"padded oneDNN error {padded}");
    }
}
