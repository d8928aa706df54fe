using static TorchSharp.torch;

namespace Augment.Evaluation.Metrics;

/// <summary>How well edits keep the person, measured with feature vectors (phi features or the encoder's z).</summary>
public static class IdentityPreservation
{
    /// <summary>Cosine similarity of matching rows of two N x D feature matrices.</summary>
    public static float[] RowCosine(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return nn.functional.cosine_similarity(a.flatten(1), b.flatten(1), dim: 1).cpu().data<float>().ToArray();
    }

    /// <summary>Cosine similarity of every pair of rows of an N x D feature matrix (N x N).</summary>
    public static float[,] CosineMatrix(Tensor features)
    {
        using var scope = NewDisposeScope();
        var f = nn.functional.normalize(features.flatten(1), dim: 1);
        var n = (int)f.shape[0];
        var values = f.matmul(f.t()).cpu().data<float>().ToArray();
        var m = new float[n, n];
        Buffer.BlockCopy(values, 0, m, 0, values.Length * sizeof(float));
        return m;
    }

    /// <summary>
    /// Median cosine similarity over pairs of inputs from different subjects: the bar an edit must beat to be
    /// closer to its own input than two different people usually are.
    /// </summary>
    public static double DifferentSubjectMedian(Tensor features, IReadOnlyList<string?> subjects) =>
        DifferentSubjectMedian(CosineMatrix(features), subjects);

    /// <summary>The same from a cosine matrix already computed (<see cref="CosineMatrix"/>).</summary>
    public static double DifferentSubjectMedian(float[,] cosine, IReadOnlyList<string?> subjects)
    {
        int n = subjects.Count;
        var values = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (subjects[i] != null && subjects[j] != null && subjects[i] != subjects[j]) values.Add(cosine[i, j]);
        if (values.Count == 0) throw new ArgumentException("Identity preservation needs inputs from at least two different subjects.");
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>Share of edits whose similarity to their own input exceeds the different-subject median.</summary>
    public static double ShareAbove(IReadOnlyList<float> ownSimilarity, double differentSubjectMedian) =>
        ownSimilarity.Count == 0 ? double.NaN : ownSimilarity.Count(s => s > differentSubjectMedian) / (double)ownSimilarity.Count;
}
