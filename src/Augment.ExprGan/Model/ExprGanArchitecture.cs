using Augment.Torch;

namespace Augment.ExprGan.Model;

/// <summary>Which generator: the paper's (everything through z) or the identity-preserving one (docs/identity-preserving.md).</summary>
public enum GeneratorDesign
{
    /// <summary>Ding et al. 2018: the decoder sees only z and the expression code.</summary>
    Paper,
    /// <summary>Encoder maps skip into the decoder and an attention mask blends the input with generated pixels.</summary>
    IdentityPreserving,
}

/// <summary>How the decoder doubles its maps before each convolution.</summary>
public enum DecoderUpsampling
{
    /// <summary>Nearest neighbour, as the paper's decoder: each coarse cell becomes a 2x2 block.</summary>
    Nearest,
    /// <summary>Bilinear (half-pixel centres, edges clamped): no block edges for the next convolution to carry.</summary>
    Bilinear,
    /// <summary>
    /// Bilinear for the first half of the doublings (where a nearest copy makes the large blocks whose edges show as a
    /// grid), nearest for the rest (fine detail stays sharp).
    /// </summary>
    Mixed,
}

/// <summary>
/// Shapes of every ExprGAN network (see ARCHITECTURE.md). Square images of side <see cref="ImageSize"/>; the
/// encoder halves the side once per width, so ImageSize must be divisible by 2^EncoderWidths.Length, and the
/// image discriminator likewise by 2^DiscriminatorWidths.Length. Equality compares the arrays element-wise, so a
/// checkpoint's architecture can be compared with the one a caller asks for.
/// </summary>
public sealed record ExprGanArchitecture(
    int Channels, int ImageSize, int ZDim, int CodeDims, int Classes,
    int[] EncoderWidths, int[] DecoderWidths, int[] DiscriminatorWidths,
    int DiscriminatorFc = 1024, int RegularizerFc = 128, int RegularizerClassFc = 64,
    int[]? IdentityDiscriminatorWidths = null, int CodeTiling = 8, int EncoderKernel = 5,
    GeneratorDesign Design = GeneratorDesign.Paper, int SkipLevels = 0)
{
    /// <summary>Output channels of the decoder's penultimate convolution (fixed by the original design).</summary>
    public const int PenultimateWidth = 16;

    /// <summary>Hidden widths of D_z; the paper's 64, 32, 16 when not given.</summary>
    public int[] IdentityDiscriminatorHidden => IdentityDiscriminatorWidths ?? [64, 32, 16];

    /// <summary>K*d: length of the expression code c.</summary>
    public int CodeSize => Classes * CodeDims;

    /// <summary>Side of the encoder's last feature map (and the decoder's first).</summary>
    public int StartSize => ImageSize >> EncoderWidths.Length;

    /// <summary>
    /// Identity-preserving design: the input image itself joins the decoder's last, full-resolution convolutions (a skip
    /// at the image's own size, beside the encoder maps), so the pixels the mask lets it paint can carry the input's fine
    /// texture instead of only what the coarser maps upsample. Left out of the serialised architecture when off, so
    /// checkpoints and cache keys of generators without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool InputSkip { get; init; }

    /// <summary>
    /// The decoder's upsampling. Nearest (the paper's) turns the 3x3 start map into 16x16-pixel blocks whose edges
    /// survive to the image as a grid; bilinear does not. Left out of the serialised architecture when nearest, so
    /// checkpoints and cache keys of generators without it do not change.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public DecoderUpsampling Upsampling { get; init; }

    /// <summary>Whether the decoder's doubling number <paramref name="level"/> (0: from the start map) is bilinear.</summary>
    public bool BilinearAt(int level) =>
        Upsampling == DecoderUpsampling.Bilinear || (Upsampling == DecoderUpsampling.Mixed && level < EncoderWidths.Length / 2);

    /// <summary>Input channels the decoder's penultimate convolution takes besides the code.</summary>
    public int PenultimateInput(int lastDecoderWidth) => lastDecoderWidth + (InputSkip ? Channels : 0);

    /// <summary>Whether the decoder ends in an attention mask over the input (the identity-preserving design).</summary>
    public bool HasMask => Design == GeneratorDesign.IdentityPreserving;

    /// <summary>Whether decoder level <paramref name="level"/> (0 = the start map, coarsest) receives the encoder's map of its size.</summary>
    public bool SkipsInto(int level) => level < SkipLevels;

    /// <summary>
    /// Whether every convolution of these networks has channel counts oneDNN gets right even on the CPUs where it is
    /// wrong elsewhere (<see cref="ConvolutionGuard.Aligned"/>): the decoder's and D_img's are padded onto the blocks
    /// (CodeConvolution), so this asks it of the encoder and the auxiliary classifier, which convolve as they are.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ConvolutionsAligned => ConvolutionGuard.Aligned(Channels, EncoderWidths) && ConvolutionGuard.Aligned(Channels, DiscriminatorWidths);

    /// <summary>Side of the image discriminator's last feature map.</summary>
    public int DiscriminatorEndSize => ImageSize >> DiscriminatorWidths.Length;

    /// <summary>Throws with a message naming the first inconsistent field.</summary>
    public ExprGanArchitecture Validated()
    {
        if (Channels is not (1 or 3)) throw new ArgumentException($"Channels must be 1 (grayscale) or 3 (RGB), got {Channels}.");
        if (Classes < 2 || CodeDims < 1 || ZDim < 1) throw new ArgumentException($"Need Classes >= 2, CodeDims >= 1, ZDim >= 1; got {Classes}, {CodeDims}, {ZDim}.");
        if (EncoderWidths.Length == 0 || EncoderWidths.Length != DecoderWidths.Length)
            throw new ArgumentException($"Encoder and decoder need the same, non-zero number of widths; got {EncoderWidths.Length} and {DecoderWidths.Length}.");
        if (DiscriminatorWidths.Length == 0) throw new ArgumentException("The image discriminator needs at least one width.");
        CheckHalves(EncoderWidths.Length, "encoder");
        CheckHalves(DiscriminatorWidths.Length, "image discriminator");
        if (EncoderKernel < 1 || EncoderKernel % 2 == 0) throw new ArgumentException($"EncoderKernel must be odd, got {EncoderKernel}.");
        if (CodeTiling < 1) throw new ArgumentException($"CodeTiling must be >= 1, got {CodeTiling}.");
        if (Design == GeneratorDesign.Paper && SkipLevels != 0) throw new ArgumentException($"The paper design has no skip connections; SkipLevels must be 0, got {SkipLevels}.");
        if (Design == GeneratorDesign.Paper && InputSkip) throw new ArgumentException("The paper design has no skip connections; InputSkip must be off.");
        if (SkipLevels < 0 || SkipLevels > EncoderWidths.Length)
            throw new ArgumentException($"SkipLevels must be in [0, {EncoderWidths.Length}] (one per encoder map), got {SkipLevels}.");
        var all = EncoderWidths.Concat(DecoderWidths).Concat(DiscriminatorWidths).Concat(IdentityDiscriminatorHidden)
            .Append(DiscriminatorFc).Append(RegularizerFc).Append(RegularizerClassFc);
        if (all.Any(w => w < 1)) throw new ArgumentException("Every width must be >= 1.");
        return this;
    }

    void CheckHalves(int layers, string net)
    {
        if (ImageSize < 1 << layers || ImageSize % (1 << layers) != 0)
            throw new ArgumentException($"ImageSize {ImageSize} must be divisible by 2^{layers} = {1 << layers} for the {layers}-layer {net}.");
    }

    /// <summary>Human-readable differences from another architecture ("ImageSize 64 vs 32"), empty when equal.</summary>
    public IReadOnlyList<string> Differences(ExprGanArchitecture other)
    {
        var d = new List<string>();
        void Cmp<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) d.Add($"{name} {a} vs {b}"); }
        void Arr(string name, int[] a, int[] b) { if (!a.SequenceEqual(b)) d.Add($"{name} [{string.Join(",", a)}] vs [{string.Join(",", b)}]"); }
        Cmp(nameof(Channels), Channels, other.Channels);
        Cmp(nameof(ImageSize), ImageSize, other.ImageSize);
        Cmp(nameof(ZDim), ZDim, other.ZDim);
        Cmp(nameof(CodeDims), CodeDims, other.CodeDims);
        Cmp(nameof(Classes), Classes, other.Classes);
        Arr(nameof(EncoderWidths), EncoderWidths, other.EncoderWidths);
        Arr(nameof(DecoderWidths), DecoderWidths, other.DecoderWidths);
        Arr(nameof(DiscriminatorWidths), DiscriminatorWidths, other.DiscriminatorWidths);
        Cmp(nameof(DiscriminatorFc), DiscriminatorFc, other.DiscriminatorFc);
        Cmp(nameof(RegularizerFc), RegularizerFc, other.RegularizerFc);
        Cmp(nameof(RegularizerClassFc), RegularizerClassFc, other.RegularizerClassFc);
        Arr(nameof(IdentityDiscriminatorWidths), IdentityDiscriminatorHidden, other.IdentityDiscriminatorHidden);
        Cmp(nameof(CodeTiling), CodeTiling, other.CodeTiling);
        Cmp(nameof(EncoderKernel), EncoderKernel, other.EncoderKernel);
        Cmp(nameof(Design), Design, other.Design);
        Cmp(nameof(SkipLevels), SkipLevels, other.SkipLevels);
        Cmp(nameof(InputSkip), InputSkip, other.InputSkip);
        Cmp(nameof(Upsampling), Upsampling, other.Upsampling);
        return d;
    }

    public bool Equals(ExprGanArchitecture? other) => other is not null && Differences(other).Count == 0;

    public override int GetHashCode() => HashCode.Combine(Channels, ImageSize, ZDim, CodeDims, Classes, EncoderWidths.Length, CodeTiling, Design);

    public override string ToString() =>
        $"{ImageSize}x{ImageSize}x{Channels}, z {ZDim}, {Classes} classes x {CodeDims} dims, encoder [{string.Join(",", EncoderWidths)}], " +
        $"decoder [{string.Join(",", DecoderWidths)}], D_img [{string.Join(",", DiscriminatorWidths)}] fc {DiscriminatorFc}" +
        (HasMask ? $", identity-preserving: {SkipLevels} skip levels{(InputSkip ? " + input skip" : "")} + attention mask" : "") +
        (Upsampling == DecoderUpsampling.Nearest ? "" : $", {Upsampling.ToString().ToLowerInvariant()} upsampling");
}
