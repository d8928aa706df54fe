using Augment.Core;
using Augment.Data;
using Augment.ExprGan;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Evaluation.Identity;

/// <summary>
/// Renders every held-out face into every target at the identity intensities, reads the edits and the real faces in
/// each feature space and scores them (<see cref="NearestFace"/>, <see cref="PairSpread"/>). Kept apart from the
/// intensity sweep because it needs the edits' features in full, not one number per edit.
/// </summary>
public static class IdentityEditSweep
{
    public static NearestFaceIdentity Run(IExpressionGenerator generator, FaceSet test, IIdentityNetwork phi, string phiDescription,
        EvaluationOptions options, IProgressSink progress)
    {
        var o = options.Validated();
        GeneratorCompatibility.Check(generator.Info, test, "the generator");
        var spaces = FeatureSpaces.Describe(phiDescription);
        var levels = o.IdentityIntensities.ToArray();
        int n = test.Count, k = test.ClassCount, v = levels.Length, perInput = k * v;

        var real = Enumerable.Range(0, spaces.Count).Select(_ => new List<Tensor>()).ToArray();
        var edits = Enumerable.Range(0, spaces.Count).Select(_ => new List<Tensor>()).ToArray();
        var chunk = Math.Max(1, o.EditBatch / perInput);
        var tracker = new ProgressTracker(progress, "evaluate identity", n, "faces");
        try
        {
            for (var start = 0; start < n; start += chunk)
            {
                var count = Math.Min(chunk, n - start);
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var inputs = test.Images.narrow(0, start, count).to(generator.Device);
                // Row order: input, then target, then intensity (so row r is input r / perInput).
                var targets = Enumerable.Range(0, count * perInput).Select(r => (long)(r / v % k)).ToArray();
                var intensities = Enumerable.Range(0, count * perInput).Select(r => levels[r % v]).ToArray();
                var rendered = generator.Edit(inputs.repeat_interleave(perInput, 0), generator.Code(targets, intensities));
                Keep(real, FeatureSpaces.Of(inputs, phi, generator));
                Keep(edits, FeatureSpaces.Of(rendered, phi, generator));
                tracker.Advance(count, count, $"{count * perInput} edits");
            }
            var realAll = real.Select(c => cat(c, 0)).ToArray();
            var editAll = edits.Select(c => cat(c, 0)).ToArray();
            try
            {
                return Score(test, spaces, levels, realAll, editAll);
            }
            finally
            {
                foreach (var t in realAll.Concat(editAll)) t.Dispose();
            }
        }
        finally
        {
            foreach (var t in real.Concat(edits).SelectMany(c => c)) t.Dispose();
        }
    }

    static void Keep(List<Tensor>[] into, Tensor[] features)
    {
        for (var s = 0; s < into.Length; s++) into[s].Add(features[s].DetachFromDisposeScope());
    }

    /// <summary>
    /// The scores from features: real[s] is N x D_s, edits[s] is (N*K*V) x D_s in the order input, target, intensity.
    /// Public so that tests can score constructed features.
    /// </summary>
    public static NearestFaceIdentity Score(FaceSet test, IReadOnlyList<FeatureSpace> spaces, IReadOnlyList<float> levels,
        IReadOnlyList<Tensor> real, IReadOnlyList<Tensor> edits)
    {
        int n = test.Count, k = test.ClassCount, v = levels.Count, perInput = k * v;
        var (sequences, rule) = SequenceKeys.Of(test);
        var subjects = test.Subjects;
        var shares = new List<NearestFaceShare>();
        var spread = new List<SameTargetSpread>();
        var eligible = 0;
        for (var s = 0; s < spaces.Count; s++)
        {
            var ceiling = NearestFace.Real(real[s], subjects, sequences);
            eligible = ceiling.Eligible;
            var realPairs = PairSpread.DifferentSubjects(real[s], subjects);
            for (var l = 0; l < v; l++)
            {
                // The N*K edits at this intensity, input-major (row i*K + t).
                var rows = Enumerable.Range(0, n * k).Select(j => (long)(j / k * perInput + j % k * v + l)).ToArray();
                using var index = tensor(rows);
                using var at = edits[s].index_select(0, index);
                var source = Enumerable.Range(0, n * k).Select(j => j / k).ToArray();
                var hits = NearestFace.Score(at, source, real[s], subjects, sequences);
                var perTarget = Enumerable.Range(0, k).Select(t => hits.Share(q => q % k == t)).ToArray();
                shares.Add(new NearestFaceShare(spaces[s].Name, levels[l], hits.Share(), perTarget, hits.MeanChance(), ceiling.Share(), hits.Eligible));

                var pooled = PairMeans.Empty;
                for (var t = 0; t < k; t++)
                {
                    using var targetIndex = tensor(Enumerable.Range(0, n).Select(i => (long)(i * k + t)).ToArray());
                    using var ofTarget = at.index_select(0, targetIndex);
                    pooled = pooled.Plus(PairSpread.DifferentSubjects(ofTarget, subjects));
                }
                spread.Add(new SameTargetSpread(spaces[s].Name, levels[l], pooled.Cosine, pooled.Distance, pooled.Pairs,
                    realPairs.Cosine, realPairs.Distance, realPairs.Pairs));
            }
        }
        return new NearestFaceIdentity(rule, n, eligible, subjects.Where(x => x != null).Distinct().Count(), spaces, shares, spread);
    }
}
