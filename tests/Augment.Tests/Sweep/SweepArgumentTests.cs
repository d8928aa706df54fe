using Augment.Experiments;
using Augment.Experiments.Commands;
using Augment.Sweep.Plan;
using Augment.Tests.Cli;
using Spectre.Console.Cli;

namespace Augment.Tests.Sweep;

/// <summary>Issue 14: the sweep's synthetic-variant and low-data flags, through the real parser and validation.</summary>
public class SweepArgumentTests
{
    /// <summary>The options an argument line of 'sweep' gives: bound by the real parser (the settings as the only command).</summary>
    static SweepOptions Parse(params string[] args) => SweepCommand.BuildOptions(Capture<SweepCommand.Settings>.Bind(args));

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

    /// <summary>--gan-seed: another GAN for the same splits, a different run (its seed is part of the options hash).</summary>
    [Fact]
    public void TheGanSeedReachesTheOptionsAndTheHash()
    {
        Assert.Equal(1, Parse().GanSeed);
        Assert.Equal(3, Parse("--gan-seed", "3").GanSeed);
        Assert.NotEqual(Parse("--gan-seed", "3").Hash("d"), Parse().Hash("d"));
    }

    [Fact]
    public void TheIntensityGateReadingReachesTheGatesButNotTheHash()
    {
        Assert.Equal(Augment.Evaluation.Gates.IntensityReading.PerFace, Parse().Gate.Thresholds.IntensityReading);
        var pooled = Parse("--intensity-gate", "pooled", "--allow-weak-generator");
        Assert.Equal(Augment.Evaluation.Gates.IntensityReading.Pooled, pooled.Gate.Thresholds.IntensityReading);
        Assert.True(pooled.Gate.AllowWeakGenerator);
        Assert.Equal(pooled.Hash("d"), Parse().Hash("d"));   // gates decide whether cells run, never what they measure
        Assert.True(Parse("--quick").Gate.AllowWeakGenerator);
    }

    [Fact]
    public void BadFlagsAreRefusedSayingWhy()
    {
        (string[] Args, string Message)[] cases =
        [
            (["--train-subjects", "0"], "--train-subjects must be between 1"),
            (["--synthetic", "mixed"], "--synthetic takes pooled and/or capped (e.g. pooled,capped), got 'mixed'"),
            (["--synthetic", "pooled,pooled"], "--synthetic names a variant twice"),
            (["--synthetic-share", "1.5"], "--synthetic-share must be between 0 and 1, got 1.5"),
            (["--intensity-gate", "median"], "--intensity-gate must be per-face or pooled, got 'median'"),
            (["--synthetic", "pooled", "--synthetic-share", "0.3"], "--synthetic-share sets the capped variant's cap, but --synthetic leaves the capped variant out"),
            (["--workers", "2"], "--workers 2 runs 2 processes side by side: give each one torch thread with --threads 1 (got 2"),
            (["--workers", "2", "--threads", "2"], "give each one torch thread with --threads 1"),
            (["--workers", "0", "--threads", "1"], "--workers must be between 1 and 64, got 0"),
        ];
        foreach (var (args, message) in cases)
        {
            var (code, output) = CliHarness.Run(["sweep", .. args]);
            Assert.True(code == CliApp.UsageError && output.Contains(message, StringComparison.Ordinal), $"exit {code} for {string.Join(" ", args)}:\n{output}");
        }
    }

    /// <summary>--workers: the others run the same command line, without --workers (they start none) and without
    /// --publish (the first process publishes once all have ended).</summary>
    [Fact]
    public void WorkersRunTheSameCommandWithoutWorkersPublishOrContinueFrom()
    {
        string[] parent = ["sweep", "--dataset", "ck48", "--workers", "2", "--threads", "1", "--publish", "--out", "x"];
        Assert.Equal(["sweep", "--dataset", "ck48", "--threads", "1", "--out", "x"], SweepWorkers.ArgumentsOf(parent));
        Assert.Equal(["sweep", "--threads", "1"], SweepWorkers.ArgumentsOf(["sweep", "--workers=3", "--threads", "1"]));
        // The parent merges carried cells before the workers start.
        Assert.Equal(["sweep", "--threads", "1"], SweepWorkers.ArgumentsOf(["sweep", "--continue-from", "r/partial", "--threads", "1", "--continue-from=p"]));
        Assert.Equal(Parse(parent[1..]).Hash("d"), Parse([.. SweepWorkers.ArgumentsOf(parent).Skip(1)]).Hash("d"));
    }
}
