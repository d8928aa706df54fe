using Augment.Data;

namespace Augment.Classifier;

/// <summary>One cross-validation fold: row indices into a <see cref="FaceSet"/>.</summary>
public sealed record Fold(int Index, int[] Train, int[] Test);

/// <summary>k folds with no subject in two folds: subjects are shuffled with the seed, then dealt, largest first,
/// to the fold with the fewest images so the folds hold about the same number of images.</summary>
public static class SubjectFolds
{
    public static IReadOnlyList<Fold> Make(FaceSet set, int k, int seed)
    {
        if (!set.HasSubjects) throw new ArgumentException($"Face set '{set.Name}' has images without a subject; subject-independent folds need every subject.");
        var bySubject = Enumerable.Range(0, set.Count).GroupBy(i => set.Subjects[i]!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        if (k < 2 || k > bySubject.Length) throw new ArgumentException($"Face set '{set.Name}' has {bySubject.Length} subjects: cannot make {k} subject-independent folds.");
        new Random(seed).Shuffle(bySubject);
        var folds = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        foreach (var group in bySubject.OrderByDescending(g => g.Count()))   // stable: equal sizes keep the shuffled order
            folds.MinBy(f => f.Count)!.AddRange(group);
        return folds.Select((test, i) =>
        {
            var held = test.ToHashSet();
            return new Fold(i, Enumerable.Range(0, set.Count).Where(r => !held.Contains(r)).ToArray(), test.Order().ToArray());
        }).ToArray();
    }
}
