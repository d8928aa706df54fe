using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// ResNet basic block (two 3x3 convs, shortcut = identity or 1x1 stride-s conv + BN), convs without bias as in the
/// CNTK export, padded by <see cref="CntkPadding"/> (explicitly where it is asymmetric). State-dict names follow torchvision
/// (conv1, bn1, conv2, bn2, downsample.0, downsample.1).
/// </summary>
public sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly FrozenBatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly FrozenBatchNorm2d bn2;
    private readonly Sequential? downsample;
    private readonly long stride;

    public ResNetBasicBlock(string name, long inChannels, long outChannels, long stride, double eps, Device? device = null) : base(name)
    {
        this.stride = stride;
        // At stride 1 CNTK's padding is 1 on every side at any size, so the conv pads itself (no copy); stride 2 pads explicitly.
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: stride == 1 ? 1 : 0, bias: false, device: device);
        bn1 = new FrozenBatchNorm2d("bn1", outChannels, eps, device);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, device: device);
        bn2 = new FrozenBatchNorm2d("bn2", outChannels, eps, device);
        if (stride != 1 || inChannels != outChannels)
            downsample = nn.Sequential(
                nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false, device: device),
                new FrozenBatchNorm2d("bn", outChannels, eps, device));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return nn.functional.relu(PreActivation(input)).MoveToOuterDisposeScope();
    }

    /// <summary>The residual sum before the block's final ReLU (the analogue of VGG-Face's "conv before ReLU").</summary>
    public Tensor PreActivation(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(bn1.forward(conv1.forward(stride == 1 ? input : CntkPadding.Pad(input, 3, stride))));
        h = bn2.forward(conv2.forward(h));
        var shortcut = downsample is null ? input : downsample.forward(CntkPadding.Pad(input, 1, stride));
        return h.add(shortcut).MoveToOuterDisposeScope();
    }
}
