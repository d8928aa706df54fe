using System.Globalization;
using System.Text.RegularExpressions;
using Augment.Core;
using Augment.Data.Imaging;
using Augment.Data.Splits;

namespace Augment.Data.Loading;

/// <summary>
/// Oulu-CASIA as the ExprGAN paper used it: `root/P###/&lt;Expression&gt;/&lt;frame&gt;.jpeg`, the last frames (by numeric
/// frame order) of each sequence, subjects P001-P080, labels in paper order. Point the root at the folder that
/// holds the P### folders (in the distribution, e.g. `OriginalImg/VL/Strong` or its cropped counterpart).
/// </summary>
public sealed partial class OuluCasiaLoader(string root, FaceLoadOptions options, int framesPerSequence = 3) : IFaceSetLoader
{
    /// <summary>The paper's fixed split: subjects up to this number train, the rest (P073-P080) test.</summary>
    public const int LastTrainSubject = 72;

    public string Name => "oulu";
    public string Source { get; } = root;
    public FaceLoadOptions Options { get; } = options;
    public int FramesPerSequence { get; } = framesPerSequence > 0 ? framesPerSequence
        : throw new ArgumentOutOfRangeException(nameof(framesPerSequence), "At least one frame per sequence.");

    [GeneratedRegex(@"^P(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectFolder();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    public FaceSet Load(out LoadReport report, IProgressSink? progress = null)
    {
        Options.Validate();
        if (!Directory.Exists(Source)) throw new DatasetException(Source, "folder does not exist");
        var classes = ClassResolver.For(Options);
        var builder = new FaceSetBuilder(Name, Source, classes.ClassNames, Options.SkipBad);
        var subjects = Directory.EnumerateDirectories(Source).Where(d => SubjectFolder().IsMatch(Path.GetFileName(d)))
            .Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (subjects.Count == 0)
            throw new DatasetException(Source, "holds no P### subject folders; point the path at the folder with P001..P080 (e.g. .../VL/Strong)");

        var entries = new List<ImageEntry>();
        foreach (var subjectDir in subjects)
        {
            var subject = Path.GetFileName(subjectDir).ToUpperInvariant();
            foreach (var sequence in Directory.EnumerateDirectories(subjectDir).Order(StringComparer.Ordinal))
            {
                if (classes.Resolve(Path.GetFileName(sequence), sequence, builder) is not { } label) continue;
                var frames = Directory.EnumerateFiles(sequence).Where(ImageCodec.IsImageFile).OrderBy(FrameNumber).ThenBy(f => f, StringComparer.Ordinal).ToList();
                if (frames.Count == 0)
                {
                    builder.Fail(sequence, "sequence folder holds no images");
                    continue;
                }
                if (frames.Count < FramesPerSequence) builder.Note($"{sequence}: only {frames.Count} frame(s), fewer than {FramesPerSequence}.");
                entries.AddRange(frames.TakeLast(FramesPerSequence).Select(f => new ImageEntry(f, label, subject, PaperSplitTag(subject))));
            }
        }
        entries = ImageEntries.Choose(entries, Options.MaxImages, Options.Seed);
        ImageEntries.Decode(entries, ImageReadOptions.From(Options), builder, progress, "load oulu");
        return builder.Build(out report);
    }

    long FrameNumber(string path)
    {
        var m = Digits().Matches(Path.GetFileNameWithoutExtension(path));
        return m.Count > 0 && long.TryParse(m[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
    }

    static string PaperSplitTag(string subject) => SubjectNumber(subject) <= LastTrainSubject ? "train" : "test";

    static int SubjectNumber(string subject) => int.Parse(subject.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The paper's subject-independent split: P001-P072 train, P073-P080 test.</summary>
    public static SplitResult PaperSplit(FaceSet set)
    {
        var subjects = set.Subjects.Where(s => s != null).Select(s => s!).Distinct().ToList();
        if (subjects.Count == 0 || subjects.Any(s => !SubjectFolder().IsMatch(s)))
            throw new ArgumentException($"The Oulu-CASIA paper split needs P### subjects; '{set.Name}' has others.");
        var train = subjects.Where(s => SubjectNumber(s) <= LastTrainSubject);
        var test = subjects.Where(s => SubjectNumber(s) > LastTrainSubject);
        return SubjectSplitter.BySubjects(set, train, test) with { Description = "Oulu-CASIA paper split: P001-P072 train, P073-P080 test" };
    }
}
