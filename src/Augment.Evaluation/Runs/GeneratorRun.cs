using System.Text.Json;

namespace Augment.Evaluation.Runs;

/// <summary>
/// What the training run folder beside a generator file says: <c>run.json</c> (data set, options, architecture,
/// training-set hash) and <c>split.json</c> (the held-out subjects) as the train command writes them. Both optional.
/// </summary>
public sealed record GeneratorRun(string GeneratorPath, string? RunJsonPath, IReadOnlyList<KeyValuePair<string, string>> RunOptions,
    string? Dataset, string? TrainingSetHash, string? SplitJsonPath, IReadOnlyList<string>? TestSubjects, string? SplitDescription, int? SplitTestImages)
{
    public const string RunFile = "run.json", SplitFile = "split.json";

    public static GeneratorRun Read(string generatorPath)
    {
        var full = Path.GetFullPath(generatorPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"Generator file '{full}' does not exist.", full);
        var dir = Path.GetDirectoryName(full)!;
        var runPath = Path.Combine(dir, RunFile);
        var splitPath = Path.Combine(dir, SplitFile);

        var options = new List<KeyValuePair<string, string>>();
        string? dataset = null, hash = null;
        if (File.Exists(runPath))
        {
            using var run = Parse(runPath);
            foreach (var p in run.RootElement.EnumerateObject())
                options.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()));
            dataset = String(run.RootElement, "dataset");
            hash = String(run.RootElement, "trainingSetHash");
        }

        IReadOnlyList<string>? test = null;
        string? description = null;
        int? testImages = null;
        if (File.Exists(splitPath))
        {
            using var split = Parse(splitPath);
            var root = split.RootElement;
            if (!TryGet(root, "testSubjects", out var subjects) || subjects.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"'{splitPath}' has no 'testSubjects' list.");
            test = subjects.EnumerateArray().Select(s => s.GetString() ?? throw new InvalidDataException($"'{splitPath}': a test subject is not a string.")).ToArray();
            description = String(root, "Description") ?? String(root, "description");
            if (TryGet(root, "testImages", out var images) && images.TryGetInt32(out var count)) testImages = count;
        }
        return new GeneratorRun(full, File.Exists(runPath) ? runPath : null, options, dataset, hash,
            File.Exists(splitPath) ? splitPath : null, test, description, testImages);
    }

    static JsonDocument Parse(string path)
    {
        try { return JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e); }
    }

    static bool TryGet(JsonElement root, string name, out JsonElement value)
    {
        foreach (var p in root.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        value = default;
        return false;
    }

    static string? String(JsonElement root, string name) =>
        TryGet(root, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
