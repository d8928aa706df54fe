using System.Text.Json;
using Augment.ExprGan.Training;

namespace Augment.Evaluation.Runs;

/// <summary>
/// What the training run folder of a generator file (its folder, or the run folder above a snapshot) says: <c>run.json</c> (<see cref="TrainingRunRecord"/>: data set,
/// options, architecture, training-set hash) and <c>split.json</c> (<see cref="TrainingSplitRecord"/>: the held-out
/// subjects), read by the same records the train command writes them with. Both optional.
/// </summary>
public sealed record GeneratorRun(string GeneratorPath, string? RunJsonPath, IReadOnlyList<KeyValuePair<string, string>> RunOptions,
    string? Dataset, string? TrainingSetHash, string? SplitJsonPath, IReadOnlyList<string>? TestSubjects, string? SplitDescription, int? SplitTestImages)
{
    public const string RunFile = TrainingRunRecord.FileName, SplitFile = TrainingSplitRecord.FileName;

    public static GeneratorRun Read(string generatorPath)
    {
        var full = Path.GetFullPath(generatorPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"Generator file '{full}' does not exist.", full);
        var dir = Path.GetDirectoryName(full)!;
        // A snapshot (train --snapshot-every) sits one folder below its run's records.
        if (Path.GetFileName(dir) == ExprGanRunFiles.SnapshotFolder) dir = Path.GetDirectoryName(dir)!;
        var runPath = Path.Combine(dir, RunFile);
        var splitPath = Path.Combine(dir, SplitFile);
        var run = File.Exists(runPath) ? TrainingRunRecord.Read(runPath) : null;
        var split = File.Exists(splitPath) ? TrainingSplitRecord.Read(splitPath) : null;
        return new GeneratorRun(full, run != null ? runPath : null, run != null ? Flatten(run) : [], run?.Dataset, run?.TrainingSetHash,
            split != null ? splitPath : null, split?.TestSubjects, split?.Description, split?.TestImages);
    }

    /// <summary>The record's top-level fields as text, for the report.</summary>
    static List<KeyValuePair<string, string>> Flatten(TrainingRunRecord run)
    {
        using var doc = JsonDocument.Parse(RunFileFormat.Serialize(run));
        return doc.RootElement.EnumerateObject()
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
            .ToList();
    }
}
