using Augment.Experiments.Commands;
using Spectre.Console.Cli;

namespace Augment.Tests.Cli;

/// <summary>--train-seed: another training run on the same hold-out, through the real parser.</summary>
public class TrainSeedTests
{
    static TrainRequest Parse(params string[] args) => TrainCommand.BuildOptions(Capture<TrainCommand.Settings>.Bind(args));

    [Fact]
    public void TheTrainingSeedDefaultsToTheSplitSeedAndCanDifferFromIt()
    {
        var same = Parse("--seed", "1");
        Assert.Equal(1, same.Training.Seed);
        Assert.Equal(1, same.Data.Load.Seed);
        var other = Parse("--seed", "1", "--train-seed", "7");
        Assert.Equal(7, other.Training.Seed);
        Assert.Equal(1, other.Data.Load.Seed);   // the hold-out is drawn from --seed alone
    }
}
