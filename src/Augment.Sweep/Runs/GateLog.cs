using System.Text.Json;
using Augment.Core;

namespace Augment.Sweep.Runs;

/// <summary>
/// gates.json of a run folder: each split's quality-gate line as its generator was checked. A resumed sweep checks only
/// the splits it prepares, so without this its summary would lose the verdicts of generators an earlier invocation
/// checked.
/// </summary>
public static class GateLog
{
    public const string FileName = "gates.json";

    public static SortedDictionary<int, string> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return [];
        try { return JsonSerializer.Deserialize<SortedDictionary<int, string>>(File.ReadAllText(path)) ?? []; }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a gate log ({e.Message}); delete it to rebuild it from the next checks."); }
    }

    /// <summary>Adds (or replaces) the given splits' lines in <paramref name="log"/> (as <see cref="Read"/> gave it) and,
    /// when that changed it, writes the file atomically.</summary>
    public static void Merge(string directory, SortedDictionary<int, string> log, IReadOnlyDictionary<int, string> checkedNow)
    {
        if (checkedNow.All(p => log.TryGetValue(p.Key, out var line) && line == p.Value)) return;
        foreach (var (split, line) in checkedNow) log[split] = line;
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
