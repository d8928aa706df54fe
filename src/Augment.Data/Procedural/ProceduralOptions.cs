namespace Augment.Data.Procedural;

/// <summary>
/// The embedded procedural face set. Defaults give 40 identities x 6 classes x 6 images = 1440 images, the size of
/// the paper's Oulu-CASIA set. Intensities are uniform in [0.3, 1]: below about 0.3 every expression is close to
/// the neutral face and labels become guesses, while keeping weak-to-peak intensities (not only peaks, as CK+ and
/// Oulu-CASIA do) gives the GAN the low intensities it must learn and a ground truth to score intensity control.
/// </summary>
public sealed record ProceduralOptions
{
    public int Identities { get; init; } = 40;
    public int ImagesPerExpression { get; init; } = 6;
    public float MinIntensity { get; init; } = 0.3f;
    public float MaxIntensity { get; init; } = 1f;
    public int Width { get; init; } = 64;
    public int Height { get; init; } = 64;

    /// <summary>Sets width and height together.</summary>
    public int Size
    {
        get => Width;
        init { Width = value; Height = value; }
    }

    public bool Rgb { get; init; }

    /// <summary>Classes to render (any of <see cref="Expressions.All"/>; neutral is rendered at intensity 0).</summary>
    public IReadOnlyList<string> Classes { get; init; } = Expressions.Paper;

    /// <summary>Per-image head shift, rotation, lighting and background; off gives perfectly aligned faces.</summary>
    public bool Nuisance { get; init; } = true;

    public int? MaxImages { get; init; }
    public int Seed { get; init; } = 1;

    public int Channels => Rgb ? 3 : 1;

    public void Validate()
    {
        if (Identities <= 0) throw new ArgumentException($"Identities must be positive, got {Identities}.");
        if (ImagesPerExpression <= 0) throw new ArgumentException($"ImagesPerExpression must be positive, got {ImagesPerExpression}.");
        if (MinIntensity < 0 || MaxIntensity > 1 || MinIntensity > MaxIntensity)
            throw new ArgumentException($"Intensity range must satisfy 0 <= min <= max <= 1, got [{MinIntensity}, {MaxIntensity}].");
        if (Width < 8 || Height < 8) throw new ArgumentException($"Size must be at least 8x8, got {Width}x{Height}.");
        if (MaxImages is <= 0) throw new ArgumentException($"MaxImages must be positive, got {MaxImages}.");
        if (Classes.Count == 0) throw new ArgumentException("At least one class must be requested.");
        Expressions.InPaperOrder(Classes);
    }
}
