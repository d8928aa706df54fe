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

    /// <summary>For 48-64 px faces: four blocks 32-64-128-256 (48 px -> 3x3x256), fc 256, dropout 0.5.</summary>
    public static readonly CnnArchitecture Default = new("default", [32, 64, 128, 256], 1, 256, 0.5);

    public static CnnArchitecture Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "small" => Small,
        "default" => Default,
        _ => throw new ArgumentException($"Unknown CNN architecture '{name}': use small or default."),
    };

    public override string ToString() =>
        $"{Name} (widths {string.Join("-", Widths)}, {ConvsPerBlock} conv/block, fc {Hidden}, dropout {Dropout})";
}
