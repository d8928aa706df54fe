using System.Globalization;
using Augment.Core;
using Augment.Data.Imaging;
using CsvHelper;

namespace Augment.Data.Loading;

/// <summary>
/// FER2013, either the Kaggle `fer2013.csv` (columns emotion, pixels, Usage; 48x48 gray pixels as space-separated
/// numbers) or the folder form `train|test/&lt;expression&gt;/*.jpg`. The Usage (Training/PublicTest/PrivateTest) or
/// folder (train/test) becomes each image's split tag. FER2013 has no subject labels.
/// </summary>
public sealed class Fer2013Loader(string path, FaceLoadOptions options) : IFaceSetLoader
{
    /// <summary>The data set's emotion codes 0..6.</summary>
    public static readonly IReadOnlyList<string> EmotionCodes =
        [Expressions.Anger, Expressions.Disgust, Expressions.Fear, Expressions.Happiness, Expressions.Sadness, Expressions.Surprise, Expressions.Neutral];

    public string Name => "fer2013";
    public string Source { get; } = path;
    public FaceLoadOptions Options { get; } = options;

    public FaceSet Load(out LoadReport report, IProgressSink? progress = null)
    {
        Options.Validate();
        var classes = ClassResolver.For(Options);
        var builder = new FaceSetBuilder(Name, Source, classes.ClassNames, Options.SkipBad);
        builder.Note("FER2013 has no subject labels: splits fall back to image splits, or use the data set's own split tags.");
        var csv = File.Exists(Source) ? Source : Path.Combine(Source, "fer2013.csv");
        if (File.Exists(csv)) ReadCsv(csv, classes, builder, progress);
        else if (Directory.Exists(Source)) ReadFolders(classes, builder, progress);
        else throw new DatasetException(Source, "does not exist (expected fer2013.csv or a folder with train/ and test/)");
        return builder.Build(out report);
    }

    void ReadFolders(ClassResolver classes, FaceSetBuilder builder, IProgressSink? progress)
    {
        var parts = new[] { "train", "test" }.Where(p => Directory.Exists(Path.Combine(Source, p))).ToList();
        if (parts.Count == 0) throw new DatasetException(Source, "holds neither fer2013.csv nor train/ and test/ folders");
        var subjects = new SubjectParser(Options.SubjectPattern);
        var entries = parts.SelectMany(p => ImageEntries.ScanClassFolders(Path.Combine(Source, p), classes, subjects, builder, tag: p)).ToList();
        entries = ImageEntries.Choose(entries, Options.MaxImages, Options.Seed);
        ImageEntries.Decode(entries, ImageReadOptions.From(Options), builder, progress, "load fer2013");
    }

    sealed record Row(string Where, int Label, byte[] Pixels, string? Usage);

    void ReadCsv(string file, ClassResolver classes, FaceSetBuilder builder, IProgressSink? progress)
    {
        var labelOf = EmotionCodes.Select(classes.IndexOf).ToArray();
        var ignored = new int[EmotionCodes.Count];
        var rows = new List<Row>();
        using (var csv = OpenCsv(file))
        {
            if (!csv.TryGetFieldIndex("emotion", out var emotionAt) || !csv.TryGetFieldIndex("pixels", out var pixelsAt))
                throw new DatasetException(file, $"needs the columns emotion and pixels; its header is '{string.Join(",", csv.Headers)}'");
            var usageAt = csv.TryGetFieldIndex("Usage", out var u) ? u : -1;
            while (csv.Read())
            {
                var where = $"{file}:{csv.LineNumber}";
                if (!int.TryParse(csv.GetString(emotionAt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) || code < 0 || code >= EmotionCodes.Count)
                {
                    builder.Fail(where, $"emotion '{csv.GetString(emotionAt)}' is not a code 0..6");
                    continue;
                }
                if (labelOf[code] < 0) { ignored[code]++; continue; }
                if (ParsePixels(csv.GetSpan(pixelsAt), out var problem) is not { } pixels)
                {
                    builder.Fail(where, problem!);
                    continue;
                }
                rows.Add(new Row(where, labelOf[code], pixels, usageAt >= 0 ? csv.GetString(usageAt) : null));
            }
        }
        for (var code = 0; code < ignored.Length; code++)
            if (ignored[code] > 0) builder.Note($"{ignored[code]} rows of '{EmotionCodes[code]}' (code {code}) are not among the requested classes: ignored.");
        rows = ImageEntries.Choose(rows, Options.MaxImages, Options.Seed);
        var read = ImageReadOptions.From(Options);
        var tracker = new ProgressTracker(progress ?? NullProgress.Instance, "load fer2013", rows.Count, "img");
        foreach (var row in rows)
        {
            var side = (int)Math.Sqrt(row.Pixels.Length);
            builder.TryAdd(row.Where, () => ImageCodec.FromGray8(row.Pixels, side, side, read), row.Label, subject: null, row.Usage);
            tracker.Advance();
        }
    }

    static CsvReader OpenCsv(string file)
    {
        try { return CsvReader.FromFile(file, new CsvReaderOptions { TrackLineNumbers = true }); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException(file, $"cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Space-separated 0..255 values forming a square image (48x48 in FER2013), or null with the problem.</summary>
    static byte[]? ParsePixels(ReadOnlySpan<byte> utf8, out string? problem)
    {
        var values = new List<byte>(2304);
        foreach (var range in utf8.Split((byte)' '))
        {
            var token = utf8[range];
            if (token.IsEmpty) continue;
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 255)
            {
                problem = $"pixel value '{System.Text.Encoding.UTF8.GetString(token)}' is not an integer 0..255";
                return null;
            }
            values.Add((byte)v);
        }
        var side = (int)Math.Sqrt(values.Count);
        if (values.Count == 0 || side * side != values.Count)
        {
            problem = $"{values.Count} pixel values do not form a square image (FER2013 rows hold 48x48 = 2304)";
            return null;
        }
        problem = null;
        return values.ToArray();
    }
}
