namespace Augment.Classifier;

/// <summary>Holds out part of the training rows to choose the best epoch; whole subjects when subjects are known,
/// so the choice is not flattered by near-duplicate frames of a held-in face.</summary>
internal static class ValidationSplit
{
    public static (int[] Train, int[] Validation) Make(int count, string?[]? subjects, double fraction, int seed)
    {
        var all = Enumerable.Range(0, count).ToArray();
        if (fraction <= 0 || count < 2) return (all, []);
        var rng = new Random(seed);
        var target = Math.Max(1, (int)Math.Round(fraction * count));
        HashSet<int> held;
        if (subjects != null && subjects.All(s => s != null))
        {
            var order = subjects.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (order.Length < 2) throw new ArgumentException("A validation split by subject needs at least 2 subjects in the training data.");
            rng.Shuffle(order);
            var chosen = new HashSet<string>(StringComparer.Ordinal);
            var taken = 0;
            foreach (var s in order.Take(order.Length - 1))
            {
                if (taken >= target) break;
                chosen.Add(s!);
                taken += subjects.Count(x => x == s);
            }
            held = all.Where(i => chosen.Contains(subjects[i]!)).ToHashSet();
        }
        else
        {
            var shuffled = (int[])all.Clone();
            rng.Shuffle(shuffled);
            held = shuffled.Take(Math.Min(target, count - 1)).ToHashSet();
        }
        return (all.Where(i => !held.Contains(i)).ToArray(), all.Where(held.Contains).ToArray());
    }
}
