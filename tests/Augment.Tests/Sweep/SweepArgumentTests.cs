using Augment.Experiments;
using Augment.Experiments.Commands;
using Augment.Sweep.Plan;
using Augment.Tests.Cli;
using Spectre.Console.Cli;

namespace Augment.Tests.Sweep;

/// <summary>Issue 14: the sweep's synthetic-variant and low-data flags, through the real parser and validation.</summary>
public class SweepArgumentTests
{
    static SweepOptions Parse(params string[] args)
    {
        var app = new CommandApp();
        app.Configure(c => { c.UseStrictParsing(); c.PropagateExceptions(); c.AddCommand<Capture<SweepCommand.Settings>>("sweep"); });
        Capture<SweepCommand.Settings>.Last = null;
        Assert.Equal(0, app.Run(["sweep", .. args]));
        return SweepCommand.BuildOptions(Capture<SweepCommand.Settings>.Last!);
    }

    [Fact]
    public void SyntheticVariantsAndTheirShareReachTheOptions()
    {
        foreach (var defaults in new[] { Parse(), Parse("--quick") })
        {
            Assert.Equal([SyntheticMix.Pooled, SyntheticMix.Capped], defaults.Synthetic);
            Assert.Equal(0.5, defaults.SyntheticShare);
        }
        var capped = Parse("--synthetic", "capped", "--synthetic-share", "0.25");
        Assert.Equal([SyntheticMix.Capped], capped.Synthetic);
        Assert.Equal(0.25, capped.SyntheticShare);
        Assert.Equal([SyntheticMix.Pooled], Parse("--synthetic", "pooled").Synthetic);
        Assert.Equal([SyntheticMix.Pooled, SyntheticMix.Capped], Parse("--synthetic", "Capped, pooled").Synthetic);
        Assert.NotEqual(Parse("--synthetic", "pooled").Hash("d"), Parse().Hash("d"));
        Assert.NotEqual(Parse("--synthetic-share", "0.3").Hash("d"), Parse().Hash("d"));
    }

    [Fact]
    public void TrainSubjectsReachTheOptions()
    {
        Assert.Null(Parse().TrainSubjects);
        Assert.Equal(20, Parse("--train-subjects", "20").TrainSubjects);
        Assert.NotEqual(Parse("--train-subjects", "20").Hash("d"), Parse().Hash("d"));
    }

    [Theory]
    [InlineData("--train-subjects", new[] { "sweep", "--train-subjects", "0" })]
    [InlineData("--synthetic", new[] { "sweep", "--synthetic", "mixed" })]
    [InlineData("--synthetic", new[] { "sweep", "--synthetic", "pooled,pooled" })]
    [InlineData("--synthetic-share", new[] { "sweep", "--synthetic-share", "1.5" })]
    [InlineData("--synthetic-share", new[] { "sweep", "--synthetic", "pooled", "--synthetic-share", "0.3" })]
    public void BadSyntheticFlagsAreRefusedNamingTheOption(string named, string[] args)
    {
        var (code, output) = CliHarness.Run(args);
        Assert.True(code == CliApp.UsageError, $"exit {code} for {string.Join(" ", args)}:\n{output}");
        Assert.Contains(named, output);
        Assert.DoesNotContain("   at ", output);
    }
}
