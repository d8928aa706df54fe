using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// CNTK's automatic ("same") padding, which the exported ResNet18 bakes into fixed pads for 224x224: the kernel is
/// centred on input positions 0, s, 2s, ..., so out = ceil(n / s), the start gets k / 2 and the end what is left.
/// At 224 this gives the file's asymmetric pads ([3, 2] for the 7x7 stem, [1, 0] for stride-2 3x3 layers); at other
/// sizes (odd stage sizes, e.g. 3x3 at 48x48 input) it keeps the main and shortcut branches the same size,
/// which the file's fixed pads would not.
/// </summary>
public static class CntkPadding
{
    /// <summary>(begin, end) padding of one axis of length <paramref name="size"/>.</summary>
    public static (long Begin, long End) For(long size, long kernel, long stride)
    {
        if (size < 1 || kernel < 1 || stride < 1)
            throw new ArgumentOutOfRangeException(nameof(size), $"Invalid convolution geometry: size {size}, kernel {kernel}, stride {stride}.");
        var outSize = (size + stride - 1) / stride;
        var begin = kernel / 2;
        var end = Math.Max(0, (outSize - 1) * stride + kernel - size - begin);
        return (begin, end);
    }

    /// <summary>Output length of one axis under this padding.</summary>
    public static long OutputSize(long size, long stride) => (size + stride - 1) / stride;

    /// <summary>Pads the last two axes of N x C x H x W for a square kernel; <paramref name="value"/> is -inf for max-pooling.</summary>
    public static Tensor Pad(Tensor x, long kernel, long stride, double value = 0)
    {
        var (top, bottom) = For(x.shape[2], kernel, stride);
        var (left, right) = For(x.shape[3], kernel, stride);
        if (top == 0 && bottom == 0 && left == 0 && right == 0) return x.alias();
        return nn.functional.pad(x, new[] { left, right, top, bottom }, value: value);
    }
}
