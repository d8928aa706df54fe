using Augment.Data;
using Augment.ExprGan;

namespace Augment.Evaluation;

/// <summary>Refuses to evaluate a generator on a data set of other classes or another image shape.</summary>
public static class GeneratorCompatibility
{
    /// <summary>The differences between what the generator was trained on and the set (empty when they match).</summary>
    public static IReadOnlyList<string> Differences(GeneratorInfo info, FaceSet set)
    {
        var differences = new List<string>();
        if (!info.ClassNames.SequenceEqual(set.ClassNames, StringComparer.OrdinalIgnoreCase))
            differences.Add($"classes [{string.Join(", ", info.ClassNames)}] vs the data set's [{string.Join(", ", set.ClassNames)}] (use --classes / --contempt as in training)");
        if (info.Channels != set.Channels)
            differences.Add($"{info.Channels} channel(s) vs the data set's {set.Channels} ({(info.Channels == 3 ? "add" : "drop")} --rgb)");
        if (info.Height != set.Height || info.Width != set.Width)
            differences.Add($"{info.Width}x{info.Height} images vs the data set's {set.Width}x{set.Height} (use --size {info.Width})");
        return differences;
    }

    public static void Check(GeneratorInfo info, FaceSet set, string generatorName)
    {
        var differences = Differences(info, set);
        if (differences.Count > 0)
            throw new InvalidDataException($"{generatorName} does not match '{set.Name}': {string.Join("; ", differences)}.");
    }
}
