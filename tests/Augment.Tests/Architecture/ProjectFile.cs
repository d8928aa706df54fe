using System.Xml.Linq;

namespace Augment.Tests.Architecture;

/// <summary>A project of the repository as its .csproj declares it: name, assembly name, references.</summary>
sealed record ProjectFile(string Name, string Path, string AssemblyName, IReadOnlyList<string> ProjectReferences, XDocument Xml)
{
    /// <summary>Every .csproj under src/, experiments/ and tests/.</summary>
    public static IReadOnlyList<ProjectFile> All(string root) =>
        new[] { "src", "experiments", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(System.IO.Path.Combine(root, d), "*.csproj", SearchOption.AllDirectories))
            .Select(Read).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    static ProjectFile Read(string path)
    {
        var xml = XDocument.Load(path);
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var references = xml.Descendants("ProjectReference")
            .Select(r => System.IO.Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
        var assembly = xml.Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault() ?? name;
        return new ProjectFile(name, path, assembly, references, xml);
    }
}
