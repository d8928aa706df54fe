using System.Text.RegularExpressions;

namespace Augment.Tests.Architecture;

/// <summary>
/// The picture in docs/architecture.md, read back so the test and the document cannot disagree: the mermaid nodes
/// (id -> project name), its arrows ("A --> B &amp; C": A references B and C) and the table's pipeline order.
/// </summary>
sealed partial class ArchitectureDoc
{
    public required IReadOnlySet<(string From, string To)> Arrows { get; init; }
    public required IReadOnlyList<string> Projects { get; init; }
    public required IReadOnlyList<string> PipelineOrder { get; init; }

    public static ArchitectureDoc Read(string path)
    {
        var text = File.ReadAllText(path);
        var start = text.IndexOf("```mermaid", StringComparison.Ordinal);
        var end = text.IndexOf("```", start + 3, StringComparison.Ordinal);
        if (start < 0 || end < 0) throw new InvalidDataException($"{path}: no ```mermaid block.");
        var lines = text[start..end].Split('\n').Select(l => l.Trim()).ToList();
        var names = lines.Select(l => Node().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        string Name(string id) => names.TryGetValue(id.Trim(), out var n) ? n : throw new InvalidDataException($"{path}: arrow to undeclared node '{id.Trim()}'.");
        var arrows = lines.Select(l => Edge().Match(l)).Where(m => m.Success)
            .SelectMany(m => m.Groups[2].Value.Split('&').Select(to => (Name(m.Groups[1].Value), Name(to))))
            .ToHashSet();
        var order = text.Split('\n').Select(l => Row().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        return new ArchitectureDoc { Arrows = arrows, Projects = names.Values.ToList(), PipelineOrder = order };
    }

    [GeneratedRegex("""^(\w+)\["([\w.]+)"\]$""")]
    private static partial Regex Node();

    [GeneratedRegex(@"^(\w+)\s*-->\s*(.+)$")]
    private static partial Regex Edge();

    [GeneratedRegex(@"^\| `([\w.]+)` \|")]
    private static partial Regex Row();
}
