using Augment.Data;
using Augment.Data.Splits;

namespace Augment.Sweep.Plan;

/// <summary>
/// The low-data regime (<c>--train-subjects N</c>): a split's training side keeps N of its subjects, so the GAN and the
/// classifier see only their images; the test side is left as it is. The N subjects are chosen from the split's seed:
/// of 200 seeded draws, the one whose class shares come closest to the whole training side's (stratified, as far as
/// whole subjects allow), so the same split and N always give the same subjects.
/// </summary>
public static class LowDataRegime
{
    public const string Option = "--train-subjects";

    public static SplitResult Restrict(FaceSet set, SplitResult split, int n, int seed)
    {
        if (n < 1) throw new ArgumentException($"{Option} must be at least 1, got {n}.");
        if (split.Train.Any(i => set.Subjects[i] == null))
            throw new ArgumentException($"{Option}: '{set.Name}' has training images without a subject; the regime keeps whole subjects.");
        var subjects = split.Train.Select(i => set.Subjects[i]!).Distinct(StringComparer.Ordinal).ToArray();
        if (n > subjects.Length)
            throw new ArgumentException($"{Option} {n}: {split.Description} has only {subjects.Length} training subjects.");
        var counts = subjects.ToDictionary(s => s, _ => new int[set.ClassCount], StringComparer.Ordinal);
        foreach (var i in split.Train) counts[set.Subjects[i]!][set.Labels[i]]++;
        var all = Shares(subjects.Select(s => counts[s]), set.ClassCount);

        var rng = new Random(seed);
        string[] best = [];
        var bestCost = double.MaxValue;
        for (var draw = 0; draw < 200; draw++)
        {
            var order = (string[])subjects.Clone();
            rng.Shuffle(order);
            var pick = order[..n];
            var shares = Shares(pick.Select(s => counts[s]), set.ClassCount);
            // Squared distance of the class shares, plus a class missing altogether weighing more than any imbalance.
            var cost = Enumerable.Range(0, set.ClassCount).Sum(c => Math.Pow(shares[c] - all[c], 2) + (all[c] > 0 && shares[c] == 0 ? 1 : 0));
            if (cost < bestCost) (best, bestCost) = (pick, cost);
        }
        var keep = best.ToHashSet(StringComparer.Ordinal);
        return split with
        {
            Train = split.Train.Where(i => keep.Contains(set.Subjects[i]!)).ToArray(),
            Description = split.Description + $", training side cut to {n} of its {subjects.Length} subjects ({Option}, seed {seed})",
        };
    }

    static double[] Shares(IEnumerable<int[]> counts, int classes)
    {
        var sum = new double[classes];
        foreach (var c in counts)
            for (var k = 0; k < classes; k++) sum[k] += c[k];
        var total = sum.Sum();
        return sum.Select(v => total > 0 ? v / total : 0).ToArray();
    }
}
