using Augment.Core;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// One distance's rank-1 identity retrieval: the share of queries whose nearest image of another expression is the
/// same person, and the share a random pick would get; and the mean distance between the same person in another
/// expression and between another person in the same expression (an identity loss wants the first well below the second).
/// </summary>
public sealed record IdentityRetrievalResult(string Measure, int Queries, double Rank1, double Chance,
    double SamePersonOtherExpression, double OtherPersonSameExpression)
{
    public double Ratio => SamePersonOtherExpression / OtherPersonSameExpression;
}

/// <summary>
/// Does a distance know who is who across expressions? For each image, the nearest image with a different
/// expression label (so never a frame of its own sequence) under: pixel L1, each phi layer's mean |difference|
/// (one L_id term), and L_id itself (sum of beta_l times those). Queries without a same-person candidate are skipped.
/// </summary>
public static class IdentityRetrieval
{
    public static IReadOnlyList<IdentityRetrievalResult> Run(IIdentityNetwork phi, Tensor images,
        IReadOnlyList<string> subjects, IReadOnlyList<int> labels, int batch, IProgressSink progress)
    {
        var n = (int)images.shape[0];
        if (subjects.Count != n || labels.Count != n) throw new ArgumentException($"{n} images, {subjects.Count} subjects, {labels.Count} labels.");
        var layerNames = phi.LayerNames;

        var tracker = new ProgressTracker(progress, "identity retrieval", (phi.LayerWeights.Count + 2L) * n, "img");
        var features = Enumerable.Range(0, phi.LayerWeights.Count).Select(_ => new List<Tensor>()).ToList();
        using (no_grad())
            for (var start = 0; start < n; start += batch)
            {
                var count = Math.Min(batch, n - start);
                using var chunk = images.narrow(0, start, count);
                var maps = phi.Features(chunk);
                for (var l = 0; l < maps.Count; l++)
                {
                    features[l].Add(maps[l].flatten(1).cpu());
                    maps[l].Dispose();
                }
                tracker.Advance(count, count, "features");
            }

        double[,] pixels;
        using (var flat = images.flatten(1).cpu()) pixels = MeanAbsDistances(flat, tracker, n, batch, "pixel distances");
        var perLayer = features.Select((chunks, l) =>
        {
            using var all = cat(chunks, 0);
            chunks.ForEach(c => c.Dispose());
            return MeanAbsDistances(all, tracker, n, batch, $"{layerNames[l]} distances");
        }).ToList();
        var lid = new double[n, n];
        for (var l = 0; l < perLayer.Count; l++)
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++) lid[i, j] += phi.LayerWeights[l] * perLayer[l][i, j];

        var results = new List<IdentityRetrievalResult> { Score("pixels (mean |x - y|)", pixels, subjects, labels) };
        results.AddRange(perLayer.Select((d, l) => Score($"phi {layerNames[l]}", d, subjects, labels)));
        results.Add(Score("L_id (sum of beta_l x layer terms)", lid, subjects, labels));
        return results;
    }

    /// <summary>Rank-1 retrieval under a distance matrix, with chance = mean share of same-person candidates.</summary>
    public static IdentityRetrievalResult Score(string measure, double[,] distance, IReadOnlyList<string> subjects, IReadOnlyList<int> labels)
    {
        int n = subjects.Count, queries = 0, hits = 0, samePairs = 0, otherPairs = 0;
        double chance = 0, sameSum = 0, otherSum = 0;
        for (var i = 0; i < n; i++)
        {
            int candidates = 0, same = 0, best = -1;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                if (labels[j] == labels[i])
                {
                    if (subjects[j] != subjects[i]) { otherSum += distance[i, j]; otherPairs++; }
                    continue;
                }
                if (subjects[j] == subjects[i]) { sameSum += distance[i, j]; samePairs++; }
                candidates++;
                if (subjects[j] == subjects[i]) same++;
                if (best < 0 || distance[i, j] < distance[i, best]) best = j;
            }
            if (same == 0) continue;
            queries++;
            chance += same / (double)candidates;
            if (subjects[best] == subjects[i]) hits++;
        }
        return queries == 0 ? throw new ArgumentException("No image has a same-person image with another expression.")
            : new IdentityRetrievalResult(measure, queries, hits / (double)queries, chance / queries,
                sameSum / samePairs, otherPairs == 0 ? double.NaN : otherSum / otherPairs);
    }

    /// <summary>All pairwise mean absolute differences of the rows of <paramref name="x"/> (N x D), in query blocks.</summary>
    private static double[,] MeanAbsDistances(Tensor x, ProgressTracker tracker, int n, int batch, string status)
    {
        var result = new double[n, n];
        var d = (double)x.shape[1];
        for (var start = 0; start < n; start += batch)
        {
            var count = Math.Min(batch, n - start);
            using var scope = NewDisposeScope();
            var block = cdist(x.narrow(0, start, count), x, p: 1).data<float>().ToArray();
            for (var i = 0; i < count; i++)
                for (var j = 0; j < n; j++) result[start + i, j] = block[i * n + j] / d;
            tracker.Advance(count, count, status);
        }
        return result;
    }
}
