namespace Augment.Classifier;

/// <summary>
/// Shape of an <see cref="ExpressionCnn"/>: one block per width (conv 3x3 -> BN -> ReLU, repeated
/// <see cref="ConvsPerBlock"/> times, then 2x2 max-pool), flatten, dropout, a hidden fully connected layer and the
/// class layer. The input side must be at least 2^blocks pixels.
/// </summary>
public sealed record CnnArchitecture(string Name, int[] Widths, int ConvsPerBlock, int Hidden, double Dropout)
{
    /// <summary>For tests on 8x8 - 16x16 images: two narrow blocks, trains in seconds.</summary>
    public static readonly CnnArchitecture Small = new("small", [8, 16], 1, 32, 0.25);

    /// <summary>For 48-64 px faces: four blocks 16-32-64-128 (48 px -> 3x3x128), fc 128, dropout 0.5. About 8M
    /// multiply-adds per 48 px image, so a 10-fold run of CK+48 fits in minutes on 2 CPU cores.</summary>
    public static readonly CnnArchitecture Default = new("default", [16, 32, 64, 128], 1, 128, 0.5);

    /// <summary>Twice the width of <see cref="Default"/> (32-64-128-256, fc 256): about 4x its cost.</summary>
    public static readonly CnnArchitecture Wide = new("wide", [32, 64, 128, 256], 1, 256, 0.5);

    public static CnnArchitecture Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "small" => Small,
        "default" => Default,
        "wide" => Wide,
        _ => throw new ArgumentException($"Unknown CNN architecture '{name}': use small, default or wide."),
    };

    public override string ToString() =>
        $"{Name} (widths {string.Join("-", Widths)}, {ConvsPerBlock} conv/block, fc {Hidden}, dropout {Dropout})";
}
