using Augment.Classifier;

namespace Augment.Evaluation.Judging;

/// <summary>
/// The judge CNN that reads edits, trained on real training-subject images (evaluate and the sweep's gates). The
/// defaults are the classifier recipe measured in results/ck48/classifier-cv: 30 epochs, no validation hold-out (the
/// last epoch is kept), flips and shifts. The older judge (12 epochs, 10% of the subjects held out to pick the epoch,
/// no flips) read only half of the real held-out fear and sadness faces right, so it could not tell a weak edit from a
/// weak judge.
/// </summary>
public sealed record JudgeOptions
{
    public int Epochs { get; init; } = 30;

    /// <summary>small, default or wide; null: small below 32 px (the default CNN's pooling needs more), else default.</summary>
    public string? Architecture { get; init; }

    /// <summary>Share of the training subjects held out to pick the epoch; 0 keeps the last epoch.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Random horizontal flips and shifts while the judge trains.</summary>
    public bool Augment { get; init; } = true;

    /// <summary>The CNN options for images of this side (threads and device are the caller's).</summary>
    public ExpressionCnnOptions For(int imageSize) => new()
    {
        Architecture = CnnArchitecture.Parse(Architecture ?? (imageSize < 32 ? "small" : "default")),
        Epochs = Epochs,
        ValidationFraction = ValidationFraction,
        Augment = Augment,
    };
}
