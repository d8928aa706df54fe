namespace Augment.Data.Procedural;

/// <summary>
/// The embedded procedural face set. Defaults give 40 identities x 6 classes x 6 images = 1440 images, the size of
/// the paper's Oulu-CASIA set. Intensities are uniform in [0.3, 1]: below about 0.3 every expression is close to
/// the neutral face and labels become guesses, while keeping weak-to-peak intensities (not only peaks, as CK+ and
/// Oulu-CASIA do) gives the GAN the low intensities it must learn and a ground truth to score intensity control.
/// Size, channels, classes, limit and seed are not here: they are how any data set is read (<see cref="Loading.FaceLoadOptions"/>),
/// so they travel once.
/// </summary>
public sealed record ProceduralOptions
{
    public int Identities { get; init; } = 40;
    public int ImagesPerExpression { get; init; } = 6;
    public float MinIntensity { get; init; } = 0.3f;
    public float MaxIntensity { get; init; } = 1f;
    /// <summary>Per-image head shift, rotation, lighting and background; off gives perfectly aligned faces.</summary>
    public bool Nuisance { get; init; } = true;

    public void Validate()
    {
        if (Identities <= 0) throw new ArgumentException($"Identities must be positive, got {Identities}.");
        if (ImagesPerExpression <= 0) throw new ArgumentException($"ImagesPerExpression must be positive, got {ImagesPerExpression}.");
        if (MinIntensity < 0 || MaxIntensity > 1 || MinIntensity > MaxIntensity)
            throw new ArgumentException($"Intensity range must satisfy 0 <= min <= max <= 1, got [{MinIntensity}, {MaxIntensity}].");
    }
}
