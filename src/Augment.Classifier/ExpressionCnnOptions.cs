using Augment.Core;

namespace Augment.Classifier;

/// <summary>How the values of the image column are scaled; the network always sees about [-1, 1].</summary>
public enum PixelScale
{
    /// <summary>Values already in [-1, 1] (a <c>FaceSet</c>'s convention): used as they are.</summary>
    MinusOneToOne,
    /// <summary>Values in [0, 1]: mapped by 2x - 1.</summary>
    ZeroToOne,
    /// <summary>Values in [0, 255] (ML.NET's ExtractPixels default): mapped by x / 127.5 - 1.</summary>
    ZeroTo255,
    /// <summary>Any range: each image is standardised to mean 0, standard deviation 1 on its own.</summary>
    PerImage,
}

/// <summary>Options of <see cref="ExpressionCnnTrainer"/>; the image column holds C*H*W floats, channel-major.</summary>
public sealed record ExpressionCnnOptions
{
    public string FeatureColumnName { get; init; } = "Features";
    /// <summary>A UInt32 key column (e.g. from MapValueToKey); the output PredictedLabel has the same key type.</summary>
    public string LabelColumnName { get; init; } = "Label";
    /// <summary>Optional text column naming each row's subject: the validation split then holds whole subjects.</summary>
    public string? SubjectColumnName { get; init; }

    public int Channels { get; init; } = 1;
    public int Height { get; init; } = 48;
    public int Width { get; init; } = 48;
    public PixelScale Scale { get; init; } = PixelScale.MinusOneToOne;

    public CnnArchitecture Architecture { get; init; } = CnnArchitecture.Default;
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Random horizontal flips and shifts of up to <see cref="MaxShift"/> pixels during training.</summary>
    public bool Augment { get; init; }
    public int MaxShift { get; init; } = 3;

    /// <summary>
    /// Share of the training rows (whole subjects when <see cref="SubjectColumnName"/> is set) held out to pick the
    /// best epoch; 0 trains on everything and keeps the last epoch.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Stop after this many epochs without a better validation accuracy; null runs every epoch.</summary>
    public int? Patience { get; init; }

    public int Seed { get; init; } = 1;
    public DeviceKind Device { get; init; } = DeviceKind.Cpu;
    /// <summary>torch.set_num_threads for training and scoring; null leaves libtorch's setting alone.</summary>
    public int? Threads { get; init; }
    public IProgressSink Progress { get; init; } = NullProgress.Instance;

    public int ImageSize => Channels * Height * Width;

    internal void Validate()
    {
        if (Channels < 1 || Height < 1 || Width < 1) throw new ArgumentException($"Image shape {Channels}x{Height}x{Width} is not valid.");
        if (Epochs < 1) throw new ArgumentException($"Epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 2) throw new ArgumentException($"BatchSize must be at least 2 (batch norm), got {BatchSize}.");
        if (LearningRate <= 0) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}.");
        if (WeightDecay < 0) throw new ArgumentException($"WeightDecay must not be negative, got {WeightDecay}.");
        if (MaxShift < 0) throw new ArgumentException($"MaxShift must not be negative, got {MaxShift}.");
        if (ValidationFraction is < 0 or >= 1) throw new ArgumentException($"ValidationFraction must be in [0, 1), got {ValidationFraction}.");
        if (Patience is < 1) throw new ArgumentException($"Patience must be at least 1, got {Patience}.");
        if (Threads is < 1) throw new ArgumentException($"Threads must be at least 1, got {Threads}.");
    }
}

/// <summary>One training epoch: mean training loss, validation accuracy/loss (null without validation), wall time.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValidationAccuracy, double? ValidationLoss, double Seconds);
