using Augment.Experiments.Commands;
using Augment.ExprGan;
using Augment.ExprGan.Training;
using Augment.Tests.Cli;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>The moving average of the generator's weights over stage 3 (GeneratorAverage).</summary>
public class GeneratorAverageTests
{
    static readonly string[] Classes = ["a", "b", "c"];

    [Fact]
    public void AnUpdateMovesTheAverageByOneMinusDecayTowardsTheLiveWeights()
    {
        using var live = ExprGanGenerator.Create(ExprGanPreset.Tiny.Architecture(1, 3), Classes, CPU, 5);
        using var average = GeneratorAverage.Start(live, 0.75);
        var before = average.Generator.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using (no_grad())
            foreach (var t in live.StateDict().Values.Where(t => t.is_floating_point())) t.add_(4);
        average.Update();
        var after = average.Generator.StateDict();
        foreach (var (name, old) in before)
        {
            var expected = old.is_floating_point() ? old + 1 : live.StateDict()[name];   // (1 - 0.75) x 4; integer buffers copied
            Assert.True(after[name].allclose(expected, rtol: 1e-5, atol: 1e-5), $"{name} did not move by (1 - decay) x the change");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratorAverage.Start(live, 1.0));
    }

    [Fact]
    public void TheRunWritesTheAverageAndAResumedRunWritesTheSameOne()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var set = TinyFaces.Create();
        var arch = ExprGanPreset.Tiny.Architecture(1, 3);
        var options = new ExprGanTrainingOptions([1, 1, 3], BatchSize: 8, Seed: 4) { GeneratorAverageDecay = 0.9 };

        using var straight = new ExprGanTrainer(arch, options, a.Path, CPU);
        using var written = ExprGanGenerator.Load(straight.Train(set), CPU);
        var live = straight.Networks.Generator.StateDict();
        Assert.Contains(written.StateDict(), kv => kv.Value.is_floating_point() && !kv.Value.allclose(live[kv.Key]));
        using (var last = ExprGanGenerator.Load(straight.Files.LastStepGenerator, CPU))   // the last step's weights beside it
            Assert.All(last.StateDict(), kv => Assert.True(kv.Value.equal(live[kv.Key]).all().item<bool>(), kv.Key));

        // Killed after stage 3's first epoch: the checkpoint carries the average on.
        using (var cancel = new CancellationTokenSource())
        using (var killed = new ExprGanTrainer(arch, options, b.Path, CPU))
        {
            killed.EpochCompleted += e => { if (e.Stage == 3) cancel.Cancel(); };
            Assert.Throws<OperationCanceledException>(() => killed.Train(set, cancel: cancel.Token));
        }
        using var resumed = new ExprGanTrainer(arch, options, b.Path, CPU);
        using var again = ExprGanGenerator.Load(resumed.Train(set, resume: true), CPU);
        foreach (var (name, t) in written.StateDict())
            Assert.True(t.equal(again.StateDict()[name]).all().item<bool>(), $"{name} of the average differs after resume");
        Assert.Contains(options.ResumeDifferences(options with { GeneratorAverageDecay = null }), d => d.StartsWith("GeneratorAverageDecay"));
    }

    /// <summary>`ip-skip-avg` is `ip-skip` plus the average and nothing else (same networks, same training but the written weights).</summary>
    [Fact]
    public void TheAveragedPresetIsIpSkipPlusTheAverageAlone()
    {
        var skip = ExprGanPreset.Get("ip-skip");
        var avg = ExprGanPreset.Get("ip-skip-avg");
        Assert.Equal(skip.Architecture(1, 6), avg.Architecture(1, 6));
        Assert.Equal(skip.DefaultEpochs, avg.DefaultEpochs);
        var differences = skip.TrainingOptions([10, 10, 40], 1).ResumeDifferences(avg.TrainingOptions([10, 10, 40], 1));
        Assert.Equal(["GeneratorAverageDecay  (checkpoint) vs 0.995 (now)"], differences);
        Assert.Null(skip.GeneratorAverageDecay);
    }

    [Fact]
    public void TheOptionIsSerialisedOnlyWhenOnAndTheTrainCommandSetsIt()
    {
        var off = new ExprGanTrainingOptions([1, 1, 1]);
        Assert.DoesNotContain("GeneratorAverage", System.Text.Json.JsonSerializer.Serialize(off, Augment.ExprGan.Checkpoints.CheckpointIO.Json));
        Assert.Throws<ArgumentException>(() => (off with { GeneratorAverageDecay = 0 }).Validated());
        var parsed = TrainCommand.BuildOptions(Capture<TrainCommand.Settings>.Bind("--preset", "ip-skip", "--generator-average", "0.99"));
        Assert.Equal(0.99, parsed.Training.GeneratorAverageDecay);
        Assert.Null(TrainCommand.BuildOptions(Capture<TrainCommand.Settings>.Bind("--preset", "ip-skip")).Training.GeneratorAverageDecay);
    }
}
