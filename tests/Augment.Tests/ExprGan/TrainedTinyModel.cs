using Augment.Data;
using Augment.ExprGan.Editing;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>One tiny ExprGAN trained briefly (all three stages), shared by the editing tests of a class.</summary>
public sealed class TrainedTinyModel : IDisposable
{
    readonly TempDirectory dir = new();

    public TrainedTinyModel()
    {
        Set = TinyFaces.Create();
        var options = new ExprGanTrainingOptions([40, 6, 3], BatchSize: 8, LearningRate: 1e-3, Seed: 4);
        using var trainer = new ExprGanTrainer(ExprGanPreset.Tiny.Architecture(1, 3), options, dir.Path, CPU);
        GeneratorPath = trainer.Train(Set);
        Editor = ExpressionEditor.Load(GeneratorPath, CPU);
    }

    public FaceSet Set { get; }
    public string GeneratorPath { get; }
    public ExpressionEditor Editor { get; }

    public void Dispose()
    {
        Editor.Dispose();
        Set.Dispose();
        dir.Dispose();
    }
}
