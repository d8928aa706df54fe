using Augment.ExprGan.Checkpoints;
using Augment.ExprGan.Training;
using Augment.Tests.Cli;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>The learning rate's linear fall over the end of stage 3 (ExprGanTrainingOptions.LearningRateDecay).</summary>
public class LearningRateDecayTests
{
    [Fact]
    public void TheRateFallsLinearlyOverTheLastShareOfStage3Only()
    {
        var o = new ExprGanTrainingOptions([1, 1, 1], LearningRate: 1e-3) { LearningRateDecay = 0.5 };
        Assert.Equal(1e-3, o.LearningRateAt(2, 9, 10));            // stages 1-2 keep the rate
        Assert.Equal(1e-3, o.LearningRateAt(3, 4, 10));
        Assert.Equal(1e-3, o.LearningRateAt(3, 5, 10));            // the first of the 5 decaying steps: full rate
        Assert.Equal(0.8e-3, o.LearningRateAt(3, 6, 10), 12);
        Assert.Equal(0.2e-3, o.LearningRateAt(3, 9, 10), 12);      // the last: a fifth
        Assert.Equal(1e-3, (o with { LearningRateDecay = 0 }).LearningRateAt(3, 9, 10));
        Assert.Throws<ArgumentException>(() => (o with { LearningRateDecay = 1.5 }).Validated());
        Assert.Throws<ArgumentException>(() => (o with { LearningRateDecay = -0.1 }).Validated());
    }

    [Fact]
    public void RecordedOnlyWhenOnRefusedOnResumeAndSetByItsFlag()
    {
        var off = new ExprGanTrainingOptions([1, 1, 1]);
        var on = off with { LearningRateDecay = 0.5 };
        Assert.DoesNotContain(nameof(ExprGanTrainingOptions.LearningRateDecay), System.Text.Json.JsonSerializer.Serialize(off, CheckpointIO.Json));
        Assert.Contains(nameof(ExprGanTrainingOptions.LearningRateDecay), System.Text.Json.JsonSerializer.Serialize(on, CheckpointIO.Json));
        Assert.Contains(off.ResumeDifferences(on), d => d.StartsWith(nameof(ExprGanTrainingOptions.LearningRateDecay)));
        var parsed = Augment.Experiments.Commands.TrainCommand.BuildOptions(
            Capture<Augment.Experiments.Commands.TrainCommand.Settings>.Bind("--preset", "ip-skip", "--lr-decay", "0.25"));
        Assert.Equal(0.25, parsed.Training.LearningRateDecay);
    }

    /// <summary>At rate 0 a step leaves every network's weights where they were; at the preset's rate it moves them.</summary>
    [Fact]
    public void TheStepsOptimisersTakeTheRate()
    {
        using var set = TinyFaces.Create();
        var arch = ExprGanPreset.Tiny.Architecture(set.Channels, set.ClassNames.Count);
        using var nets = ExprGanNetworks.Create(arch, set.ClassNames, CPU, 3);
        using var step = new ExprGanStep(nets, null, new ExprGanTrainingOptions([1, 1, 1], BatchSize: 8, Seed: 3));
        using var gen = new Generator(3, CPU);
        step.BeginStage(3);
        var x = set.Images.narrow(0, 0, 8);
        var y = tensor(set.Labels.Take(8).Select(l => (long)l).ToArray());
        // Parameters, not the state dict: batch norm's running statistics move in a training step at any rate.
        Tensor[] Weights() => [.. nets.GeneratorParameters().Select(p => p.detach().clone())];
        bool Moved(Tensor[] before) => nets.GeneratorParameters().Zip(before).Any(p => !p.First.equal(p.Second).all().item<bool>());

        var before = Weights();
        step.SetLearningRate(0);
        using (NewDisposeScope()) step.Run(x, y, gen);
        Assert.False(Moved(before), "a step at rate 0 changed the generator");
        step.SetLearningRate(2e-4);
        using (NewDisposeScope()) step.Run(x, y, gen);
        Assert.True(Moved(before), "a step at rate 2e-4 left the generator unchanged");
    }
}
