namespace Augment.Data.Loading;

/// <summary>An input left out of a set (with SkipBad), and why.</summary>
public sealed record SkippedInput(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>What a load did: how many images, what was skipped, and anything else a user should know.</summary>
public sealed record LoadReport(string Dataset, string Source, int Loaded, IReadOnlyList<SkippedInput> Skipped, IReadOnlyList<string> Notes)
{
    public int SkippedCount => Skipped.Count;

    public override string ToString()
    {
        var lines = new List<string> { $"{Dataset} ({Source}): {Loaded} images loaded, {SkippedCount} skipped." };
        lines.AddRange(Notes.Select(n => "  note: " + n));
        lines.AddRange(Skipped.Select(s => "  skipped: " + s));
        return string.Join(Environment.NewLine, lines);
    }
}
