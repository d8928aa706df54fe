using Augment.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.Augmentation;

/// <summary>
/// libtorch 2.10's oneDNN convolution is wrong for inputs with more than 16 channels not a multiple of 16
/// (found through the augmenter's batch-invariance and ONNX parity tests); SafeForward must match a float64
/// reference wherever plain forward may not.
/// </summary>
public class SafeConvolutionTests
{
    [Theory]
    [InlineData(5, 28, 16, 8, 3, 1)]       // decoder-like: features + K*d code channels
    [InlineData(4, 22, 32, 16, 5, 2)]      // image-discriminator-like: features + K label channels
    [InlineData(2, 46, 8, 16, 3, 1)]
    [InlineData(3, 32, 16, 8, 3, 1)]       // a safe shape passes straight through
    public void MatchesAFloat64Reference(int batch, int inChannels, int outChannels, int size, int kernel, int stride)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: true);
        var x = randn(batch, inChannels, size, size);
        var reference = nn.functional.conv2d(x.to_type(ScalarType.Float64), conv.weight!.to_type(ScalarType.Float64),
            conv.bias!.to_type(ScalarType.Float64), [stride, stride], [kernel / 2, kernel / 2]).to_type(ScalarType.Float32);
        var error = (conv.SafeForward(x) - reference).abs().max().item<float>();
        Assert.True(error < 1e-4, $"SafeForward differs from the float64 reference by {error}");
    }

    [Fact]
    public void GradientsMatchAFloat64Reference()
    {
        // Training backpropagates through the padded convolution: weight and input gradients must be right too.
        ConvolutionGuard.Ensure();
        random.manual_seed(4);
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(286, 8, 3, padding: 1, bias: false);
        var x = randn(4, 286, 8, 8).requires_grad_(true);
        conv.SafeForward(x).pow(2).sum().backward();
        var x64 = x.detach().to_type(ScalarType.Float64).requires_grad_(true);
        var w64 = conv.weight!.detach().to_type(ScalarType.Float64).requires_grad_(true);
        nn.functional.conv2d(x64, w64, padding: [1, 1]).pow(2).sum().backward();
        var inputError = (x.grad!.to_type(ScalarType.Float64) - x64.grad!).abs().max().item<double>();
        var weightError = ((conv.weight!.grad!.to_type(ScalarType.Float64) - w64.grad!).abs().max() / w64.grad!.abs().max()).item<double>();
        Assert.True(inputError < 1e-3, $"input gradient off by {inputError}");
        Assert.True(weightError < 1e-4, $"weight gradient off by {weightError} (relative)");
    }
}
