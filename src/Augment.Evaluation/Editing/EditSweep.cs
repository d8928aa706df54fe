using Augment.Core;
using Augment.Data;
using Augment.Evaluation.Judging;
using Augment.Evaluation.Metrics;
using Augment.Evaluation.Probes;
using Augment.ExprGan;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Evaluation.Editing;

/// <summary>
/// Makes and reads the edits: every test face re-rendered in every class at every requested intensity
/// (<see cref="IExpressionGenerator.Edit"/>, code from the controller), each edit read by the judge (and the procedural probes), the intensity-1 edits
/// compared with their input through phi and through the encoder; plus the same read-outs and the reconstruction
/// G(E(x), c_true) on the real test faces. Works batch by batch and keeps only numbers. phi must run on the
/// generator's device.
/// </summary>
public static class EditSweep
{
    public static EditObservations Run(IExpressionGenerator generator, FaceSet test, ExpressionJudge judge, IIdentityNetwork phi,
        ProceduralProbes? probes, EvaluationOptions options, IProgressSink progress)
    {
        var o = options.Validated();
        GeneratorCompatibility.Check(generator.Info, test, "the generator");
        var levels = o.Intensities();
        int n = test.Count, k = test.ClassCount, l = levels.Length;
        var obs = new EditObservations(n, k, levels, probes != null);
        var candidates = test.Subjects.Where(s => s != null).Select(s => s!).Distinct().Order(StringComparer.Ordinal).ToArray();

        var (realPhi, realZ) = ReadRealFaces(generator, test, judge, phi, probes, candidates, obs, o, progress);
        using var phiOwner = realPhi;
        using var zOwner = realZ;

        var perInput = k * l;
        var chunk = Math.Max(1, o.EditBatch / perInput);
        var tracker = new ProgressTracker(progress, "evaluate edits", n, "faces");
        for (var start = 0; start < n; start += chunk)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(chunk, n - start);
            var rows = count * perInput;
            var targets = new long[rows];
            var intensities = new float[rows];
            for (var r = 0; r < rows; r++)
            {
                targets[r] = r / l % k;
                intensities[r] = levels[r % l];
            }
            var inputs = test.Images.narrow(0, start, count).to(generator.Device);
            var edits = generator.Edit(inputs.repeat_interleave(perInput, 0), generator.Code(targets, intensities));
            var probabilities = judge.Probabilities(edits);
            var recovered = probes?.Intensity(edits, targets.Select(t => (int)t).ToArray());
            for (var r = 0; r < rows; r++)
            {
                int i = start + r / perInput, t = (int)targets[r], level = r % l;
                obs.TargetProbability[i, t, level] = probabilities[r][t];
                obs.PredictedClass[i, t, level] = ExpressionJudge.Predicted(probabilities[r]);
                if (recovered != null) obs.RecoveredIntensity![i, t, level] = recovered[r];
            }

            // Identity: the intensity-1 edits (one per target) against their own input.
            var strongest = tensor(Enumerable.Range(0, count * k).Select(j => (long)(j * l + l - 1)).ToArray(), device: edits.device);
            var strong = edits.index_select(0, strongest);
            var phiSimilarity = IdentityPreservation.RowCosine(IdentityFeatures.Pooled(phi, strong), realPhi.narrow(0, start, count).repeat_interleave(k, 0));
            var zSimilarity = IdentityPreservation.RowCosine(generator.Encode(strong).cpu(), realZ.narrow(0, start, count).repeat_interleave(k, 0));
            var nearest = probes?.NearestSubject(strong, candidates);
            for (var j = 0; j < count * k; j++)
            {
                int i = start + j / k, t = j % k;
                obs.PhiSimilarity[i, t] = phiSimilarity[j];
                obs.ZSimilarity[i, t] = zSimilarity[j];
                if (nearest != null) obs.NearestSubject![i, t] = nearest[j];
            }
            tracker.Advance(count, count, $"{rows} edits");
        }
        return obs;
    }

    /// <summary>The real test faces: judge, reconstruction, probes; returns phi features and z (N x F, N x Z on the CPU).</summary>
    static (Tensor Phi, Tensor Z) ReadRealFaces(IExpressionGenerator generator, FaceSet test, ExpressionJudge judge, IIdentityNetwork phi,
        ProceduralProbes? probes, string[] candidates, EditObservations obs, EvaluationOptions o, IProgressSink progress)
    {
        int n = test.Count;
        var phiChunks = new List<Tensor>();
        var zChunks = new List<Tensor>();
        var probabilities = new List<float[]>();
        var (l1, psnr, ssim) = (new List<float>(), new List<float>(), new List<float>());
        var recovered = probes != null ? new List<float>() : null;
        var nearest = probes != null ? new List<string>() : null;
        var tracker = new ProgressTracker(progress, "evaluate real faces", n, "faces");
        for (var start = 0; start < n; start += o.EditBatch)
        {
            var count = Math.Min(o.EditBatch, n - start);
            using var scope = NewDisposeScope();
            var x = test.Images.narrow(0, start, count).to(generator.Device);
            var labels = test.Labels.Skip(start).Take(count).ToArray();
            var z = generator.Encode(x);
            zChunks.Add(z.cpu().MoveToOuterDisposeScope());
            phiChunks.Add(IdentityFeatures.Pooled(phi, x).MoveToOuterDisposeScope());
            probabilities.AddRange(judge.Probabilities(x));
            // c_true: the true class at the image's own intensity when the data set gives it, else at 1.
            var own = test.Intensities?.Skip(start).Take(count).ToArray() ?? Enumerable.Repeat(1f, count).ToArray();
            var reconstruction = generator.Edit(x, generator.Code(labels.Select(c => (long)c).ToArray(), own)).cpu();
            var reference = x.cpu();
            l1.AddRange(ImageQuality.L1(reconstruction, reference));
            psnr.AddRange(ImageQuality.Psnr(reconstruction, reference));
            ssim.AddRange(ImageQuality.Ssim(reconstruction, reference));
            recovered?.AddRange(probes!.Intensity(x, labels));
            nearest?.AddRange(probes!.NearestSubject(x, candidates));
            tracker.Advance(count, count);
        }
        var realZ = cat(zChunks, 0);
        var realPhi = cat(phiChunks, 0);
        zChunks.ForEach(t => t.Dispose());
        phiChunks.ForEach(t => t.Dispose());

        obs.RealProbabilities = probabilities.ToArray();
        obs.ReconstructionL1 = l1.ToArray();
        obs.ReconstructionPsnr = psnr.ToArray();
        obs.ReconstructionSsim = ssim.ToArray();
        obs.RealRecoveredIntensity = recovered?.ToArray();
        obs.RealNearestSubject = nearest?.ToArray();
        obs.RealPhiCosine = IdentityPreservation.CosineMatrix(realPhi);
        obs.RealZCosine = IdentityPreservation.CosineMatrix(realZ);
        if (candidates.Length >= 2)
        {
            obs.PhiDifferentSubjectMedian = IdentityPreservation.DifferentSubjectMedian(obs.RealPhiCosine, test.Subjects);
            obs.ZDifferentSubjectMedian = IdentityPreservation.DifferentSubjectMedian(obs.RealZCosine, test.Subjects);
        }
        else (obs.PhiDifferentSubjectMedian, obs.ZDifferentSubjectMedian) = (double.NaN, double.NaN);
        return (realPhi, realZ);
    }
}
