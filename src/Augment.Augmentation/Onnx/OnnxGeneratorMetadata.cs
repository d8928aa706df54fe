using System.Globalization;
using Augment.ExprGan;

namespace Augment.Augmentation.Onnx;

/// <summary>
/// What an exported generator file says about itself in the ONNX model's metadata_props, so the ONNX backend
/// can run it with no checkpoint and no libtorch: class names, image shape and code sizes.
/// </summary>
public static class OnnxGeneratorMetadata
{
    public const string ClassesKey = "augment.classes", ChannelsKey = "augment.channels", HeightKey = "augment.height",
        WidthKey = "augment.width", ZDimKey = "augment.z_dim", CodeDimsKey = "augment.code_dims";

    public static IReadOnlyDictionary<string, string> Write(GeneratorInfo info) => new Dictionary<string, string>
    {
        [ClassesKey] = string.Join("\n", info.ClassNames),
        [ChannelsKey] = Text(info.Channels),
        [HeightKey] = Text(info.Height),
        [WidthKey] = Text(info.Width),
        [ZDimKey] = Text(info.ZDim),
        [CodeDimsKey] = Text(info.CodeDims),
    };

    /// <summary>Reads the generator description; <paramref name="source"/> names the file in errors.</summary>
    public static GeneratorInfo Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string Get(string key) => metadata.TryGetValue(key, out var v) ? v
            : throw new InvalidDataException($"'{source}' has no '{key}' metadata: it is not a generator exported by `augment export-onnx`.");
        int Int(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw new InvalidDataException($"'{source}': metadata '{key}' = '{Get(key)}' is not a positive integer.");
        var classes = Get(ClassesKey).Split('\n');
        return new GeneratorInfo(classes, Int(ChannelsKey), Int(HeightKey), Int(WidthKey), Int(ZDimKey), Int(CodeDimsKey));
    }

    static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Recognises exported generator files by extension.</summary>
public static class OnnxFile
{
    public static bool IsOnnxPath(string path) => string.Equals(Path.GetExtension(path), ".onnx", StringComparison.OrdinalIgnoreCase);
}
