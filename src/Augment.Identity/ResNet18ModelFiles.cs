namespace Augment.Identity;

/// <summary>
/// Where the ResNet18 of Microsoft.ML.DnnImageFeaturizer.ResNet18 lives. The package's build props copy
/// tools/DnnImageModels/** into the output of an application that references the package (this library excludes
/// them, so the 64 MB do not reach every project above it), so the output folder is searched first; then the NuGet
/// package cache.
/// </summary>
public sealed record ResNet18ModelFiles(string ModelPath, string PreprocessPath)
{
    public const string PackageId = "microsoft.ml.dnnimagefeaturizer.resnet18";
    public const string ModelRelativePath = "ResNet18Onnx/ResNet18.onnx";
    public const string PreprocessRelativePath = "ResNetPrepOnnx/ResNetPreprocess.onnx";

    /// <summary>Finds both files in <paramref name="modelDirectory"/> (a DnnImageModels folder) if given, else in the default places.</summary>
    public static ResNet18ModelFiles Locate(string? modelDirectory = null)
    {
        var candidates = modelDirectory is null ? CandidateDirectories().ToList() : [Path.GetFullPath(modelDirectory)];
        foreach (var dir in candidates)
        {
            var model = Path.Combine(dir, ModelRelativePath);
            var prep = Path.Combine(dir, PreprocessRelativePath);
            if (File.Exists(model) && File.Exists(prep)) return new ResNet18ModelFiles(model, prep);
        }
        throw new FileNotFoundException(
            $"ResNet18 ONNX files ({ModelRelativePath} and {PreprocessRelativePath}) not found. Looked in: {string.Join("; ", candidates)}. " +
            "Reference the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 from the application (its build props copy " +
            "DnnImageModels/ into the output folder) or pass the DnnImageModels folder explicitly.");
    }

    /// <summary>The app's output folder, then every version of the package in the NuGet cache, newest first.</summary>
    public static IEnumerable<string> CandidateDirectories()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = Path.Combine(cache, PackageId);
        var versions = Directory.Exists(package)
            ? Directory.GetDirectories(package).OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0)).ToList()
            : [];
        if (versions.Count == 0) yield return Path.Combine(package, "<version>", "tools", "DnnImageModels");
        foreach (var version in versions) yield return Path.Combine(version, "tools", "DnnImageModels");
    }
}
