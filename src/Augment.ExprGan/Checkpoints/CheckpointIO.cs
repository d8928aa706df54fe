using System.Text.Json;
using System.Text.Json.Serialization;
using Augment.Core;
using TorchSharp;

namespace Augment.ExprGan.Checkpoints;

/// <summary>
/// The container both checkpoint kinds share: a magic string and version, a JSON header, then the state dicts of
/// the modules in a fixed order (TorchSharp's own binary format, count-prefixed so they follow one another), then
/// optional optimiser states. Written atomically so a killed process never leaves half a checkpoint.
/// </summary>
public static class CheckpointIO
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<THeader>(string path, string magic, int version, THeader header, Action<BinaryWriter> body) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(magic);
            writer.Write(version);
            writer.Write(JsonSerializer.Serialize(header, Json));
            body(writer);
            writer.Flush();
        });

    /// <summary>Opens a checkpoint, checks magic and version, returns the header and a reader positioned at the body.</summary>
    public static (THeader Header, BinaryReader Reader) Open<THeader>(string path, string magic, int version, string kind)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{kind} '{path}' does not exist.", path);
        var reader = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8, leaveOpen: false);
        try
        {
            string found;
            try { found = reader.ReadString(); }
            catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
            { throw new InvalidDataException($"'{path}' is not an {kind}: it is empty or truncated."); }
            if (found != magic)
                throw new InvalidDataException($"'{path}' is not an {kind} (its header says '{Printable(found)}', expected '{magic}').");
            var v = reader.ReadInt32();
            if (v != version) throw new InvalidDataException($"'{path}' is an {kind} of format version {v}; this build reads version {version}.");
            var header = JsonSerializer.Deserialize<THeader>(reader.ReadString(), Json)
                ?? throw new InvalidDataException($"'{path}': empty {kind} header.");
            return (header, reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Loads one module's state dict from the stream, naming the file and section when it does not fit.</summary>
    public static void LoadModule(BinaryReader reader, torch.nn.Module module, string path, string section)
    {
        try { module.load(reader, strict: true); }
        catch (Exception e) when (e is not OutOfMemoryException)
        { throw new InvalidDataException($"'{path}': the '{section}' weights do not fit the network: {e.Message}", e); }
    }

    static string Printable(string s) => new(s.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
