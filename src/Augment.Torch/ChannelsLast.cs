using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Torch;

/// <summary>
/// Lays an N x C x H x W tensor out channels-last in memory (NHWC strides); shape and values are unchanged, it has no
/// weights and adds nothing to a state dict. libtorch's CPU batch norm and max-pool, and its oneDNN convolutions,
/// follow their input's layout, and their channels-last kernels run vectorised across channels, so everything after
/// this layer stays channels-last and runs faster (the expression CNN's step: results/benchmarks/cnn-layout-*.md).
/// TorchSharp has no <c>to(memory_format)</c>; a permuted contiguous copy is the same thing. A one-channel image
/// cannot carry the layout (its strides read the same either way), so a network places this after its first layer
/// that has several channels.
/// </summary>
public sealed class ChannelsLast : nn.Module<Tensor, Tensor>
{
    public ChannelsLast() : base(nameof(ChannelsLast)) { }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4) throw new ArgumentException($"ChannelsLast takes N x C x H x W tensors, got {input.dim()} dimensions.");
        using var scope = NewDisposeScope();
        return input.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>True when the tensor's strides are those of a dense channels-last layout (C varies fastest).</summary>
    public static bool Has(Tensor t)
    {
        if (t.dim() != 4) return false;
        var (s, n) = (t.stride(), t.shape);
        return s[1] == 1 && s[3] == n[1] && s[2] == n[1] * n[3] && s[0] == n[1] * n[2] * n[3];
    }
}
