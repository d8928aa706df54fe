using Augment.Experiments.Commands;
using Spectre.Console.Cli;

namespace Augment.Tests.Cli;

/// <summary>--train-seed: another training run on the same hold-out, through the real parser.</summary>
public class TrainSeedTests
{
    static TrainRequest Parse(params string[] args)
    {
        Capture<TrainCommand.Settings>.Last = null;
        var app = new CommandApp<Capture<TrainCommand.Settings>>();
        app.Configure(c => c.UseStrictParsing().PropagateExceptions());
        Assert.Equal(0, app.Run(args));
        return TrainCommand.BuildOptions(Capture<TrainCommand.Settings>.Last!);
    }

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
