using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// G_enc(x) -> z: n x [conv k x k stride 2 (bias) -> ReLU], flatten, fc -> tanh. No batch norm, as in the original.
/// State dict: convs.{i}.weight/bias, fc.weight/bias.
/// </summary>
public sealed class Encoder : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Conv2d> convs;
    readonly Linear fc;

    // Convolutions with 17+ input channels are wrong in this libtorch's oneDNN on AVX-512: check once, switch it off if so.
    static Encoder() => Augment.Core.ConvolutionGuard.Ensure();

    public Encoder(ExprGanArchitecture arch) : base(nameof(Encoder))
    {
        arch.Validated();
        var pad = arch.EncoderKernel / 2;
        var layers = new Conv2d[arch.EncoderWidths.Length];
        var input = arch.Channels;
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = nn.Conv2d(input, arch.EncoderWidths[i], arch.EncoderKernel, stride: 2, padding: pad, bias: true);
            input = arch.EncoderWidths[i];
        }
        convs = nn.ModuleList(layers);
        fc = nn.Linear((long)input * arch.StartSize * arch.StartSize, arch.ZDim);
        Architecture = arch;
        RegisterComponents();
    }

    public ExprGanArchitecture Architecture { get; }

    /// <param name="x">N x C x S x S images in [-1, 1].</param>
    /// <returns>N x ZDim identity codes in (-1, 1).</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        foreach (var conv in convs) h = nn.functional.relu(conv.forward(h));
        return fc.forward(h.flatten(1)).tanh().MoveToOuterDisposeScope();
    }
}
