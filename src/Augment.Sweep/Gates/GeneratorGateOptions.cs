using Augment.Evaluation;
using Augment.Evaluation.Gates;
using Augment.Evaluation.Judging;

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

    /// <summary>The judge CNN the gate check trains on the split's real training images (as <c>evaluate</c>'s).</summary>
    public JudgeOptions Judge { get; init; } = new();

    /// <summary>How edits are made and read (as <c>evaluate</c>'s: the same intensity levels).</summary>
    public EvaluationOptions Evaluation { get; init; } = new();
}

/// <summary>The sweep refused a generator that failed its quality gates.</summary>
public sealed class WeakGeneratorException(string message) : InvalidOperationException(message);
