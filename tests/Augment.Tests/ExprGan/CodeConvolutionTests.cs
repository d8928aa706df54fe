using Augment.ExprGan.Model;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Tests.ExprGan;

public class CodeConvolutionTests
{
    /// <summary>The decoder's 3x3/1 and the discriminator's 5x5/2 shapes, odd sizes included (border maps differ), and
    /// counts off oneDNN's 16-channel blocks, which are padded onto them (17 inputs: the input skip; 1 output: the image).</summary>
    [Theory]
    [InlineData(16, 30, 8, 3, 1, 1, 8)]
    [InlineData(17, 30, 16, 3, 1, 1, 8)]
    [InlineData(40, 6, 3, 5, 2, 2, 8)]
    [InlineData(7, 6, 16, 5, 2, 2, 9)]
    [InlineData(16, 30, 1, 3, 1, 1, 5)]
    public void MatchesConvolvingTheConcatenation(int c, int k, int cout, int kernel, int stride, int padding, int size)
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(7, CPU);
        var x = randn([3, c, size, size], generator: gen).requires_grad_(true);
        var code = rand([3, k], generator: gen).mul(2).sub(1);
        var w = randn([cout, c + k, kernel, kernel], generator: gen).div(Math.Sqrt((c + k) * kernel * kernel)).requires_grad_(true);
        var b = randn([cout], generator: gen).requires_grad_(true);
        var y = CodeConvolution.Conv2d(x, code, w, b, stride, padding);
        var g = randn(y.shape, generator: gen);
        y.backward([g]);
        var (dx, dw, db) = (x.grad!.clone(), w.grad!.clone(), b.grad!.clone());
        x.grad!.zero_(); w.grad!.zero_(); b.grad!.zero_();
        var reference = F.conv2d(CodeChannels.Append(x, code), w, b, strides: [stride, stride], padding: [padding, padding]);
        reference.backward([g]);
        Assert.True(y.sub(reference).abs().max().item<float>() < 1e-4);
        Assert.True(dx.sub(x.grad!).abs().max().item<float>() < 1e-4);
        Assert.True(dw.sub(w.grad!).abs().max().item<float>() < 1e-3);
        Assert.True(db.sub(b.grad!).abs().max().item<float>() < 1e-3);
    }
}
