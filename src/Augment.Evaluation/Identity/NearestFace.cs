using static TorchSharp.torch;

namespace Augment.Evaluation.Identity;

/// <summary>Per query: whether its nearest real image is its source's subject, and the share a random pick would get.</summary>
public sealed record NearestFaceHits(bool?[] Hit, double[] Chance)
{
    /// <summary>Share of eligible queries that hit (NaN when none is eligible).</summary>
    public double Share(Func<int, bool>? include = null) => Mean(Enumerable.Range(0, Hit.Length)
        .Where(q => Hit[q] != null && (include?.Invoke(q) ?? true)).Select(q => Hit[q]!.Value ? 1.0 : 0.0));

    /// <summary>Mean chance over eligible queries.</summary>
    public double MeanChance(Func<int, bool>? include = null) => Mean(Enumerable.Range(0, Hit.Length)
        .Where(q => Hit[q] != null && (include?.Invoke(q) ?? true)).Select(q => Chance[q]));

    public int Eligible => Hit.Count(h => h != null);

    static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }
}

/// <summary>
/// Nearest-face identification: each query (an edit, or a real image) is matched to the most similar (cosine) real
/// held-out image outside the query's source sequence; a hit when that image shows the source's subject. Chance is
/// the share of the source's subject among those candidates, so it already accounts for the sequence left out.
/// A source whose subject has no other sequence among the real images cannot hit and is not counted (null).
/// </summary>
public static class NearestFace
{
    const int QueryChunk = 1024;

    /// <param name="queries">Q x D features of the queries.</param>
    /// <param name="source">Q indices into the real images: whose edit each query is.</param>
    /// <param name="real">N x D features of the real images, in the same space.</param>
    public static NearestFaceHits Score(Tensor queries, IReadOnlyList<int> source, Tensor real, IReadOnlyList<string?> subjects, IReadOnlyList<string?> sequences)
    {
        int q = (int)queries.shape[0], n = (int)real.shape[0];
        if (source.Count != q) throw new ArgumentException($"{source.Count} sources for {q} queries.");
        if (subjects.Count != n || sequences.Count != n) throw new ArgumentException($"{n} real images, {subjects.Count} subjects, {sequences.Count} sequences.");
        var hit = new bool?[q];
        var chance = new double[q];
        Array.Fill(chance, double.NaN);
        using var scope = NewDisposeScope();
        var r = nn.functional.normalize(real.flatten(1).cpu().to_type(ScalarType.Float32), dim: 1);
        for (var start = 0; start < q; start += QueryChunk)
        {
            var count = Math.Min(QueryChunk, q - start);
            using var inner = NewDisposeScope();
            var x = nn.functional.normalize(queries.narrow(0, start, count).flatten(1).cpu().to_type(ScalarType.Float32), dim: 1);
            var similarity = x.matmul(r.t()).contiguous().data<float>().ToArray();
            for (var a = 0; a < count; a++)
            {
                var i = source[start + a];
                if (subjects[i] is not { } subject || sequences[i] is not { } sequence) continue;
                int best = -1, candidates = 0, same = 0;
                var bestValue = float.NegativeInfinity;
                for (var j = 0; j < n; j++)
                {
                    if (subjects[j] == null || sequences[j] == sequence) continue;
                    candidates++;
                    if (subjects[j] == subject) same++;
                    var v = similarity[a * n + j];
                    if (v > bestValue || best < 0) { best = j; bestValue = v; }
                }
                if (same == 0) continue;
                hit[start + a] = subjects[best] == subject;
                chance[start + a] = same / (double)candidates;
            }
        }
        return new NearestFaceHits(hit, chance);
    }

    /// <summary>The ceiling: every real image's nearest other real image (own sequence left out).</summary>
    public static NearestFaceHits Real(Tensor real, IReadOnlyList<string?> subjects, IReadOnlyList<string?> sequences) =>
        Score(real, Enumerable.Range(0, (int)real.shape[0]).ToArray(), real, subjects, sequences);
}
