using Augment.Data;

namespace Augment.Augmentation.Labels;

/// <summary>Finds a generator class by name through Expressions.Canonical (so "happy" matches "happiness").</summary>
internal sealed class ClassMatcher(IReadOnlyList<string> generatorClasses)
{
    readonly string[] _keys = generatorClasses.Select(Key).ToArray();

    public IReadOnlyList<string> Classes { get; } = generatorClasses;

    /// <summary>Generator class index of a label name, or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(_keys, k => string.Equals(k, Key(name), StringComparison.OrdinalIgnoreCase));

    public string Listing => string.Join(", ", Classes);

    static string Key(string name) => Expressions.Canonical(name) ?? name.Trim();
}
