using Augment.Core;

namespace Augment.Data.Splits;

/// <summary>
/// Subject-independent splits: a subject's images all go to one side. Groups are subjects; an image without a
/// subject is its own group, so a set without subjects gets a stratified image split (flagged, not subject-independent).
/// Class balance is kept as far as whole subjects allow.
/// </summary>
public static class SubjectSplitter
{
    /// <summary>Holds out about 'testFraction' of the subjects (at least one; the best class balance among seeded draws).</summary>
    public static SplitResult HoldOut(FaceSet set, double testFraction = 0.1, int seed = 1)
    {
        if (testFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testFraction), $"Test fraction must be in (0, 1), got {testFraction}.");
        var groups = Groups(set);
        if (groups.Count < 2) throw new ArgumentException($"'{set.Name}' has {groups.Count} subject(s): nothing to hold out.");
        var rng = new Random(Seeding.Derive(seed, "holdout"));
        if (set.Subjects.All(s => s == null)) return StratifiedImageHoldOut(set, groups, testFraction, rng, seed);
        var nTest = Math.Clamp((int)Math.Round(testFraction * groups.Count), 1, groups.Count - 1);
        var totals = ClassTotals(set, groups);
        int[]? best = null;
        var bestCost = double.MaxValue;
        // Many seeded draws of exactly nTest subjects; keep the one whose test classes best match the whole set.
        for (var draw = 0; draw < 200; draw++)
        {
            var pick = Enumerable.Range(0, groups.Count).OrderBy(_ => rng.Next()).Take(nTest).ToArray();
            var cost = Imbalance(pick.Select(g => groups[g].Counts), totals, testFraction);
            if (cost < bestCost) (best, bestCost) = (pick, cost);
        }
        var test = best!.ToHashSet();
        return Build(set, groups, g => test.Contains(g),
            $"hold-out of {nTest} of {groups.Count} {Kind(set)} (seed {seed})");
    }

    /// <summary>Without subjects: the same fraction of every class, chosen at random.</summary>
    static SplitResult StratifiedImageHoldOut(FaceSet set, List<Group> groups, double testFraction, Random rng, int seed)
    {
        var test = new HashSet<int>();
        for (var c = 0; c < set.ClassCount; c++)
        {
            var rows = Enumerable.Range(0, groups.Count).Where(g => set.Labels[groups[g].Rows[0]] == c).OrderBy(_ => rng.Next()).ToList();
            test.UnionWith(rows.Take((int)Math.Round(testFraction * rows.Count)));
        }
        if (test.Count == 0 || test.Count == groups.Count) throw new ArgumentException($"'{set.Name}' is too small for a {testFraction:P0} hold-out.");
        return Build(set, groups, g => test.Contains(g), $"hold-out of {test.Count} of {groups.Count} images, per class (seed {seed})");
    }

    /// <summary>k folds by subject: every subject is in exactly one test fold; folds balanced by subject count and classes.</summary>
    public static IReadOnlyList<SplitResult> KFold(FaceSet set, int folds, int seed = 1)
    {
        var groups = Groups(set);
        if (folds < 2 || folds > groups.Count)
            throw new ArgumentOutOfRangeException(nameof(folds), $"Need 2 <= folds <= {groups.Count} ({Kind(set)} in '{set.Name}'), got {folds}.");
        var totals = ClassTotals(set, groups);
        var target = totals.Select(t => t / (double)folds).ToArray();
        var capacity = (groups.Count + folds - 1) / folds;
        var rng = new Random(Seeding.Derive(seed, "kfold"));
        var order = Enumerable.Range(0, groups.Count).OrderBy(_ => rng.Next()).OrderByDescending(g => groups[g].Rows.Count).ToList();
        var foldOf = new int[groups.Count];
        var counts = new double[folds][];
        for (var f = 0; f < folds; f++) counts[f] = new double[set.ClassCount];
        var sizes = new int[folds];
        foreach (var g in order)
        {
            // Greedy: the fold (with room) whose class counts move least away from an even share.
            var bestFold = Enumerable.Range(0, folds).Where(f => sizes[f] < capacity)
                .MinBy(f => Enumerable.Range(0, set.ClassCount).Sum(c =>
                    Math.Pow(counts[f][c] + groups[g].Counts[c] - target[c], 2) - Math.Pow(counts[f][c] - target[c], 2)));
            foldOf[g] = bestFold;
            sizes[bestFold]++;
            for (var c = 0; c < set.ClassCount; c++) counts[bestFold][c] += groups[g].Counts[c];
        }
        return Enumerable.Range(0, folds).Select(f => Build(set, groups, g => foldOf[g] == f,
            $"fold {f + 1}/{folds} by {Kind(set)} (seed {seed})") with { Fold = f }).ToArray();
    }

    /// <summary>A split given by subject lists; a subject on both sides is refused. Images of unlisted subjects are left out.</summary>
    public static SplitResult BySubjects(FaceSet set, IEnumerable<string> trainSubjects, IEnumerable<string> testSubjects)
    {
        var train = trainSubjects.ToHashSet(StringComparer.Ordinal);
        var test = testSubjects.ToHashSet(StringComparer.Ordinal);
        if (train.Intersect(test).FirstOrDefault() is { } both)
            throw new ArgumentException($"Subject {both} is listed for both train and test: the split would not be subject-independent.");
        if (!set.HasSubjects) throw new ArgumentException($"'{set.Name}' has images without a subject: a split by subject lists cannot place them.");
        var trainRows = Rows(set, i => train.Contains(set.Subjects[i]!));
        var testRows = Rows(set, i => test.Contains(set.Subjects[i]!));
        var left = set.Count - trainRows.Length - testRows.Length;
        return new SplitResult(trainRows, testRows,
            $"by subject lists: {train.Count} train, {test.Count} test subjects" + (left > 0 ? $", {left} images of unlisted subjects left out" : ""), true);
    }

    /// <summary>A split by the data set's own tags (e.g. FER2013 Usage); subject-independent only if the subjects say so.</summary>
    public static SplitResult ByTags(FaceSet set, IEnumerable<string> trainTags, IEnumerable<string> testTags)
    {
        if (set.SplitTags == null) throw new ArgumentException($"'{set.Name}' carries no split tags.");
        var train = trainTags.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var test = testTags.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (train.Overlaps(test)) throw new ArgumentException("A tag is listed for both train and test.");
        var split = new SplitResult(Rows(set, i => set.SplitTags[i] is { } t && train.Contains(t)),
            Rows(set, i => set.SplitTags[i] is { } t && test.Contains(t)),
            $"by the data set's tags: train {string.Join("+", train)}, test {string.Join("+", test)}", false);
        return set.HasSubjects && NoSharedSubject(set, split) ? split with { SubjectIndependent = true }
            : split with { Description = split.Description + (set.HasSubjects ? "" : " (no subjects: NOT subject-independent)") };
    }

    /// <summary>Throws when rows are out of range or repeated, or a subject has images on both sides.</summary>
    public static void Verify(FaceSet set, SplitResult split)
    {
        var all = split.Train.Concat(split.Test).ToArray();
        if (all.Any(i => i < 0 || i >= set.Count)) throw new ArgumentException($"Split rows outside 0..{set.Count - 1}.");
        if (all.Distinct().Count() != all.Length) throw new ArgumentException("A row is in the split twice.");
        var trainSubjects = split.Train.Select(i => set.Subjects[i]).Where(s => s != null).ToHashSet();
        if (split.Test.Select(i => set.Subjects[i]).FirstOrDefault(s => s != null && trainSubjects.Contains(s)) is { } shared)
            throw new InvalidOperationException($"Subject {shared} has images in both train and test of '{set.Name}'.");
    }

    sealed record Group(List<int> Rows, int[] Counts);

    /// <summary>Subjects in first-seen order; each image without a subject is a group of its own.</summary>
    static List<Group> Groups(FaceSet set)
    {
        var bySubject = new Dictionary<string, Group>(StringComparer.Ordinal);
        var groups = new List<Group>();
        for (var i = 0; i < set.Count; i++)
        {
            var s = set.Subjects[i];
            if (s == null || !bySubject.TryGetValue(s, out var g))
            {
                g = new Group([], new int[set.ClassCount]);
                groups.Add(g);
                if (s != null) bySubject[s] = g;
            }
            g.Rows.Add(i);
            g.Counts[set.Labels[i]]++;
        }
        return groups;
    }

    static int[] ClassTotals(FaceSet set, List<Group> groups) =>
        Enumerable.Range(0, set.ClassCount).Select(c => groups.Sum(g => g.Counts[c])).ToArray();

    /// <summary>How far a chosen group set is from holding 'fraction' of every class (relative squared error).</summary>
    static double Imbalance(IEnumerable<int[]> chosen, int[] totals, double fraction)
    {
        var sum = new double[totals.Length];
        foreach (var counts in chosen)
            for (var c = 0; c < sum.Length; c++) sum[c] += counts[c];
        return Enumerable.Range(0, totals.Length).Where(c => totals[c] > 0)
            .Sum(c => Math.Pow((sum[c] - fraction * totals[c]) / (fraction * totals[c] + 1), 2));
    }

    static SplitResult Build(FaceSet set, List<Group> groups, Func<int, bool> isTest, string description)
    {
        var test = groups.Where((_, g) => isTest(g)).SelectMany(g => g.Rows).Order().ToArray();
        var train = groups.Where((_, g) => !isTest(g)).SelectMany(g => g.Rows).Order().ToArray();
        var independent = set.HasSubjects;
        if (!independent)
            description += set.Subjects.All(s => s == null)
                ? " — no subjects: stratified image split, NOT subject-independent"
                : " — some images have no subject (each treated as its own group): NOT guaranteed subject-independent";
        var split = new SplitResult(train, test, description, independent);
        Verify(set, split);
        return split;
    }

    static int[] Rows(FaceSet set, Func<int, bool> keep) => Enumerable.Range(0, set.Count).Where(keep).ToArray();

    static bool NoSharedSubject(FaceSet set, SplitResult split) =>
        !split.Train.Select(i => set.Subjects[i]).Intersect(split.Test.Select(i => set.Subjects[i])).Any();

    static string Kind(FaceSet set) => set.HasSubjects ? "subjects" : set.Subjects.All(s => s == null) ? "images" : "subjects/images";
}
