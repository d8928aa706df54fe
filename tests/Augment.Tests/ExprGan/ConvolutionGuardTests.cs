using Augment.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

public class ConvolutionGuardTests
{
    /// <summary>ExprGAN's layers take features ++ code channels (e.g. 22, 286): they must convolve correctly.</summary>
    [Theory]
    [InlineData(22)]
    [InlineData(286)]
    public void ConvolutionWithOddChannelCountsMatchesAMatmulReference(int channels)
    {
        ConvolutionGuard.Ensure();
        random.manual_seed(3);
        using var scope = NewDisposeScope();
        var x = randn(4, channels, 8, 8).requires_grad_(true);
        var w = randn(3, channels, 3, 3).div(Math.Sqrt(channels * 9));
        var y = nn.functional.conv2d(x, w, padding: [1, 1]);
        var xr = x.detach().requires_grad_(true);
        var reference = w.reshape(3, -1).matmul(nn.functional.unfold(xr, 3, padding: 1)).reshape(4, 3, 8, 8);
        Assert.True(y.sub(reference).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
        y.sum().backward();
        reference.sum().backward();
        Assert.True(x.grad!.sub(xr.grad!).abs().max().item<float>() < 1e-4, ConvolutionGuard.Outcome);
    }
}
