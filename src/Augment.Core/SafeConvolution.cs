using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Core;

/// <summary>
/// Works around a libtorch 2.10 CPU bug (TorchSharp 0.107.0): the oneDNN convolution returns wrong float32 values
/// when the input has more than 16 channels and not a multiple of 16 (errors of order 1 on outputs of order 5,
/// different per batch size; seen on AMD EPYC Zen 4 with AVX-512 and with oneDNN limited to AVX2). libtorch takes
/// that path for every batch above 1 and for large single images, so ExprGAN's decoder and image discriminator,
/// whose inputs carry K*d or K extra code channels (e.g. 256 + 30), are hit. Padding the input with zero channels
/// and the weight with zero input slices to the next multiple of 16 computes the same convolution on a shape
/// oneDNN gets right in the forward pass. The backward pass is still wrong with oneDNN on (tested), so training also
/// needs <see cref="ConvolutionGuard"/>, which switches oneDNN off when the defect is present. State dicts are unchanged.
/// </summary>
public static class SafeConvolution
{
    const long Block = 16;

    /// <summary>conv.forward(x), padded to a safe channel count when the buggy path could be taken.</summary>
    public static Tensor SafeForward(this Conv2d conv, Tensor x)
    {
        var channels = x.shape[1];
        if (!NeedsPadding(x, channels) || conv.groups != 1 || conv.padding_type != null || conv.padding_mode != PaddingModes.Zeros)
            return conv.forward(x);
        using var scope = NewDisposeScope();
        var extra = Block - channels % Block;
        var weight = conv.weight!;
        var xPadded = cat([x, zeros([x.shape[0], extra, x.shape[2], x.shape[3]], x.dtype, x.device)], 1);
        var wPadded = cat([weight, zeros([weight.shape[0], extra, weight.shape[2], weight.shape[3]], weight.dtype, weight.device)], 1);
        return nn.functional.conv2d(xPadded, wPadded, conv.bias, conv.stride, conv.padding, conv.dilation).MoveToOuterDisposeScope();
    }

    static bool NeedsPadding(Tensor x, long channels) =>
        x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32 && x.dim() == 4 && channels > Block && channels % Block != 0;
}
