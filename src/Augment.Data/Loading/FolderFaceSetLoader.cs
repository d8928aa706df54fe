using Augment.Core;
using Augment.Data.Imaging;

namespace Augment.Data.Loading;

/// <summary>
/// A folder per class, `root/&lt;expression&gt;/*.png|jpg|jpeg|bmp` (CK+48 and user data). Folder names may be any synonym
/// known to <see cref="Expressions"/>. Subjects come from CK+ style names or <see cref="FaceLoadOptions.SubjectPattern"/>.
/// </summary>
public sealed class FolderFaceSetLoader(string root, FaceLoadOptions options, string name = "folder") : IFaceSetLoader
{
    public string Name { get; } = name;
    public string Source { get; } = root;
    public FaceLoadOptions Options { get; } = options;

    public FaceSet Load(out LoadReport report, IProgressSink? progress = null)
    {
        Options.Validate();
        var classes = ClassResolver.For(Options);
        var builder = new FaceSetBuilder(Name, Source, classes.ClassNames, Options.SkipBad);
        var entries = ImageEntries.ScanClassFolders(Source, classes, new SubjectParser(Options.SubjectPattern), builder);
        entries = ImageEntries.Choose(entries, Options.MaxImages, Options.Seed);
        ImageEntries.Decode(entries, ImageReadOptions.From(Options), builder, progress, $"load {Name}");
        if (entries.Count > 0 && entries.All(e => e.Subject == null))
            builder.Note("no subject found in the file names: splits of this set cannot be subject-independent (give a subject pattern).");
        return builder.Build(out report);
    }
}
