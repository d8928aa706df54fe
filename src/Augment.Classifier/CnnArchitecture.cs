using System.Globalization;
using Augment.Torch;

namespace Augment.Classifier;

/// <summary>
/// Shape of an <see cref="ExpressionCnn"/>: one block per width (conv 3x3 -> BN -> ReLU, repeated
/// <see cref="ConvsPerBlock"/> times, then 2x2 max-pool), flatten, dropout, a hidden fully connected layer and the
/// class layer. The input side must be at least 2^blocks pixels. With <see cref="SpaceToDepth"/> the image is first
/// folded into 2x2 blocks (C x H x W -> 4C x H/2 x W/2, PixelUnshuffle) and the first block does not pool, so the
/// features end at the same size while the first block's convolution, batch norm, ReLU and pooling no longer run at
/// full resolution: on CPU those full-resolution passes, not the convolutions' arithmetic, took most of a step.
/// </summary>
public sealed record CnnArchitecture(string Name, int[] Widths, int ConvsPerBlock, int Hidden, double Dropout, bool SpaceToDepth = false)
{
    /// <summary>For tests on 8x8 - 16x16 images: two narrow blocks, trains in seconds.</summary>
    public static readonly CnnArchitecture Small = new("small", [8, 16], 1, 32, 0.25);

    /// <summary>For 48-64 px faces: four blocks 16-32-64-128 (48 px -> 3x3x128), fc 128, dropout 0.5. About 8M
    /// multiply-adds per 48 px image, so a 10-fold run of CK+48 fits in minutes on 2 CPU cores.</summary>
    public static readonly CnnArchitecture Default = new("default", [16, 32, 64, 128], 1, 128, 0.5);

    /// <summary><see cref="Default"/> after a space-to-depth stem: the same widths and output size, about half of
    /// its CPU time per step.</summary>
    public static readonly CnnArchitecture SpaceToDepthDefault = Default with { Name = "s2d", SpaceToDepth = true };

    /// <summary>Twice the width of <see cref="Default"/> (32-64-128-256, fc 256): about 4x its cost.</summary>
    public static readonly CnnArchitecture Wide = new("wide", [32, 64, 128, 256], 1, 256, 0.5);

    /// <summary>
    /// A preset name (small, default, s2d, wide) or a custom shape written as
    /// <c>WIDTHS[/fcN][/dropP][/convK][/s2d]</c>, e.g. <c>32-64-128-256/fc256/drop0.25/conv2</c>: so a command's
    /// <c>--arch</c> can try shapes without a new preset (unset parts keep <see cref="Default"/>'s).
    /// </summary>
    public static CnnArchitecture Parse(string name)
    {
        var text = name.Trim().ToLowerInvariant();
        switch (text)
        {
            case "small": return Small;
            case "default": return Default;
            case "s2d": return SpaceToDepthDefault;
            case "wide": return Wide;
        }
        var parts = text.Split('/');
        if (parts[0].Split('-') is var widthTexts && !widthTexts.All(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
            throw new ArgumentException($"Unknown CNN architecture '{name}': use small, default, s2d, wide, or WIDTHS[/fcN][/dropP][/convK][/s2d] such as 32-64-128-256/fc256/drop0.25.");
        var shape = Default with { Name = text, Widths = widthTexts.Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray() };
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("fc", StringComparison.Ordinal) && int.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var fc) && fc > 0)
                shape = shape with { Hidden = fc };
            else if (part.StartsWith("drop", StringComparison.Ordinal) && double.TryParse(part[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and < 1)
                shape = shape with { Dropout = p };
            else if (part.StartsWith("conv", StringComparison.Ordinal) && int.TryParse(part[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0)
                shape = shape with { ConvsPerBlock = k };
            else if (part == "s2d")
                shape = shape with { SpaceToDepth = true };
            else
                throw new ArgumentException($"CNN architecture '{name}': cannot read '{part}' (expected fcN, dropP with 0 <= P < 1, convK or s2d).");
        }
        return shape;
    }

    /// <summary>Whether every convolution of this CNN on <paramref name="channels"/>-channel images has channel counts
    /// oneDNN gets right even on the CPUs where it is wrong elsewhere (<see cref="ConvolutionGuard.Aligned"/>).</summary>
    public bool ConvolutionsAligned(int channels) =>
        ConvolutionGuard.Aligned(SpaceToDepth ? 4 * channels : channels, Widths.SelectMany(w => Enumerable.Repeat(w, ConvsPerBlock)));

    public override string ToString() =>
        $"{Name} ({(SpaceToDepth ? "space-to-depth stem, " : "")}widths {string.Join("-", Widths)}, {ConvsPerBlock} conv/block, fc {Hidden}, dropout {Dropout})";
}
