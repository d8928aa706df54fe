using Augment.Core;
using Augment.Data.Imaging;

namespace Augment.Data.Loading;

/// <summary>One image file to load, with what is known about it before decoding.</summary>
public sealed record ImageEntry(string Path, int Label, string? Subject, string? Tag = null);

/// <summary>Shared steps of the file-based loaders: scanning a folder per class, choosing, decoding.</summary>
public static class ImageEntries
{
    /// <summary>
    /// Image entries of a `root/&lt;expression&gt;/*.png|jpg|jpeg|bmp` tree. Unknown folder names and empty class folders
    /// are bad input; folders of unrequested classes, loose files and non-image files are noted and ignored.
    /// </summary>
    public static List<ImageEntry> ScanClassFolders(string root, ClassResolver classes, SubjectParser subjects, FaceSetBuilder builder, string? tag = null)
    {
        if (!Directory.Exists(root)) throw new DatasetException(root, "folder does not exist");
        var entries = new List<ImageEntry>();
        var loose = Directory.EnumerateFiles(root).Count(f => !IsHidden(f));
        if (loose > 0) builder.Note($"{loose} file(s) directly under {root} ignored: images must sit in a folder per class.");
        var seen = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories(root).Where(d => !IsHidden(d)).Order(StringComparer.Ordinal))
        {
            var label = classes.Resolve(Path.GetFileName(dir), dir, builder);
            if (label is not { } l) continue;
            var files = Directory.EnumerateFiles(dir).Where(f => !IsHidden(f)).Order(StringComparer.Ordinal).ToList();
            var images = files.Where(ImageCodec.IsImageFile).ToList();
            if (files.Count > images.Count)
                builder.Note($"{files.Count - images.Count} non-image file(s) in {dir} ignored (expected {string.Join(", ", ImageCodec.Extensions)}).");
            if (images.Count == 0)
            {
                builder.Fail(dir, $"class folder '{Path.GetFileName(dir)}' holds no images ({string.Join(", ", ImageCodec.Extensions)})");
                continue;
            }
            seen.Add(l);
            entries.AddRange(images.Select(f => new ImageEntry(f, l, subjects.Parse(root, f), tag)));
        }
        foreach (var missing in Enumerable.Range(0, classes.ClassNames.Count).Where(i => !seen.Contains(i)))
            builder.Note($"no images of class '{classes.ClassNames[missing]}' under {root}.");
        return entries;
    }

    /// <summary>A seeded random choice of at most 'max' entries, in their original order.</summary>
    public static List<T> Choose<T>(List<T> entries, int? max, int seed)
    {
        if (max is not { } m || entries.Count <= m) return entries;
        var rng = new Random(Seeding.Derive(seed, "max-images"));
        var keep = Enumerable.Range(0, entries.Count).OrderBy(_ => rng.Next()).Take(m).Order().ToList();
        return keep.Select(i => entries[i]).ToList();
    }

    /// <summary>Decodes every entry into the builder, reporting progress.</summary>
    public static void Decode(IReadOnlyList<ImageEntry> entries, ImageReadOptions read, FaceSetBuilder builder, IProgressSink? progress, string task)
    {
        var tracker = new ProgressTracker(progress ?? NullProgress.Instance, task, entries.Count, "img");
        foreach (var e in entries)
        {
            builder.TryAdd(e.Path, () => ImageCodec.Load(e.Path, read), e.Label, e.Subject, e.Tag);
            tracker.Advance();
        }
    }

    static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.') || Path.GetFileName(path) is "Thumbs.db" or "desktop.ini";
}
