using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.Torch;

public class TorchLoadsTests
{
    [Fact]
    public void CreatesTensorAndRunsConvolution()
    {
        torch.random.manual_seed(1);
        using var x = ones(2, 3, 8, 8);
        using var conv = nn.Conv2d(3, 4, 3, padding: 1, bias: false);
        using (no_grad()) conv.weight!.fill_(1f);
        using var y = conv.forward(x);
        Assert.Equal(new long[] { 2, 4, 8, 8 }, y.shape);
        Assert.Equal(27f, y[0, 0, 4, 4].item<float>(), 4);   // interior: 3 channels x 3 x 3 ones
        Assert.Equal(12f, y[0, 0, 0, 0].item<float>(), 4);   // corner: 3 channels x 2 x 2
    }
}
