using Augment.Identity;

namespace Augment.Tests.Identity;

public sealed class CntkPaddingTests
{
    [Theory]
    [InlineData(224, 7, 2, 3, 2)]   // the file's stem conv
    [InlineData(112, 3, 2, 1, 0)]   // the file's max-pool and stride-2 convs
    [InlineData(56, 3, 1, 1, 1)]
    [InlineData(56, 1, 2, 0, 0)]    // shortcut 1x1 stride 2
    [InlineData(3, 3, 2, 1, 1)]     // odd size (stage 4 at 48x48 input): still ceil(3 / 2) = 2 outputs
    [InlineData(3, 1, 2, 0, 0)]
    public void ReproducesTheFilePadsAndStaysConsistentAtOddSizes(long size, long kernel, long stride, long begin, long end)
    {
        Assert.Equal((begin, end), CntkPadding.For(size, kernel, stride));
        Assert.Equal((size + begin + end - kernel) / stride + 1, CntkPadding.OutputSize(size, stride));
    }
}
