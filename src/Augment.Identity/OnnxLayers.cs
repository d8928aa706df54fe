using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>An ONNX 2-D Conv: explicit (possibly asymmetric) zero padding, then the convolution with the file's weights.</summary>
public sealed class OnnxConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly long[] pad;

    /// <param name="pads">ONNX order: top, left, bottom, right.</param>
    public OnnxConv2d(string name, Tensor weight, Tensor? bias, long[] strides, long[] pads, long[] dilations, long groups) : base(name)
    {
        conv = nn.Conv2d(weight.shape[1] * groups, weight.shape[0], (weight.shape[2], weight.shape[3]),
            stride: (strides[0], strides[1]), dilation: (dilations[0], dilations[1]), groups: groups, bias: bias is not null);
        using (no_grad())
        {
            conv.weight!.copy_(weight);
            if (bias is not null) conv.bias!.copy_(bias);
        }
        pad = [pads[1], pads[3], pads[0], pads[2]];
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = pad.All(p => p == 0) ? input : nn.functional.pad(input, pad);
        return conv.forward(x).MoveToOuterDisposeScope();
    }
}
