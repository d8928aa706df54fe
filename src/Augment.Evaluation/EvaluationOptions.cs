namespace Augment.Evaluation;

/// <summary>How edits are made and read. Intensities are 0, 1/(L-1), ..., 1 for L = <see cref="IntensityLevels"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Requested intensities per target (default 11: 0, 0.1, ..., 1).</summary>
    public int IntensityLevels { get; init; } = 11;

    /// <summary>About how many edits are decoded and scored at once (memory vs overhead).</summary>
    public int EditBatch { get; init; } = 128;

    /// <summary>Rows of the edit grid (one test face per subject first).</summary>
    public int GridFaces { get; init; } = 6;

    /// <summary>Columns of the intensity ramp in the edit grid.</summary>
    public int GridRampSteps { get; init; } = 6;

    /// <summary>Intensities at which every face is edited into every target for the nearest-face identity measure.</summary>
    public IReadOnlyList<float> IdentityIntensities { get; init; } = [0.5f, 1f];

    public float[] Intensities() =>
        Enumerable.Range(0, IntensityLevels).Select(l => l == IntensityLevels - 1 ? 1f : (float)Math.Round(l / (double)(IntensityLevels - 1), 6)).ToArray();

    public EvaluationOptions Validated()
    {
        if (IntensityLevels < 2) throw new ArgumentException($"IntensityLevels must be at least 2 (0 and 1), got {IntensityLevels}.");
        if (EditBatch < 1) throw new ArgumentException($"EditBatch must be positive, got {EditBatch}.");
        if (GridFaces < 1 || GridRampSteps < 2) throw new ArgumentException($"The edit grid needs at least 1 face and 2 ramp steps, got {GridFaces} and {GridRampSteps}.");
        if (IdentityIntensities.Count == 0 || IdentityIntensities.Any(v => v is < 0 or > 1 || float.IsNaN(v)))
            throw new ArgumentException($"IdentityIntensities must be one or more values in [0, 1], got [{string.Join(", ", IdentityIntensities)}].");
        return this;
    }
}
