using Augment.Classifier;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Data.Splits;
using Augment.Evaluation.Judging;
using Augment.Evaluation.Probes;
using Augment.Identity;
using Microsoft.ML;
using TorchSharp;

namespace Augment.Tests.Evaluation;

/// <summary>
/// Shared by the evaluation tests of a class: small aligned procedural faces (16x16, 10 identities, 3 held out),
/// a judge CNN and the probes trained once on the real training side, and a fixed random-conv phi.
/// </summary>
public sealed class EvaluationFixture : IDisposable
{
    public EvaluationFixture()
    {
        TestProcess.ApplyThreads();
        Faces = new ProceduralFaces(Options, Load);
        All = Faces.Load(out _);
        Split = SubjectSplitter.HoldOut(All, 0.25, seed: 1);
        (Train, Test) = All.Split(Split);
        Judge = ExpressionJudge.Train(new MLContext(1), Train, JudgeOptions);
        Parameters = Faces.Identities.ToDictionary(i => i.Subject, i => i.ToVector());
        Probes = ProceduralProbes.Train(Train, Parameters, seed: 1);
        Phi = new RandomConvIdentity(seed: 3);
    }

    public static ProceduralOptions Options { get; } = new() { Identities = 16, ImagesPerExpression = 2, Nuisance = false };
    public static FaceLoadOptions Load { get; } = new() { Size = 32, Seed = 5 };

    public static ExpressionCnnOptions JudgeOptions { get; } = new()
    {
        Architecture = CnnArchitecture.Small, Epochs = 15, BatchSize = 16, LearningRate = 3e-3, Threads = 1, Seed = 3,
    };

    public ProceduralFaces Faces { get; }
    public FaceSet All { get; }
    public SplitResult Split { get; }
    public FaceSet Train { get; }
    public FaceSet Test { get; }
    public ExpressionJudge Judge { get; }
    public IReadOnlyDictionary<string, float[]> Parameters { get; }
    public ProceduralProbes Probes { get; }
    public RandomConvIdentity Phi { get; }

    public void Dispose()
    {
        Phi.Dispose();
        Probes.Dispose();
        Judge.Dispose();
        Train.Dispose();
        Test.Dispose();
        All.Dispose();
    }
}
