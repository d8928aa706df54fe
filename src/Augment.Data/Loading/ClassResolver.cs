namespace Augment.Data.Loading;

/// <summary>
/// Maps folder or label names onto the requested classes (canonical, paper order) through
/// <see cref="Expressions.Canonical"/>, so every data set agrees on label indices.
/// </summary>
public sealed class ClassResolver(IReadOnlyList<string> classNames)
{
    public IReadOnlyList<string> ClassNames { get; } = classNames;

    public static ClassResolver For(FaceLoadOptions options) => new(options.ResolvedClasses());

    /// <summary>
    /// The label index for a name, or null when it should not be loaded: a known expression outside the requested
    /// classes is noted and ignored; a name that is no known expression is a bad input (throws unless SkipBad).
    /// </summary>
    public int? Resolve(string name, string path, FaceSetBuilder builder)
    {
        var canonical = Expressions.Canonical(name);
        if (canonical == null)
        {
            builder.Fail(path, $"'{name}' is not a known expression (known: {string.Join(", ", Expressions.All)}; synonyms such as angry, happy, sad are accepted)");
            return null;
        }
        var index = IndexOf(canonical);
        if (index < 0) builder.Note($"'{name}' ({canonical}) is not among the requested classes ({string.Join(", ", ClassNames)}): ignored ({path}).");
        return index < 0 ? null : index;
    }

    public int IndexOf(string canonical)
    {
        for (var i = 0; i < ClassNames.Count; i++)
            if (ClassNames[i] == canonical) return i;
        return -1;
    }
}
