using Augment.Data;
using Augment.Evaluation.Judging;
using Augment.Evaluation.Metrics;

namespace Augment.Evaluation.Editing;

/// <summary>Turns the raw observations of <see cref="EditSweep"/> into the evaluation's figures.</summary>
public static class EditMetrics
{
    public static EvaluationResult Compute(EditObservations obs, FaceSet test, string phiDescription, (float Min, float Max)? probeRange = null)
    {
        var subjects = test.Subjects.Where(s => s != null).Distinct().Count();
        return new EvaluationResult(test.ClassNames, test.Count, subjects,
            Accuracy(obs, test), Intensity(obs, test),
            Identity("phi", phiDescription, obs.PhiSimilarity, obs.PhiDifferentSubjectMedian, obs.RealPhiCosine, test),
            Identity("z", "encoder output z, E(edit) vs E(input)", obs.ZSimilarity, obs.ZDifferentSubjectMedian, obs.RealZCosine, test),
            Reconstruct(obs, test),
            obs.RecoveredIntensity != null && probeRange is { } range ? Recovery(obs, test, range) : null,
            obs.NearestSubject != null ? IdentityShare(obs, test, subjects) : null);
    }

    static EditAccuracy Accuracy(EditObservations obs, FaceSet test)
    {
        int n = obs.Inputs, k = obs.Classes, top = obs.Intensities.Length - 1;
        var readAs = Enumerable.Range(0, k).Select(t => Enumerable.Range(0, k).Select(j =>
            n == 0 ? double.NaN : Enumerable.Range(0, n).Count(i => obs.PredictedClass[i, t, top] == j) / (double)n).ToArray()).ToArray();
        var perTarget = Enumerable.Range(0, k).Select(t => readAs[t][t]).ToArray();
        var realCorrect = Enumerable.Range(0, n).Select(i => ExpressionJudge.Predicted(obs.RealProbabilities[i]) == test.Labels[i]).ToArray();
        var realPerClass = Enumerable.Range(0, k).Select(c =>
        {
            var rows = Enumerable.Range(0, n).Where(i => test.Labels[i] == c).ToArray();
            return rows.Length == 0 ? double.NaN : rows.Count(i => realCorrect[i]) / (double)rows.Length;
        }).ToArray();
        return new EditAccuracy(perTarget.Average(), perTarget, n * k, realCorrect.Count(c => c) / (double)Math.Max(1, n), realPerClass, 1.0 / k, readAs);
    }

    static IntensityControl Intensity(EditObservations obs, FaceSet test)
    {
        int n = obs.Inputs, k = obs.Classes, levels = obs.Intensities.Length;
        var mean = new double[k][];
        var spearman = new double[k];
        for (var t = 0; t < k; t++)
        {
            mean[t] = Enumerable.Range(0, levels).Select(l => Enumerable.Range(0, n).Average(i => (double)obs.TargetProbability[i, t, l])).ToArray();
            spearman[t] = PooledSpearman(obs, t);
        }
        var all = Enumerable.Range(0, levels).Select(l => mean.Average(m => m[l])).ToArray();

        double[]? real = null;
        if (test.Intensities is { } truth)
        {
            real = Enumerable.Range(0, k).Select(c =>
            {
                var rows = Enumerable.Range(0, n).Where(i => test.Labels[i] == c).ToArray();
                if (rows.Select(i => truth[i]).Distinct().Count() < 2) return double.NaN;   // no spread to rank (e.g. neutral)
                return RankCorrelation.Spearman(rows.Select(i => (double)truth[i]).ToArray(), rows.Select(i => (double)obs.RealProbabilities[i][c]).ToArray());
            }).ToArray();
            if (real.All(double.IsNaN)) real = null;
        }
        return new IntensityControl(obs.Intensities, mean, all, spearman, MeanOf(spearman), real, real == null ? null : MeanOf(real))
        {
            PerFaceSpearman = [.. Enumerable.Range(0, k).Select(t => PerFaceSpearman(obs, t))],
            PerFaceSpearmanOwnClass = [.. Enumerable.Range(0, k).Select(t =>
                PerFaceSpearman(obs, t, [.. Enumerable.Range(0, n).Where(i => test.Labels[i] == t)]))],
        };
    }

    /// <summary>ρ between the requested intensity and P(target) over all faces' edits into the target, pooled.</summary>
    public static double PooledSpearman(EditObservations obs, int target)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < obs.Inputs; i++)
            for (var l = 0; l < obs.Intensities.Length; l++)
            {
                x.Add(obs.Intensities[l]);
                y.Add(obs.TargetProbability[i, target, l]);
            }
        return RankCorrelation.Spearman(x, y);
    }

    /// <summary>
    /// Mean over faces (all, or only <paramref name="faces"/>) of each face's ρ between the requested intensities and its
    /// P(target). A face whose reading never moves (beyond float noise) has no control and counts 0; NaN when no face's
    /// reading moves (nothing to rank) or no face is given.
    /// </summary>
    public static double PerFaceSpearman(EditObservations obs, int target, IReadOnlyList<int>? faces = null)
    {
        var levels = obs.Intensities.Select(v => (double)v).ToArray();
        var perFace = (faces ?? Enumerable.Range(0, obs.Inputs).ToArray())
            .Select(i => Enumerable.Range(0, levels.Length).Select(l => (double)obs.TargetProbability[i, target, l]).ToArray())
            .Select(p => RankCorrelation.AllTied(p) ? (double?)null : RankCorrelation.Spearman(levels, p))
            .ToList();
        return perFace.All(r => r is null) ? double.NaN : perFace.Average(r => r ?? 0);
    }

    static IdentityMeasure Identity(string name, string description, float[,] similarity, double median, float[,] realCosine, FaceSet test)
    {
        int n = similarity.GetLength(0), k = similarity.GetLength(1);
        var all = new List<float>();
        var other = new List<float>();
        for (var i = 0; i < n; i++)
            for (var t = 0; t < k; t++)
            {
                all.Add(similarity[i, t]);
                if (t != test.Labels[i]) other.Add(similarity[i, t]);
            }
        var pairs = new List<float>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (test.Subjects[i] != null && test.Subjects[i] == test.Subjects[j]) pairs.Add(realCosine[i, j]);
        return new IdentityMeasure(name, description, all.Count == 0 ? double.NaN : all.Average(), median,
            double.IsNaN(median) ? double.NaN : IdentityPreservation.ShareAbove(all, median),
            double.IsNaN(median) ? double.NaN : IdentityPreservation.ShareAbove(other, median),
            double.IsNaN(median) || pairs.Count == 0 ? double.NaN : IdentityPreservation.ShareAbove(pairs, median), all.Count);
    }

    static Reconstruction Reconstruct(EditObservations obs, FaceSet test) => new(
        obs.ReconstructionL1.Average(), obs.ReconstructionPsnr.Average(v => (double)v), obs.ReconstructionSsim.Average(), obs.ReconstructionL1.Length,
        test.Intensities != null ? "the true class at the image's ground-truth intensity"
            : "the true class at intensity 1 (the data set gives no intensities)");

    static IntensityRecovery Recovery(EditObservations obs, FaceSet test, (float Min, float Max) range)
    {
        var recovered = obs.RecoveredIntensity!;
        int n = obs.Inputs, k = obs.Classes, levels = obs.Intensities.Length;
        var errors = new List<double>();
        var inRange = new List<double>();
        var requested = new List<double>();
        var read = new List<double>();
        var perLevel = new double[levels];
        for (var l = 0; l < levels; l++)
        {
            var values = new List<double>();
            for (var i = 0; i < n; i++)
                for (var t = 0; t < k; t++)
                {
                    var r = recovered[i, t, l];
                    if (float.IsNaN(r)) continue;
                    var level = obs.Intensities[l];
                    values.Add(r);
                    errors.Add(Math.Abs(level - r));
                    if (level >= range.Min - 1e-6 && level <= range.Max + 1e-6) inRange.Add(Math.Abs(level - r));
                    requested.Add(level);
                    read.Add(r);
                }
            perLevel[l] = values.Count == 0 ? double.NaN : values.Average();
        }
        var realErrors = Enumerable.Range(0, n).Where(i => !float.IsNaN(obs.RealRecoveredIntensity![i]))
            .Select(i => (double)Math.Abs(test.Intensities![i] - obs.RealRecoveredIntensity![i])).ToList();
        return new IntensityRecovery(MeanOrNaN(errors), MeanOrNaN(inRange), range.Min, range.Max, perLevel,
            RankCorrelation.Spearman(requested, read), MeanOrNaN(realErrors), errors.Count);
    }

    static IdentityAccuracy IdentityShare(EditObservations obs, FaceSet test, int candidates)
    {
        var nearest = obs.NearestSubject!;
        int n = obs.Inputs, k = obs.Classes;
        var hits = new List<bool>();
        var other = new List<bool>();
        for (var i = 0; i < n; i++)
            for (var t = 0; t < k; t++)
            {
                var hit = nearest[i, t] == test.Subjects[i];
                hits.Add(hit);
                if (t != test.Labels[i]) other.Add(hit);
            }
        var real = Enumerable.Range(0, n).Select(i => obs.RealNearestSubject![i] == test.Subjects[i]).ToList();
        return new IdentityAccuracy(Share(hits), Share(other), Share(real), candidates, 1.0 / Math.Max(1, candidates));
    }

    static double Share(List<bool> hits) => hits.Count == 0 ? double.NaN : hits.Count(h => h) / (double)hits.Count;

    static double MeanOrNaN(List<double> values) => values.Count == 0 ? double.NaN : values.Average();

    static double MeanOf(double[] values) => values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();
}
