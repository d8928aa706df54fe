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

    /// <summary>Adds (or replaces) the given splits' lines in the folder's log and, when that changed it, writes the file
    /// atomically; returns the log. Under a lock, reading the file first: another process on the same run folder may have
    /// added its splits' lines since.</summary>
    public static SortedDictionary<int, string> Merge(string directory, IReadOnlyDictionary<int, string> checkedNow)
    {
        var path = Path.Combine(directory, FileName);
        using var held = FileLock.Acquire(path + ".lock");
        var log = Read(directory);
        if (checkedNow.All(p => log.TryGetValue(p.Key, out var line) && line == p.Value)) return log;
        foreach (var (split, line) in checkedNow) log[split] = line;
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return log;
    }
}
