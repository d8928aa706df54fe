using System.Reflection;
using Augment.Tests.Data;

namespace Augment.Tests.Architecture;

/// <summary>
/// The projects reference each other as docs/architecture.md draws it: explicitly (every Augment assembly a project
/// uses is its own reference), minimally (nothing referenced and unused) and one way (back along the pipeline).
/// </summary>
public class ProjectReferenceTests
{
    const string TestProject = "Augment.Tests";   // references everything it tests; not drawn
    static readonly string Root = DataPaths.RepoRoot();
    static readonly ArchitectureDoc Doc = ArchitectureDoc.Read(Path.Combine(Root, "docs", "architecture.md"));
    static readonly IReadOnlyList<ProjectFile> Projects = ProjectFile.All(Root);

    [Fact]
    public void EveryProjectReferenceIsAnArrowOfThePicture()
    {
        var drawn = Projects.Where(p => p.Name != TestProject).ToList();
        Assert.Equal(drawn.Select(p => p.Name).Order(), Doc.Projects.Order());
        var actual = drawn.SelectMany(p => p.ProjectReferences.Select(r => (From: p.Name, To: r))).ToHashSet();
        None(actual.Except(Doc.Arrows).Select(a => $"{a.From} -> {a.To} is referenced but not drawn in docs/architecture.md"));
        None(Doc.Arrows.Except(actual).Select(a => $"{a.From} -> {a.To} is drawn in docs/architecture.md but not referenced"));
    }

    [Fact]
    public void ArrowsPointBackAlongThePipeline()
    {
        Assert.Equal(Doc.Projects.Order(), Doc.PipelineOrder.Order());
        var position = Doc.PipelineOrder.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        None(Doc.Arrows.Where(a => position[a.To] >= position[a.From]).Select(a => $"{a.From} -> {a.To} points forward along the pipeline"));
    }

    /// <summary>What the compiler kept (it emits a reference only to an assembly whose types are used) against the .csproj.</summary>
    [Fact]
    public void EveryAssemblyUsedIsReferencedAndEveryReferenceUsed()
    {
        var assemblyOf = Projects.ToDictionary(p => p.Name, p => p.AssemblyName);
        var ours = assemblyOf.Values.ToHashSet(StringComparer.Ordinal);
        var built = Projects.Where(p => File.Exists(Path.Combine(AppContext.BaseDirectory, p.AssemblyName + ".dll"))).ToList();
        Assert.True(built.Count >= Doc.Projects.Count, $"only {built.Count} assemblies found beside the tests");   // all but OneDnnRepro, and the tests
        None(built.SelectMany(project =>
        {
            var used = Assembly.Load(project.AssemblyName).GetReferencedAssemblies().Select(a => a.Name!).Where(ours.Contains).ToHashSet();
            var referenced = project.ProjectReferences.Select(r => assemblyOf[r]).ToHashSet();
            return used.Except(referenced).Select(a => $"{project.Name} uses {a} without referencing it")
                .Concat(referenced.Except(used).Select(a => $"{project.Name} references {a} without using it"));
        }));
    }

    /// <summary>The 64 MB ResNet18 files follow the package's build assets: only applications may take them.</summary>
    [Fact]
    public void OnlyApplicationsCopyTheResNet18Files()
    {
        foreach (var project in Projects.Where(p => p.Path.Contains($"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            foreach (var package in project.Xml.Descendants("PackageReference").Where(r => (string?)r.Attribute("Include") == "Microsoft.ML.DnnImageFeaturizer.ResNet18"))
                Assert.Contains("build", ((string?)package.Attribute("ExcludeAssets") ?? "").Split(';'), StringComparer.OrdinalIgnoreCase);
    }

    static void None(IEnumerable<string> problems)
    {
        var list = problems.Order().ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }
}
