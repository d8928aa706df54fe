using Augment.Evaluation.Gates;

namespace Augment.Sweep.Gates;

/// <summary>
/// How the sweep checks a generator before rendering synthetic rows with it. Not part of the options hash: the gates
/// decide whether cells are run, never what they measure.
/// </summary>
public sealed record GeneratorGateOptions
{
    public QualityGateOptions Thresholds { get; init; } = new();

    /// <summary>Render synthetic rows even when gates fail (<c>--allow-weak-generator</c>); the failure is still reported.</summary>
    public bool AllowWeakGenerator { get; init; }

    /// <summary>Epochs of the judge CNN the gate check trains on the split's real training images (as <c>evaluate --judge-epochs</c>).</summary>
    public int JudgeEpochs { get; init; } = 12;

    /// <summary>Requested intensities 0..1 of the intensity-control measure (as <c>evaluate --intensity-levels</c>).</summary>
    public int IntensityLevels { get; init; } = 11;
}

/// <summary>The sweep refused a generator that failed its quality gates.</summary>
public sealed class WeakGeneratorException(string message) : InvalidOperationException(message);
