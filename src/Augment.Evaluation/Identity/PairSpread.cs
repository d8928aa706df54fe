using static TorchSharp.torch;

namespace Augment.Evaluation.Identity;

/// <summary>Mean cosine similarity and Euclidean distance over pairs of feature rows from different subjects.</summary>
public sealed record PairMeans(double Cosine, double Distance, long Pairs)
{
    public static PairMeans Empty { get; } = new(double.NaN, double.NaN, 0);

    /// <summary>Pools two sets of pairs (weighted by their pair counts).</summary>
    public PairMeans Plus(PairMeans other) => Pairs == 0 ? other : other.Pairs == 0 ? this
        : new((Cosine * Pairs + other.Cosine * other.Pairs) / (Pairs + other.Pairs),
              (Distance * Pairs + other.Distance * other.Pairs) / (Pairs + other.Pairs), Pairs + other.Pairs);
}

/// <summary>
/// How far apart different people are in a feature space. A generator that maps everyone to one average face puts
/// its edits of different people (same target) much closer together than different real people are.
/// </summary>
public static class PairSpread
{
    /// <summary>Means over the unordered pairs of rows whose subjects are known and differ.</summary>
    public static PairMeans DifferentSubjects(Tensor features, IReadOnlyList<string?> subjects)
    {
        var n = (int)features.shape[0];
        if (subjects.Count != n) throw new ArgumentException($"{subjects.Count} subjects for {n} rows.");
        using var scope = NewDisposeScope();
        var f = features.flatten(1).cpu().to_type(ScalarType.Float64);
        var normed = nn.functional.normalize(f, dim: 1);
        var cosine = normed.matmul(normed.t()).contiguous().data<double>().ToArray();
        var distance = cdist(f.unsqueeze(0), f.unsqueeze(0)).squeeze(0).contiguous().data<double>().ToArray();
        double c = 0, d = 0;
        long pairs = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (subjects[i] != null && subjects[j] != null && subjects[i] != subjects[j])
                {
                    c += cosine[i * n + j];
                    d += distance[i * n + j];
                    pairs++;
                }
        return pairs == 0 ? PairMeans.Empty : new PairMeans(c / pairs, d / pairs, pairs);
    }
}
