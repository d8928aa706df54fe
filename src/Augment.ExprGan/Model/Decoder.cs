using Augment.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// G_dec(z, c) -> x_hat. Input z ++ tile(c, CodeTiling) -> fc -> ReLU -> reshape to the encoder's last map, then c is
/// appended as constant channels before every convolution: n x [nearest x2 upsample -> conv 3x3 (no bias) -> ReLU],
/// penultimate conv 3x3 -> 16 -> ReLU, output conv 3x3 -> Channels -> tanh. Re-injecting c at every scale keeps the
/// expression code from being washed out. State dict: fc, ups.{i}, penultimate, output.
/// </summary>
public sealed class Decoder : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Linear fc;
    readonly ModuleList<Conv2d> ups;
    readonly Conv2d penultimate;
    readonly Conv2d output;
    readonly long startChannels;
    readonly long startSize;
    readonly int tiling;

    // This libtorch's oneDNN convolutions are wrong for some channel counts on AVX-512: check once (docs/platform.md);
    // every convolution here goes through ConvolutionGuard.Conv2d, which pads channels when oneDNN is kept on.
    static Decoder() => ConvolutionGuard.Ensure();

    public Decoder(ExprGanArchitecture arch) : base(nameof(Decoder))
    {
        arch.Validated();
        var code = arch.CodeSize;
        startChannels = arch.EncoderWidths[^1];
        startSize = arch.StartSize;
        tiling = arch.CodeTiling;
        fc = nn.Linear(arch.ZDim + (long)tiling * code, startChannels * startSize * startSize);
        var layers = new Conv2d[arch.DecoderWidths.Length];
        var input = (int)startChannels;
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = nn.Conv2d(input + code, arch.DecoderWidths[i], 3, stride: 1, padding: 1, bias: false);
            input = arch.DecoderWidths[i];
        }
        ups = nn.ModuleList(layers);
        penultimate = nn.Conv2d(input + code, ExprGanArchitecture.PenultimateWidth, 3, stride: 1, padding: 1, bias: false);
        output = nn.Conv2d(ExprGanArchitecture.PenultimateWidth + code, arch.Channels, 3, stride: 1, padding: 1, bias: true);
        Architecture = arch;
        RegisterComponents();
    }

    public ExprGanArchitecture Architecture { get; }

    /// <param name="z">N x ZDim identity codes.</param>
    /// <param name="c">N x K*d expression codes (class-major, see ExpressionController).</param>
    /// <returns>N x Channels x S x S images in (-1, 1).</returns>
    public override Tensor forward(Tensor z, Tensor c)
    {
        using var scope = NewDisposeScope();
        var n = z.shape[0];
        var input = cat([z, c.tile([1, tiling])], 1);
        var h = nn.functional.relu(fc.forward(input)).reshape(n, startChannels, startSize, startSize);
        // Every conv sees h ++ planes(c); CodeConvolution computes that without concatenating (or upsampling) the planes.
        foreach (var conv in ups)
        {
            h = nn.functional.interpolate(h, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
            h = nn.functional.relu(CodeConvolution.Conv2d(h, c, conv.weight!, null, 1, 1));
        }
        h = nn.functional.relu(CodeConvolution.Conv2d(h, c, penultimate.weight!, null, 1, 1));
        return CodeConvolution.Conv2d(h, c, output.weight!, output.bias, 1, 1).tanh().MoveToOuterDisposeScope();
    }
}
