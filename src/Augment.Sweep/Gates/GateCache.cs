using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Augment.Core;
using Augment.Evaluation;
using Augment.Evaluation.Gates;
using Augment.Evaluation.Judging;
using Augment.Torch;

namespace Augment.Sweep.Gates;

/// <summary>
/// Everything that decides a generator's gate measurement apart from the generator itself (whose cache folder holds
/// the file): the judge and how edits are made and read, the data it is measured on, seed, threads and device. The
/// thresholds are not in it: they are applied to the cached numbers, so changing a bar never re-measures.
/// </summary>
public sealed record GateMeasurementKey(JudgeOptions Judge, EvaluationOptions Evaluation, IntensityReading Reading,
    string IdentityFeatures, float IdentityIntensity, string Phi, string TrainingSet, string TestSet, int Seed, int Threads, DeviceKind Device)
{
    public string Hash()
    {
        var text = JsonSerializer.Serialize(this, GateCache.Json);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}

/// <summary>
/// The numbers a generator's gates read, kept beside the cached generator as <c>gates-KEY.json</c>: a sweep over cached
/// GANs (another worker on the same run, a resumed run, another classifier budget) reads them instead of training a
/// judge and editing every held-out face again (minutes per split).
/// </summary>
public static class GateCache
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // an unmeasurable Spearman is NaN
        Converters = { new JsonStringEnumConverter() },
    };

    public static string PathFor(string generatorFolder, GateMeasurementKey key) => Path.Combine(generatorFolder, $"gates-{key.Hash()}.json");

    /// <summary>The cached numbers, or null when none are cached; a file that cannot be read is refused by name.</summary>
    public static GateInputs? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), Json)?.Inputs
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a gate measurement ({e.Message}); delete it to measure the gates again.", e);
        }
    }

    public static void Write(string path, GateMeasurementKey key, GateInputs inputs) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Entry(key, inputs), Json) + "\n");

    /// <summary>The file: the key in full (for whoever reads it) and the numbers.</summary>
    sealed record Entry(GateMeasurementKey Key, GateInputs Inputs);
}
