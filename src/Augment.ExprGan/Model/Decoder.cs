using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// G_dec(z, c) -> x_hat. Input z ++ tile(c, CodeTiling) -> fc -> ReLU -> reshape to the encoder's last map, then c is
/// appended as constant channels before every convolution: n x [nearest x2 upsample -> conv 3x3 (no bias) -> ReLU],
/// penultimate conv 3x3 -> 16 -> ReLU, output conv 3x3 -> Channels -> tanh. Re-injecting c at every scale keeps the
/// expression code from being washed out.
/// The identity-preserving design (<see cref="GeneratorDesign.IdentityPreserving"/>) adds two departures: the encoder's
/// map of the same size joins the first <see cref="ExprGanArchitecture.SkipLevels"/> levels (coarsest first), and a
/// mask head m = sigmoid(conv) blends the input back in: x_hat = m * x + (1 - m) * tanh(output), so pixels the
/// expression does not need to change are kept rather than redrawn from a code.
/// <see cref="ExprGanArchitecture.InputSkip"/> adds the input image to the penultimate convolution's input;
/// <see cref="ExprGanArchitecture.Upsampling"/> may make the upsampling bilinear.
/// State dict: fc, ups.{i}, penultimate, output, and mask (identity-preserving only).
/// </summary>
public sealed class Decoder : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Linear fc;
    readonly ModuleList<Conv2d> ups;
    readonly Conv2d penultimate;
    readonly Conv2d output;
    readonly Conv2d? mask;
    readonly long startChannels;
    readonly long startSize;
    readonly int tiling;

    public Decoder(ExprGanArchitecture arch) : base(nameof(Decoder))
    {
        arch.Validated();
        var code = arch.CodeSize;
        var levels = arch.EncoderWidths.Length;
        startChannels = arch.EncoderWidths[^1];
        startSize = arch.StartSize;
        tiling = arch.CodeTiling;
        fc = nn.Linear(arch.ZDim + (long)tiling * code, startChannels * startSize * startSize);
        var layers = new Conv2d[arch.DecoderWidths.Length];
        var input = (int)startChannels + (arch.SkipsInto(0) ? arch.EncoderWidths[^1] : 0);
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = nn.Conv2d(input + code, arch.DecoderWidths[i], 3, stride: 1, padding: 1, bias: false);
            // After up-layer i the map has the size of encoder map levels-2-i (none after the last: that is the image).
            input = arch.DecoderWidths[i] + (i < levels - 1 && arch.SkipsInto(i + 1) ? arch.EncoderWidths[levels - 2 - i] : 0);
        }
        ups = nn.ModuleList(layers);
        // The last up-layer's output is full size: the encoder has no map there, but InputSkip adds the image itself.
        penultimate = nn.Conv2d(arch.PenultimateInput(arch.DecoderWidths[^1]) + code, ExprGanArchitecture.PenultimateWidth, 3, stride: 1, padding: 1, bias: false);
        output = nn.Conv2d(ExprGanArchitecture.PenultimateWidth + code, arch.Channels, 3, stride: 1, padding: 1, bias: true);
        if (arch.HasMask) mask = nn.Conv2d(ExprGanArchitecture.PenultimateWidth + code, 1, 3, stride: 1, padding: 1, bias: true);
        Architecture = arch;
        RegisterComponents();
    }

    public ExprGanArchitecture Architecture { get; }

    /// <summary>The paper design's decoder: image from z and code alone.</summary>
    /// <param name="z">N x ZDim identity codes.</param>
    /// <param name="c">N x K*d expression codes (class-major, see ExpressionController).</param>
    /// <returns>N x Channels x S x S images in (-1, 1).</returns>
    public override Tensor forward(Tensor z, Tensor c)
    {
        if (Architecture.Design != GeneratorDesign.Paper)
            throw new InvalidOperationException("The identity-preserving decoder needs the input image and its encoder maps: call Render.");
        using var scope = NewDisposeScope();
        return Render(new EncodedFaces(z, []), c, null).Image.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The decoder of either design: image from the encoder's output and the code, blended with the input image when the
    /// design has a mask (the mask, N x 1 x S x S, is returned too, for its regulariser). Call inside a dispose scope.
    /// </summary>
    public DecodedFaces Render(EncodedFaces encoded, Tensor c, Tensor? image)
    {
        var arch = Architecture;
        if (arch.HasMask && image is null) throw new ArgumentException("The identity-preserving decoder blends with the input image: pass it.");
        if (arch.SkipLevels > 0 && encoded.Maps.Count != arch.EncoderWidths.Length)
            throw new ArgumentException($"The decoder takes {arch.EncoderWidths.Length} encoder maps as skip connections, got {encoded.Maps.Count}.");
        var z = encoded.Z;
        var n = z.shape[0];
        var levels = arch.EncoderWidths.Length;
        var h = nn.functional.relu(fc.forward(cat([z, c.tile([1, tiling])], 1))).reshape(n, startChannels, startSize, startSize);
        if (arch.SkipsInto(0)) h = cat([h, encoded.Maps[levels - 1]], 1);
        // Every conv sees h ++ planes(c) (code last); CodeConvolution computes that without concatenating (or upsampling) the planes.
        for (var i = 0; i < ups.Count; i++)
        {
            var bilinear = arch.BilinearAt(i);
            // align_corners exists only for interpolating modes (false: half-pixel centres, as the ONNX export's Resize).
            h = nn.functional.interpolate(h, scale_factor: [2.0, 2.0], mode: bilinear ? InterpolationMode.Bilinear : InterpolationMode.Nearest,
                align_corners: bilinear ? false : null);
            h = nn.functional.relu(CodeConvolution.Conv2d(h, c, ups[i].weight!, null, 1, 1));
            if (i < levels - 1 && arch.SkipsInto(i + 1)) h = cat([h, encoded.Maps[levels - 2 - i]], 1);
        }
        if (arch.InputSkip) h = cat([h, image!], 1);
        h = nn.functional.relu(CodeConvolution.Conv2d(h, c, penultimate.weight!, null, 1, 1));
        var colour = CodeConvolution.Conv2d(h, c, output.weight!, output.bias, 1, 1).tanh();
        if (mask is null) return new DecodedFaces(colour, null, null);
        var logit = CodeConvolution.Conv2d(h, c, mask.weight!, mask.bias, 1, 1);
        var keep = logit.sigmoid();
        return new DecodedFaces(keep.mul(image!).add(keep.neg().add(1).mul(colour)), keep, logit);
    }
}

/// <summary>A decoded batch: the images and, for the identity-preserving design, the share of each input pixel kept
/// and its logit (for a penalty that still has a gradient where the sigmoid has saturated).</summary>
public sealed record DecodedFaces(Tensor Image, Tensor? Keep, Tensor? KeepLogit);
