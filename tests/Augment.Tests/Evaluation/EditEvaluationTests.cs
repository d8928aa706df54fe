using Augment.Evaluation;
using Augment.Evaluation.Editing;
using Xunit.Abstractions;

namespace Augment.Tests.Evaluation;

/// <summary>The metrics on generators whose answer is known: one that changes nothing, one that edits perfectly.</summary>
public class EditEvaluationTests(EvaluationFixture f, ITestOutputHelper output) : IClassFixture<EvaluationFixture>
{
    static readonly EvaluationOptions Options = new() { IntensityLevels = 6, EditBatch = 96 };

    EvaluationResult Evaluate(Augment.ExprGan.IExpressionGenerator generator)
    {
        var obs = EditSweep.Run(generator, f.Test, f.Judge, f.Phi, f.Probes, Options, Augment.Core.NullProgress.Instance);
        var result = EditMetrics.Compute(obs, f.Test, "random conv", f.Probes.TrainedIntensityRange);
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result, new System.Text.Json.JsonSerializerOptions
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        return result;
    }

    [Fact]
    public void AGeneratorThatChangesNothingKeepsIdentityAndReconstructsButControlsNothing()
    {
        using var generator = new PassThroughGenerator(f.Test.ClassNames, 1, f.Test.Height);
        var r = Evaluate(generator);
        int k = f.Test.ClassCount;

        // Every input comes back as itself: each input's K edits are one image with one judge label, so exactly one
        // of the K targets is 'hit' whatever the judge says.
        Assert.Equal(1.0 / k, r.Accuracy.Overall, 9);
        Assert.Equal(r.Accuracy.Chance, r.Accuracy.Overall, 9);
        // Where the edits go: every target's row is the judge's reading of the inputs themselves, the same for all targets.
        Assert.All(r.Accuracy.ReadAs, row => Assert.Equal(1.0, row.Sum(), 9));
        Assert.All(r.Accuracy.ReadAs, row => Assert.Equal(r.Accuracy.ReadAs[0], row));
        for (var t = 0; t < k; t++) Assert.Equal(r.Accuracy.PerTarget[t], r.Accuracy.ReadAs[t][t], 9);
        // The judge's probability does not move with the requested intensity: rank correlation 0 in every class.
        Assert.All(r.Intensity.Spearman, rho => Assert.Equal(0, rho, 6));
        Assert.Equal(0, r.Intensity.MeanSpearman, 6);
        Assert.All(r.Intensity.PerFaceSpearman!, rho => Assert.True(double.IsNaN(rho)));   // no face's reading varies

        Assert.Equal(1.0, r.PhiIdentity.ShareAbove);
        Assert.Equal(1.0, r.ZIdentity.ShareAbove);
        Assert.Equal(1.0, r.PhiIdentity.MeanSimilarity, 5);
        Assert.True(r.PhiIdentity.DifferentSubjectMedian < 1);

        Assert.Equal(0, r.Reconstruction.L1, 9);
        Assert.Equal(1, r.Reconstruction.Ssim, 4);
        Assert.True(double.IsPositiveInfinity(r.Reconstruction.Psnr));
        Assert.Contains("ground-truth intensity", r.Reconstruction.CodeSource);

        // Probes: an unchanged face is read exactly as the real face is.
        Assert.NotNull(r.IdentityAccuracy);
        Assert.Equal(r.IdentityAccuracy!.RealShare, r.IdentityAccuracy.EditShare, 9);
        Assert.Equal(f.Test.Subjects.Distinct().Count(), r.IdentityAccuracy.Candidates);
        Assert.NotNull(r.IntensityRecovery);
        Assert.InRange(r.IntensityRecovery!.EditSpearman, -1e-6, 1e-6);
    }

    [Fact]
    public void APerfectEditorScoresLikeRealFaces()
    {
        using var generator = new OracleGenerator(f.Faces, f.All, codeDims: 2);
        var r = Evaluate(generator);

        Assert.True(r.Accuracy.RealOverall > 0.6, $"judge on real test faces {r.Accuracy.RealOverall:P1}: the fixture's judge is too weak to test with");
        Assert.True(r.Accuracy.Overall > 0.6 && r.Accuracy.Overall > 2 * r.Accuracy.Chance, $"edit accuracy {r.Accuracy.Overall:P1}");
        Assert.True(r.Intensity.MeanSpearman > 0.5, $"intensity Spearman {r.Intensity.MeanSpearman:0.000}");
        Assert.True(r.Intensity.MeanProbabilityAllClasses[^1] > r.Intensity.MeanProbabilityAllClasses[0]);

        // z is the identity itself, so every edit sits exactly on its input in z.
        Assert.Equal(1.0, r.ZIdentity.ShareAbove);
        Assert.Equal(1.0, r.ZIdentity.MeanSimilarity, 5);
        Assert.Equal(0.0, r.ZIdentity.DifferentSubjectMedian, 5);

        // The probes read the oracle's edits about as well as real faces (their own floor), and better than chance.
        var recovery = r.IntensityRecovery!;
        Assert.True(recovery.EditMaeInTrainedRange < recovery.RealMae + 0.05, $"intensity MAE {recovery.EditMaeInTrainedRange:0.000}, real {recovery.RealMae:0.000}");
        Assert.True(recovery.EditSpearman > 0.5, $"requested vs recovered Spearman {recovery.EditSpearman:0.000}");
        var identity = r.IdentityAccuracy!;
        Assert.True(identity.EditShare >= identity.RealShare - 0.1 && identity.EditShare > identity.Chance,
            $"identity accuracy {identity.EditShare:P1}, real {identity.RealShare:P1}, chance {identity.Chance:P1}");
    }
}

/// <summary>The per-face intensity diagnostic against the pooled ρ, on readings made up to have a known answer.</summary>
public class PerFaceIntensityTests
{
    [Fact]
    public void FacesThatAllRampFromDifferentStartsArePerfectPerFaceButNotPooled()
    {
        float[] levels = [0f, 1 / 3f, 2 / 3f, 1f];
        var obs = new EditObservations(inputs: 3, classes: 1, levels, probes: false);
        for (var i = 0; i < 3; i++)
            for (var l = 0; l < levels.Length; l++) obs.TargetProbability[i, 0, l] = 0.3f * i + 0.1f * l;   // face 2 at 0 reads above face 0 at 1
        Assert.Equal(1, EditMetrics.PerFaceSpearman(obs, 0), 9);

        var pooledX = new List<double>();
        var pooledY = new List<double>();
        for (var i = 0; i < 3; i++)
            for (var l = 0; l < levels.Length; l++) { pooledX.Add(levels[l]); pooledY.Add(obs.TargetProbability[i, 0, l]); }
        Assert.True(Augment.Evaluation.Metrics.RankCorrelation.Spearman(pooledX, pooledY) < 0.5);

        for (var l = 0; l < levels.Length; l++) obs.TargetProbability[2, 0, l] = 0.9f - 0.1f * l;   // one face ramps down
        Assert.Equal(1 / 3.0, EditMetrics.PerFaceSpearman(obs, 0), 9);
    }
}

/// <summary>Why the intensity gate reads faces one by one: a judge that reads each edit path as a step.</summary>
public class IntensityReadingTests
{
    [Fact]
    public void StepsAtSpreadPointsAreMonotonePerFaceButNearPointSixPooled()
    {
        var levels = Enumerable.Range(0, 11).Select(l => l / 10f).ToArray();
        const int faces = 100;
        var obs = new EditObservations(inputs: faces, classes: 1, levels, probes: false);
        for (var i = 0; i < faces; i++)
        {
            var step = (i + 0.5) / faces;   // where face i's reading jumps, spread evenly over (0, 1)
            for (var l = 0; l < levels.Length; l++)
                // Low before the step, high after, each face at its own level (a scrambled offset below 0.05) with a
                // drift too small to reorder faces: every path rises, but faces at a plateau do not rank by intensity.
                obs.TargetProbability[i, 0, l] = (levels[l] > step ? 0.9f : 0.1f) + (i * 37 % faces) / 2000f + 1e-5f * l;
        }
        Assert.Equal(1, EditMetrics.PerFaceSpearman(obs, 0), 9);
        Assert.InRange(EditMetrics.PooledSpearman(obs, 0), 0.5, 0.7);
    }

    [Fact]
    public void FacesWhoseReadingNeverMovesCountZeroAndTheGateFailsThem()
    {
        float[] levels = [0f, 0.5f, 1f];
        var obs = new EditObservations(inputs: 4, classes: 1, levels, probes: false);
        for (var i = 0; i < 4; i++)
            for (var l = 0; l < levels.Length; l++) obs.TargetProbability[i, 0, l] = i < 2 ? 0.2f + 0.3f * l : 0.5f;   // two faces ignore intensity
        var rho = EditMetrics.PerFaceSpearman(obs, 0);
        Assert.Equal(0.5, rho, 9);

        var gate = Augment.Evaluation.Gates.QualityGates.Check(new Augment.Evaluation.Gates.GateInputs(["anger"], 1, 1, [rho],
            Augment.Evaluation.Identity.FeatureSpaces.Phi, 1f, 1, 1, 0.01), new Augment.Evaluation.Gates.QualityGateOptions());
        var failed = Assert.Single(gate.Failed);
        Assert.Contains("per face", failed.Name);
    }

    /// <summary>The faces given are the only ones averaged: one ramping and two stuck faces read 1/3, the ramping ones 1;
    /// stuck faces alone have nothing to rank (NaN, as for every face).</summary>
    [Fact]
    public void PerFaceSpearmanOverChosenFacesAveragesOnlyThose()
    {
        float[] levels = [0f, 0.5f, 1f];
        var obs = new EditObservations(inputs: 4, classes: 1, levels, probes: false);
        for (var i = 0; i < 4; i++)
            for (var l = 0; l < levels.Length; l++) obs.TargetProbability[i, 0, l] = i < 2 ? 0.2f + 0.3f * l : 1f;   // faces 2-3 stuck at certainty
        Assert.Equal(1 / 3.0, EditMetrics.PerFaceSpearman(obs, 0, [1, 2, 3]), 9);
        Assert.True(double.IsNaN(EditMetrics.PerFaceSpearman(obs, 0, [2, 3])));
        Assert.Equal(1, EditMetrics.PerFaceSpearman(obs, 0, [0, 1]), 9);
        Assert.True(double.IsNaN(EditMetrics.PerFaceSpearman(obs, 0, [])));
    }
}
