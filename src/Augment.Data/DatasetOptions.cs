using Augment.Data.Loading;
using Augment.Data.Procedural;

namespace Augment.Data;

/// <summary>
/// Which data set to read and how: the catalog name, its path, the load options every loader honours and, for the
/// procedural faces, what to draw. The command line builds one of these once; commands change only what they own
/// (the sweep its image size, evaluate the generator's).
/// </summary>
public sealed record DatasetOptions
{
    public string Name { get; init; } = DatasetCatalog.Default;

    /// <summary>Folder or file of the data set; null for the procedural faces and CK+48's default place.</summary>
    public string? Path { get; init; }

    public FaceLoadOptions Load { get; init; } = new();

    /// <summary>Used by the procedural data set only.</summary>
    public ProceduralOptions Procedural { get; init; } = new();

    /// <summary>The loader these options describe.</summary>
    public IFaceSetLoader Loader() => DatasetCatalog.Create(Name, Path, Load, Procedural);
}
