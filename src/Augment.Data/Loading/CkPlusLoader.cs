using System.Globalization;
using Augment.Core;
using Augment.Data.Imaging;

namespace Augment.Data.Loading;

/// <summary>
/// The full CK+ distribution: `cohn-kanade-images/S###/###/S###_###_########.png` frames and
/// `Emotion/S###/###/*_emotion.txt` labels (codes 0 neutral, 1 anger, 2 contempt, 3 disgust, 4 fear, 5 happy,
/// 6 sadness, 7 surprise; only 327 sequences carry one). Takes the last frames of each labelled sequence (as CK+48
/// does) and, when neutral is requested, its first frame. Frames are whole 640x490 video frames, not face crops.
/// </summary>
public sealed class CkPlusLoader(string root, FaceLoadOptions options, int framesPerSequence = 3) : IFaceSetLoader
{
    /// <summary>CK+ emotion codes 0..7 in canonical names.</summary>
    public static readonly IReadOnlyList<string> EmotionCodes =
        [Expressions.Neutral, Expressions.Anger, Expressions.Contempt, Expressions.Disgust, Expressions.Fear,
         Expressions.Happiness, Expressions.Sadness, Expressions.Surprise];

    public string Name => "ckplus";
    public string Source { get; } = root;
    public FaceLoadOptions Options { get; } = options;

    public FaceSet Load(out LoadReport report, IProgressSink? progress = null)
    {
        Options.Validate();
        if (!Directory.Exists(Source)) throw new DatasetException(Source, "folder does not exist");
        var images = FindFolder(Source, "cohn-kanade-images")
            ?? throw new DatasetException(Source, "holds no cohn-kanade-images folder (expected the CK+ distribution layout)");
        var emotions = FindFolder(Source, "Emotion")
            ?? throw new DatasetException(Source, "holds no Emotion label folder (expected Emotion/S###/###/*_emotion.txt)");
        var classes = ClassResolver.For(Options);
        var builder = new FaceSetBuilder(Name, Source, classes.ClassNames, Options.SkipBad);
        var neutral = classes.IndexOf(Expressions.Neutral);
        var ignored = new int[EmotionCodes.Count];
        var entries = new List<ImageEntry>();
        foreach (var labelFile in Directory.EnumerateFiles(emotions, "*_emotion.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var sequence = Path.GetRelativePath(emotions, Path.GetDirectoryName(labelFile)!);
            var subject = sequence.Split(Path.DirectorySeparatorChar)[0];
            var text = File.ReadAllText(labelFile).Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value != Math.Floor(value) || value is < 0 or > 7)
            {
                builder.Fail(labelFile, $"label '{text}' is not a CK+ emotion code 0..7");
                continue;
            }
            var frameDir = Path.Combine(images, sequence);
            var frames = Directory.Exists(frameDir)
                ? Directory.EnumerateFiles(frameDir).Where(ImageCodec.IsImageFile).Order(StringComparer.Ordinal).ToList() : [];
            if (frames.Count == 0)
            {
                builder.Fail(frameDir, "labelled sequence has no frames");
                continue;
            }
            var label = classes.IndexOf(EmotionCodes[(int)value]);
            if (label < 0) ignored[(int)value]++;
            else entries.AddRange(frames.TakeLast(framesPerSequence).Select(f => new ImageEntry(f, label, subject)));
            if (neutral >= 0) entries.Add(new ImageEntry(frames[0], neutral, subject));
        }
        for (var code = 0; code < ignored.Length; code++)
            if (ignored[code] > 0) builder.Note($"{ignored[code]} sequences of '{EmotionCodes[code]}' are not among the requested classes: ignored.");
        builder.Note("CK+ frames are whole video frames, not face crops: use --size with --crop, or CK+48 for aligned faces.");
        entries = ImageEntries.Choose(entries, Options.MaxImages, Options.Seed);
        ImageEntries.Decode(entries, ImageReadOptions.From(Options), builder, progress, "load ckplus");
        return builder.Build(out report);
    }

    /// <summary>The first folder with the given name at or below root (breadth first, three levels).</summary>
    static string? FindFolder(string root, string name)
    {
        var level = new List<string> { root };
        for (var depth = 0; depth < 3 && level.Count > 0; depth++)
        {
            if (level.SelectMany(Directory.EnumerateDirectories).Order(StringComparer.Ordinal)
                    .FirstOrDefault(d => Path.GetFileName(d).Equals(name, StringComparison.OrdinalIgnoreCase)) is { } hit)
                return hit;
            level = level.SelectMany(Directory.EnumerateDirectories).ToList();
        }
        return null;
    }
}
