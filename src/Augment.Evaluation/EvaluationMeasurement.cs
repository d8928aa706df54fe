using Augment.Classifier;
using Augment.Core;
using Augment.Data;
using Augment.Evaluation.Editing;
using Augment.Evaluation.Gates;
using Augment.Evaluation.Identity;
using Augment.Evaluation.Judging;
using Augment.Evaluation.Probes;
using Augment.ExprGan;
using Augment.Identity;
using Microsoft.ML;
using TorchSharp;

namespace Augment.Evaluation;

/// <summary>An evaluation's numbers with the descriptions of the judge and probes that produced them.</summary>
public sealed record Measured(EvaluationResult Result, string Judge, string? Probes);

/// <summary>
/// The measuring part of an evaluation, without files: judge and probes trained on the real training side, the
/// intensity sweep, the nearest-face identity measure and the quality gates. Shared by <c>evaluate</c> and by the
/// sweep, which checks the gates before it renders synthetic rows.
/// </summary>
public static class EvaluationMeasurement
{
    public static Measured Measure(IExpressionGenerator generator, FaceSet train, FaceSet test, IIdentityNetwork phi, string phiDescription,
        ExpressionCnnOptions judgeOptions, EvaluationOptions options, QualityGateOptions gates, int seed, IProgressSink progress,
        IReadOnlyDictionary<string, float[]>? identityParameters = null, FaceSet? neutral = null)
    {
        GeneratorCompatibility.Check(generator.Info, train, "the generator");
        GeneratorCompatibility.Check(generator.Info, test, "the generator");
        var testSubjects = test.Subjects.Where(s => s != null).ToHashSet();
        if (train.Subjects.Any(s => s != null && testSubjects.Contains(s)))
            throw new ArgumentException("A subject is in both the training and the test images: the evaluation must be on held-out subjects.");
        torch.random.manual_seed(seed);   // libtorch's global generator; every component also takes its own seed
        var ml = new MLContext(seed);
        using var judge = ExpressionJudge.Train(ml, train, judgeOptions with { Seed = Seeding.Derive(seed, "judge"), Progress = progress });
        using var probes = identityParameters is { } parameters && train.Intensities != null
            ? ProceduralProbes.Train(train, parameters, Seeding.Derive(seed, "probes")) : null;

        var observations = EditSweep.Run(generator, test, judge, phi, probes, options, progress);
        var result = EditMetrics.Compute(observations, test, phiDescription, probes?.TrainedIntensityRange) with
        {
            NearestFace = IdentityEditSweep.Run(generator, test, phi, phiDescription, options, progress),
        };
        if (neutral != null) result = result with { Intensity = result.Intensity with { NeutralReading = MeanProbabilities(judge, neutral) } };
        result = result with { Gates = QualityGates.Check(GateInputs.From(result, gates), gates) };
        return new Measured(result, judge.Description, probes?.Description);
    }

    /// <summary>The judge's mean probability per class over a set's images.</summary>
    static double[] MeanProbabilities(ExpressionJudge judge, FaceSet set)
    {
        var p = judge.Probabilities(set.Images);
        return Enumerable.Range(0, judge.ClassNames.Count).Select(k => p.Average(row => (double)row[k])).ToArray();
    }
}
