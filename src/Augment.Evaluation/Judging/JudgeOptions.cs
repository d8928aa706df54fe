using Augment.Classifier;

namespace Augment.Evaluation.Judging;

/// <summary>The judge CNN that reads edits, trained on real training-subject images (evaluate and the sweep's gates).</summary>
public sealed record JudgeOptions
{
    public int Epochs { get; init; } = 12;

    /// <summary>small, default or wide; null: small below 32 px (the default CNN's pooling needs more), else default.</summary>
    public string? Architecture { get; init; }

    /// <summary>The CNN options for images of this side (threads and device are the caller's).</summary>
    public ExpressionCnnOptions For(int imageSize) => new()
    {
        Architecture = CnnArchitecture.Parse(Architecture ?? (imageSize < 32 ? "small" : "default")),
        Epochs = Epochs,
    };
}
