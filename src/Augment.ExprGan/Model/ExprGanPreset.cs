namespace Augment.ExprGan.Model;

/// <summary>
/// A named size class of ExprGAN: image side, code sizes, network widths and the batch size it was tuned for.
/// Channels and the class count come from the data set, so one preset serves grayscale and RGB sets alike.
/// </summary>
public sealed record ExprGanPreset(
    string Name, string Description, int ImageSize, int ZDim, int CodeDims,
    int[] EncoderWidths, int[] DecoderWidths, int[] DiscriminatorWidths,
    int DiscriminatorFc, int RegularizerFc, int RegularizerClassFc, int[] IdentityDiscriminatorWidths, int BatchSize)
{
    /// <summary>The original network (Ding et al. 2018): 128x128, encoder 64..1024, decoder 512..32, z 50, d 5, batch 48.</summary>
    public static readonly ExprGanPreset Paper = new("paper", "the original: 128x128, encoder 64..1024, decoder 512..32",
        128, 50, 5, [64, 128, 256, 512, 1024], [512, 256, 128, 64, 32], [16, 32, 64, 128], 1024, 128, 64, [64, 32, 16], 48)
    { DefaultEpochs = [200, 50, 50] };

    /// <summary>
    /// 64x64 with the original's depth pattern cut by one stage and narrower widths, so a stage-3 epoch on CK+48's
    /// ~830 training images fits in about a minute on 2 CPU threads (results/benchmarks/train-step.md).
    /// </summary>
    public static readonly ExprGanPreset Cpu = new("cpu", "64x64, 4 stages, widths cut for 2 CPU threads",
        64, 50, 5, [32, 64, 128, 256], [128, 64, 32, 16], [16, 32, 64, 128], 512, 128, 64, [64, 32, 16], 32)
    { DefaultEpochs = [60, 30, 30] };

    /// <summary>16x16, widths 8-16: for tests and smoke runs only.</summary>
    public static readonly ExprGanPreset Tiny = new("tiny", "16x16, widths 8-16, for tests",
        16, 8, 2, [8, 16], [16, 8], [8, 16], 32, 16, 8, [16, 8, 4], 8)
    { DefaultEpochs = [2, 2, 2] };

    /// <summary>Epochs of stages 1-3 when the caller gives none (the paper's 200/50/50 for the paper preset).</summary>
    public int[] DefaultEpochs { get; init; } = [200, 50, 50];

    public static IReadOnlyList<ExprGanPreset> All { get; } = [Tiny, Cpu, Paper];

    /// <summary>The preset with this name (case-insensitive), or an exception listing the known names.</summary>
    public static ExprGanPreset Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown ExprGAN preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))}).");

    /// <summary>The architecture for a data set with these channels and classes; codeDims overrides d.</summary>
    public ExprGanArchitecture Architecture(int channels, int classes, int? codeDims = null) =>
        new ExprGanArchitecture(channels, ImageSize, ZDim, codeDims ?? CodeDims, classes,
            EncoderWidths, DecoderWidths, DiscriminatorWidths, DiscriminatorFc, RegularizerFc, RegularizerClassFc,
            IdentityDiscriminatorWidths).Validated();
}
