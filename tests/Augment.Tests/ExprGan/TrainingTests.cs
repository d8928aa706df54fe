using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

public class TrainingTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "augment-exprgan-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    static ExprGanArchitecture Arch(int classes = 3) => ExprGanPreset.Tiny.Architecture(1, classes);

    [Fact]
    public void EveryStageLowersItsLosses()
    {
        using var set = TinyFaces.Create();
        using var phi = new RandomConvIdentity(3);
        var options = new ExprGanTrainingOptions([8, 8, 6], BatchSize: 8, LearningRate: 1e-3, Seed: 11);
        var epochs = new List<EpochSummary>();
        using var trainer = new ExprGanTrainer(Arch(), options, dir, CPU, phi);
        trainer.EpochCompleted += epochs.Add;
        var path = trainer.Train(set);
        Assert.True(File.Exists(path));
        Assert.True(File.Exists(trainer.Files.Grid(3, 5)));
        var s1 = epochs.Where(e => e.Stage == 1).ToList();
        var s2 = epochs.Where(e => e.Stage == 2).ToList();
        var s3 = epochs.Where(e => e.Stage == 3).ToList();
        Assert.True(s1[^1].Mean.RegularizerOnFakes < s1[0].Mean.RegularizerOnFakes, $"stage 1 Q {s1[0].Mean.RegularizerOnFakes} -> {s1[^1].Mean.RegularizerOnFakes}");
        Assert.True(s2[^1].Mean.Pixel < 0.8 * s2[0].Mean.Pixel, $"stage 2 L1 {s2[0].Mean.Pixel} -> {s2[^1].Mean.Pixel}");
        Assert.True(s2[^1].Mean.Identity < s2[0].Mean.Identity, $"stage 2 id {s2[0].Mean.Identity} -> {s2[^1].Mean.Identity}");
        Assert.True(s3[^1].Mean.Pixel < s3[0].Mean.Pixel, $"stage 3 L1 {s3[0].Mean.Pixel} -> {s3[^1].Mean.Pixel}");
        var rows = File.ReadAllLines(trainer.Files.Losses);
        Assert.Equal(1 + (8 + 8 + 6) * (set.Count / 8), rows.Length);
    }
}
