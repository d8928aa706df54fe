using Augment.ExprGan;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Tests.Cli;
using Augment.Experiments.Commands;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>Generators written during stage 3 (ExprGanTrainingOptions.SnapshotEvery).</summary>
public class SnapshotTests
{
    [Fact]
    public void ASnapshotIsTheGeneratorAShorterRunWrites()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var set = TinyFaces.Create();
        var arch = ExprGanPreset.Tiny.Architecture(1, 3);
        var options = new ExprGanTrainingOptions([1, 1, 3], BatchSize: 8, Seed: 6) { GeneratorAverageDecay = 0.9, SnapshotEvery = 1 };

        using var full = new ExprGanTrainer(arch, options, a.Path, CPU);
        full.Train(set);
        // Every epoch of stage 3 but the last, whose generator is the run's own.
        Assert.True(File.Exists(full.Files.Snapshot(0)));
        Assert.True(File.Exists(full.Files.Snapshot(1)));
        Assert.False(File.Exists(full.Files.Snapshot(2)));
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(full.Files.Snapshot(0))!).Length);

        using var shorter = new ExprGanTrainer(arch, options with { Epochs = [1, 1, 2], SnapshotEvery = null }, b.Path, CPU);
        using var expected = ExprGanGenerator.Load(shorter.Train(set), CPU);
        using var snapshot = ExprGanGenerator.Load(full.Files.Snapshot(1), CPU);
        using var final = ExprGanGenerator.Load(full.Files.Generator, CPU);
        foreach (var (name, t) in expected.StateDict())
            Assert.True(t.equal(snapshot.StateDict()[name]).all().item<bool>(), $"{name} of the epoch-2 snapshot differs from a 2-epoch run's generator");
        Assert.Contains(final.StateDict(), kv => kv.Value.is_floating_point() && !kv.Value.equal(snapshot.StateDict()[kv.Key]).all().item<bool>());
        Assert.False(Directory.Exists(Path.GetDirectoryName(shorter.Files.Snapshot(0))), "a run without the option writes no snapshots");
    }

    [Fact]
    public void TheOptionChangesNoKeyAndIsSetByItsFlag()
    {
        var off = new ExprGanTrainingOptions([1, 1, 4]);
        var on = off with { SnapshotEvery = 2 };
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(off, Augment.ExprGan.Checkpoints.CheckpointIO.Json),
            System.Text.Json.JsonSerializer.Serialize(on, Augment.ExprGan.Checkpoints.CheckpointIO.Json));
        Assert.Empty(off.ResumeDifferences(on));
        Assert.Equal([false, true, false, false], Enumerable.Range(0, 4).Select(e => on.SnapshotsAfter(3, e)));
        Assert.False(on.SnapshotsAfter(2, 1));
        Assert.Throws<ArgumentException>(() => (off with { SnapshotEvery = 0 }).Validated());
        var parsed = TrainCommand.BuildOptions(Capture<TrainCommand.Settings>.Bind("--preset", "ip-skip", "--snapshot-every", "5"));
        Assert.Equal(5, parsed.Training.SnapshotEvery);
    }
}
