using System.Text.Json;
using Augment.Core;

namespace Augment.Sweep.Runs;

/// <summary>
/// run.json of a sweep's run folder: what it is, how far it got, and which files it wrote; publish refuses a run
/// that is not complete and copies exactly <see cref="Files"/>.
/// </summary>
public sealed record RunStatus(string Dataset, string OptionsHash, string Command, int CellsDone, int CellsTotal, IReadOnlyList<string> Files,
    DateTimeOffset Updated, string? Options = null)
{
    public const string FileName = "run.json";

    public bool Complete => CellsDone >= CellsTotal && CellsTotal > 0;

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>
    /// Why cells of this run cannot be resumed by a sweep with other options: the command that made them and, when this
    /// status recorded its options (<see cref="Options"/>), the settings that differ, as "theirs -> this sweep's".
    /// </summary>
    public string Mismatch(string optionsHash, string options)
    {
        var why = $"This folder's cells were made by `{Command}` (options {OptionsHash}), this sweep's options are {optionsHash}";
        if (Options is null) return why;
        return $"{why}; different: {string.Join(", ", Differences(Options, options))}";
    }

    /// <summary>The settings two options texts (<see cref="Options"/>) differ in, as "a -> b".</summary>
    public static IReadOnlyList<string> Differences(string a, string b)
    {
        var left = a.Split('|');
        var right = b.Split('|');
        return Enumerable.Range(0, Math.Max(left.Length, right.Length))
            .Select(i => (A: i < left.Length ? left[i] : "(none)", B: i < right.Length ? right[i] : "(none)"))
            .Select((p, i) => (p.A, p.B, Name: i < Plan.SweepOptions.HashTextFields.Length ? Plan.SweepOptions.HashTextFields[i] + " " : ""))
            .Where(p => p.A != p.B).Select(p => $"{p.Name}{p.A} -> {p.B}").ToList();
    }

    /// <summary>The run folder's status, or null when it has none (not a sweep run folder, or one from before run.json).</summary>
    public static RunStatus? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<RunStatus>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty."); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a sweep run status ({e.Message})."); }
    }
}
