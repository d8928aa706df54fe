using Augment.Data;

namespace Augment.Augmentation;

/// <summary>
/// Draws the expression intensity (|z_y|, in [0, 1]) of a synthetic row from a uniform number u in [0, 1),
/// so the draw is a pure function of the plan's counter-based random stream.
/// </summary>
public abstract record IntensitySampler
{
    /// <summary>Uniform over [low, high].</summary>
    public static IntensitySampler Uniform(float low, float high) => new UniformIntensity(low, high);

    /// <summary>Always the same intensity.</summary>
    public static IntensitySampler Fixed(float value) => new UniformIntensity(value, value);

    /// <summary>One sampler per target class (class names as the generator or Expressions spells them); others use <paramref name="otherwise"/>.</summary>
    public static IntensitySampler PerClass(IReadOnlyDictionary<string, IntensitySampler> byClass, IntensitySampler? otherwise = null) =>
        new PerClassIntensity(byClass, otherwise);

    /// <summary>Intensity for a row whose target class is <paramref name="className"/>, from u in [0, 1).</summary>
    public abstract float Sample(double u, string className);

    /// <summary>The closed interval the intensities of <paramref name="className"/> fall in.</summary>
    public abstract (float Low, float High) RangeFor(string className);

    internal abstract void Validate();

    /// <summary>Fails when a per-class entry names no class of the generator.</summary>
    internal virtual void CheckClasses(IReadOnlyList<string> generatorClasses) { }

    internal static void CheckRange(float low, float high)
    {
        if (!(low >= 0f && high <= 1f && low <= high))
            throw new ArgumentOutOfRangeException(nameof(low), $"Intensity range [{low}, {high}] must satisfy 0 <= low <= high <= 1.");
    }
}

public sealed record UniformIntensity(float Low, float High) : IntensitySampler
{
    public override float Sample(double u, string className) => Low == High ? Low : Math.Min(High, (float)(Low + u * (High - Low)));
    public override (float Low, float High) RangeFor(string className) => (Low, High);
    internal override void Validate() => CheckRange(Low, High);
}

public sealed record PerClassIntensity(IReadOnlyDictionary<string, IntensitySampler> ByClass, IntensitySampler? Otherwise) : IntensitySampler
{
    public override float Sample(double u, string className) => For(className).Sample(u, className);
    public override (float Low, float High) RangeFor(string className) => For(className).RangeFor(className);

    IntensitySampler For(string className)
    {
        var key = Expressions.Canonical(className) ?? className;
        foreach (var (name, sampler) in ByClass)
            if (string.Equals(Expressions.Canonical(name) ?? name, key, StringComparison.OrdinalIgnoreCase)) return sampler;
        return Otherwise ?? throw new InvalidOperationException(
            $"Per-class intensity has no entry for '{className}' and no fallback (entries: {string.Join(", ", ByClass.Keys)}).");
    }

    internal override void Validate()
    {
        if (ByClass.Count == 0 && Otherwise == null) throw new ArgumentException("Per-class intensity needs at least one class or a fallback.");
        foreach (var s in ByClass.Values) s.Validate();
        Otherwise?.Validate();
    }

    internal override void CheckClasses(IReadOnlyList<string> generatorClasses)
    {
        var known = generatorClasses.Select(c => Expressions.Canonical(c) ?? c).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = ByClass.Keys.Where(k => !known.Contains(Expressions.Canonical(k) ?? k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Per-class intensity names classes the generator does not know: {string.Join(", ", unknown)} (generator classes: {string.Join(", ", generatorClasses)}).");
        if (Otherwise == null)
        {
            var missing = generatorClasses.Where(c => !ByClass.Keys.Any(k => string.Equals(Expressions.Canonical(k) ?? k, Expressions.Canonical(c) ?? c, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (missing.Length > 0)
                throw new ArgumentException($"Per-class intensity has no entry for {string.Join(", ", missing)} and no fallback sampler.");
        }
    }
}
