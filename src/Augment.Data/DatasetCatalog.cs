using Augment.Data.Loading;
using Augment.Data.Procedural;

namespace Augment.Data;

/// <summary>A data set the catalog knows: its name for --dataset, what it is, and the layout it expects.</summary>
public sealed record DatasetInfo(string Name, string Description, bool NeedsPath, string Layout);

/// <summary>
/// Maps `--dataset NAME --data PATH` plus load options onto a loader. Names: procedural (default, embedded),
/// ck48, ckplus, folder, oulu, fer2013.
/// </summary>
public static class DatasetCatalog
{
    public const string Default = "procedural";

    /// <summary>Environment variable that overrides the CK+48 location.</summary>
    public const string Ck48Variable = "AUGMENT_CK48";

    public static IReadOnlyList<DatasetInfo> Known { get; } =
    [
        new("procedural", "embedded procedural faces with identity and intensity ground truth (no files needed)", false, "none"),
        new("ck48", "CK+48: cropped 48x48 gray CK+ peak frames, subjects from S###_###_########.png names", false,
            "root/<expression>/S005_001_00000009.png (default path: $AUGMENT_CK48 or ../shared/datasets/ck48)"),
        new("ckplus", "full CK+ distribution: last 3 frames of each labelled sequence (whole video frames, not crops)", true,
            "root/cohn-kanade-images/S###/###/*.png + root/Emotion/S###/###/*_emotion.txt"),
        new("folder", "any folder per class (user data, full CK+ exported per class); subjects by CK+ names or --subject-pattern", true,
            "root/<expression>/*.png|jpg|jpeg|bmp"),
        new("oulu", "Oulu-CASIA: last 3 frames of each sequence, paper split P001-P072 / P073-P080", true, "root/P###/<Expression>/<frame>.jpeg"),
        new("fer2013", "FER2013: Kaggle CSV or train/test folders; split tags from Usage; no subjects", true,
            "fer2013.csv (emotion,pixels,Usage) or root/train|test/<expression>/*.jpg"),
    ];

    /// <summary>A loader for a named data set. 'path' is required for folder, oulu and fer2013, optional for ck48.</summary>
    public static IFaceSetLoader Create(string? name, string? path, FaceLoadOptions options, ProceduralOptions? procedural = null) =>
        CanonicalName(name) switch
        {
            "procedural" => path == null ? new ProceduralFaces(procedural, options)
                : throw new ArgumentException("The procedural data set is generated: it takes no data path."),
            "ck48" => new FolderFaceSetLoader(path ?? DefaultCk48Path(), options, "ck48"),
            "ckplus" => new CkPlusLoader(Require(path, "ckplus"), options),
            "folder" => new FolderFaceSetLoader(Require(path, "folder"), options),
            "oulu" => new OuluCasiaLoader(Require(path, "oulu"), options),
            "fer2013" => new Fer2013Loader(Require(path, "fer2013"), options),
            _ => throw new ArgumentException($"Unknown data set '{name}'; known: {string.Join(", ", Known.Select(k => k.Name))}."),
        };

    /// <summary>The catalog name for a name or alias (ck+48, ck+, oulu-casia, fer), or null when unknown; null input means the default.</summary>
    public static string? CanonicalName(string? name) => (name ?? Default).Trim().ToLowerInvariant() switch
    {
        "ck+48" => "ck48",
        "ck+" => "ckplus",
        "oulu-casia" => "oulu",
        "fer" => "fer2013",
        var n when Known.Any(k => k.Name == n) => n,
        _ => null,
    };

    /// <summary>CK+48's location: $AUGMENT_CK48, else ../shared/datasets/ck48 beside the repository root.</summary>
    public static string DefaultCk48Path()
    {
        if (Environment.GetEnvironmentVariable(Ck48Variable) is { Length: > 0 } env) return Path.GetFullPath(env);
        var root = FindRepoRoot() ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", "ck48"));
    }

    /// <summary>The folder holding Augment.sln above the working directory or the program, or null.</summary>
    public static string? FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Augment.sln"))) return dir.FullName;
        return null;
    }

    static string Require(string? path, string name) =>
        path ?? throw new ArgumentException($"The {name} data set needs a path (--data).");
}
