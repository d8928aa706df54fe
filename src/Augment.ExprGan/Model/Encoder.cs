using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>What the encoder makes of a batch: z and, finest first, the feature map after each convolution.</summary>
public sealed record EncodedFaces(Tensor Z, IReadOnlyList<Tensor> Maps);

/// <summary>
/// G_enc(x) -> z: n x [conv k x k stride 2 (bias) -> ReLU], flatten, fc -> tanh. No batch norm, as in the original.
/// <see cref="Encode"/> also returns the maps the identity-preserving decoder takes as skip connections.
/// State dict: convs.{i}.weight/bias, fc.weight/bias.
/// </summary>
public sealed class Encoder : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Conv2d> convs;
    readonly Linear fc;

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
        return Encode(x).Z.MoveToOuterDisposeScope();
    }

    /// <summary>z and every convolution's output (finest first); call inside the caller's dispose scope.</summary>
    public EncodedFaces Encode(Tensor x)
    {
        var h = x;
        var maps = new List<Tensor>(convs.Count);
        foreach (var conv in convs)
        {
            h = nn.functional.relu(conv.forward(h));
            maps.Add(h);
        }
        return new EncodedFaces(fc.forward(h.flatten(1)).tanh(), maps);
    }
}
