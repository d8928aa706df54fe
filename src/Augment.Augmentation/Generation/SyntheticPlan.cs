namespace Augment.Augmentation.Generation;

/// <summary>
/// What synthetic row i is: its source (a real row index), target class (generator class index) and
/// intensity. Built once from (seed, real row count, real labels) and held as three small arrays
/// (12 bytes a row), so it is the same for every cursor.
/// Sources: whole passes over the real rows in input order, then a seeded subset for the last partial pass;
/// within a pass sources ascend, so other columns can be copied from one forward cursor over the input.
/// Targets: exact per-class counts for the policy, shuffled. Intensities: the sampler at a counter-based draw.
/// </summary>
internal sealed class SyntheticPlan
{
    const ulong SubsetStream = 1, TargetStream = 2, IntensityStream = 3, TieStream = 4;

    SyntheticPlan(int realCount, int[] sources, int[] targets, float[] intensities)
    {
        RealCount = realCount; Sources = sources; Targets = targets; Intensities = intensities;
    }

    /// <summary>Rows the input had when the plan was made.</summary>
    public int RealCount { get; }
    public int[] Sources { get; }
    public int[] Targets { get; }
    public float[] Intensities { get; }
    public int Count => Sources.Length;

    /// <param name="realClasses">generator class of each real row, -1 when the row has no (known) label.</param>
    /// <param name="allowedTargets">generator classes the label column can hold.</param>
    public static SyntheticPlan Build(int count, int[] realClasses, IReadOnlyList<int> allowedTargets, TargetClassPolicy policy,
        IntensitySampler sampler, IReadOnlyList<string> classNames, int seed)
    {
        if (count == 0) return new SyntheticPlan(realClasses.Length, [], [], []);
        if (realClasses.Length == 0)
            throw new InvalidOperationException($"The ExprGAN augmenter was asked for {count} synthetic rows but the input has no rows to edit.");
        if (allowedTargets.Count == 0)
            throw new InvalidOperationException("The ExprGAN augmenter has no target class: the label column can hold none of the generator's classes.");
        var sources = PlanSources(count, realClasses.Length, seed);
        var perClass = policy == TargetClassPolicy.Balanced
            ? BalancedCounts(count, allowedTargets, seed)
            : ProportionalCounts(count, realClasses, allowedTargets, seed);
        var targets = new int[count];
        int at = 0;
        foreach (var (cls, n) in perClass)
            for (int k = 0; k < n; k++) targets[at++] = cls;
        CounterRandom.Shuffle(targets, seed, TargetStream);
        var intensities = new float[count];
        for (int i = 0; i < count; i++)
            intensities[i] = sampler.Sample(CounterRandom.Uniform(seed, IntensityStream, i), classNames[targets[i]]);
        return new SyntheticPlan(realClasses.Length, sources, targets, intensities);
    }

    static int[] PlanSources(int count, int real, int seed)
    {
        var sources = new int[count];
        int full = count / real, rest = count % real;
        for (int i = 0; i < full * real; i++) sources[i] = i % real;
        if (rest > 0)
        {
            var subset = Enumerable.Range(0, real).ToArray();
            CounterRandom.Shuffle(subset, seed, SubsetStream);
            Array.Sort(subset, 0, rest);
            Array.Copy(subset, 0, sources, full * real, rest);
        }
        return sources;
    }

    static List<(int Class, int Count)> BalancedCounts(int count, IReadOnlyList<int> allowed, int seed)
    {
        var order = allowed.ToArray();
        CounterRandom.Shuffle(order, seed, TieStream);     // which classes get the remainder
        return order.Select((cls, rank) => (cls, count / order.Length + (rank < count % order.Length ? 1 : 0))).ToList();
    }

    static List<(int Class, int Count)> ProportionalCounts(int count, int[] realClasses, IReadOnlyList<int> allowed, int seed)
    {
        var real = allowed.Select(c => realClasses.Count(r => r == c)).ToArray();
        var total = real.Sum();
        if (total == 0)
            throw new InvalidOperationException("MatchRealDistribution: no real row carries a label the generator knows, so there is no distribution to match.");
        var exact = real.Select(n => (double)n * count / total).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var ties = Enumerable.Range(0, allowed.Count).ToArray();
        CounterRandom.Shuffle(ties, seed, TieStream);
        var byRemainder = ties.OrderByDescending(k => exact[k] - counts[k]).ToArray();   // stable: seeded tie order
        var missing = count - counts.Sum();
        for (int r = 0; r < missing; r++) counts[byRemainder[r]]++;
        return allowed.Select((cls, k) => (cls, counts[k])).ToList();
    }
}
