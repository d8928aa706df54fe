using System.Text.Json;
using System.Text.Json.Serialization;
using Augment.Core;
using Augment.ExprGan.Checkpoints;
using Augment.ExprGan.Model;

namespace Augment.ExprGan.Training;

/// <summary>
/// <c>run.json</c> beside a trained generator: what was trained on what, written by <c>train</c> and read by
/// <c>evaluate</c> through <see cref="RunFileFormat"/>. FormatVersion 1; a file without one predates versioning and has
/// the same fields.
/// </summary>
public sealed record TrainingRunRecord(
    string Dataset, int Images, IReadOnlyList<string> Classes, string TrainingSetHash, string Preset, ExprGanArchitecture Architecture,
    ExprGanTrainingOptions Options, string? Source = null, IReadOnlyList<string>? DroppedClasses = null, string? Identity = null,
    string? Device = null, string? Convolution = null, string? Machine = null, int FormatVersion = RunFileFormat.Version)
{
    public const string FileName = "run.json";

    public void Write(string directory) => RunFileFormat.Write(Path.Combine(directory, FileName), this);

    public static TrainingRunRecord Read(string path) => RunFileFormat.Read<TrainingRunRecord>(path);
}

/// <summary>
/// <c>split.json</c> beside a generator trained on one side of a subject hold-out: the split's description and the
/// held-out subjects, so <c>evaluate</c> scores on exactly those.
/// </summary>
public sealed record TrainingSplitRecord(string Description, bool SubjectIndependent, int Train, int TestImages,
    IReadOnlyList<string> TestSubjects, int FormatVersion = RunFileFormat.Version)
{
    public const string FileName = "split.json";

    public void Write(string directory) => RunFileFormat.Write(Path.Combine(directory, FileName), this);

    public static TrainingSplitRecord Read(string path) => RunFileFormat.Read<TrainingSplitRecord>(path);
}

/// <summary>The one reader and writer of the run folder's JSON records (camelCase, versioned, atomic).</summary>
public static class RunFileFormat
{
    public const int Version = 1;

    static readonly JsonSerializerOptions Options = new(CheckpointIO.Json)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },   // "mixture", not 2; numbers still read
    };

    public static void Write<T>(string path, T record) => AtomicFile.WriteAllText(path, Serialize(record));

    /// <summary>The record as its file holds it.</summary>
    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, Options);

    public static T Read<T>(string path)
    {
        T record;
        try { record = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"'{path}' is empty."); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not a {typeof(T).Name} file this build reads: {e.Message}", e); }
        var version = (int)typeof(T).GetProperty("FormatVersion")!.GetValue(record)!;
        if (version != Version)
            throw new InvalidDataException($"'{path}' has format version {version}; this build reads version {Version}.");
        return record;
    }
}
