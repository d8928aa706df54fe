namespace Augment.Data.Loading;

/// <summary>How a stretched-or-cropped source is fitted to the target size.</summary>
public enum ResizeMode
{
    /// <summary>Scale each axis to the target (faces that are already cropped square keep their shape).</summary>
    Stretch,
    /// <summary>Cut the largest centred box with the target's aspect ratio, then scale (no distortion).</summary>
    CenterCrop,
}

/// <summary>What every loader reads and how. Null width/height keep the source size (all images must then agree).</summary>
public sealed record FaceLoadOptions
{
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>Sets width and height together; reads back null when they differ.</summary>
    public int? Size
    {
        get => Width == Height ? Width : null;
        init { Width = value; Height = value; }
    }

    /// <summary>Three channels (RGB) instead of one (luma, BT.601 weights).</summary>
    public bool Rgb { get; init; }

    /// <summary>The classes to keep (any synonym); they are put in paper order, so label indices agree across data sets.
    /// Default: the six classes of the paper (CK+ contempt and neutral only when asked for).</summary>
    public IReadOnlyList<string> Classes { get; init; } = Expressions.Paper;

    /// <summary>Keep at most this many images, a seeded random choice over the whole set (order kept).</summary>
    public int? MaxImages { get; init; }

    /// <summary>Skip unreadable or inconsistent inputs (listed in the load report) instead of throwing.</summary>
    public bool SkipBad { get; init; }

    public int Seed { get; init; } = 1;

    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    /// <summary>Regex applied to the image path relative to the data root ('/' separators); the subject is the group
    /// named 'subject', else group 1. Null: the CK+ naming rule (S005_001_00000009.png -> S005), else unknown.</summary>
    public string? SubjectPattern { get; init; }

    public int Channels => Rgb ? 3 : 1;

    /// <summary>The requested classes, canonical and in paper order.</summary>
    public IReadOnlyList<string> ResolvedClasses()
    {
        if (Classes.Count == 0) throw new ArgumentException("At least one class must be requested.");
        return Expressions.InPaperOrder(Classes);
    }

    /// <summary>Throws on settings no loader can honour.</summary>
    public void Validate()
    {
        if (Width is <= 0 || Height is <= 0) throw new ArgumentException($"Target size must be positive, got {Width}x{Height}.");
        if ((Width == null) != (Height == null)) throw new ArgumentException("Give both width and height, or neither.");
        if (MaxImages is <= 0) throw new ArgumentException($"MaxImages must be positive, got {MaxImages}.");
        ResolvedClasses();
    }
}
