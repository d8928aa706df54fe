using Augment.Core;

namespace Augment.Data.Loading;

/// <summary>Reads one data set into a <see cref="FaceSet"/>. Loaders are cheap to create; the work happens in Load.</summary>
public interface IFaceSetLoader
{
    /// <summary>The catalog name of the data set (procedural, ck48, folder, oulu, fer2013).</summary>
    string Name { get; }

    /// <summary>Where it reads from, for messages.</summary>
    string Source { get; }

    /// <summary>Loads the set; the report lists what was skipped (SkipBad) and other notes.</summary>
    FaceSet Load(out LoadReport report, IProgressSink? progress = null);
}

public static class FaceSetLoaderExtensions
{
    /// <summary>Loads the set when the report is not needed.</summary>
    public static FaceSet Load(this IFaceSetLoader loader, IProgressSink? progress = null) => loader.Load(out _, progress);
}
