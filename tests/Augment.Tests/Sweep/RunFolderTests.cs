using Augment.Core;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Progress;
using Augment.Sweep.Results;
using Augment.Sweep.Runs;
using TorchSharp;

namespace Augment.Tests.Sweep;

/// <summary>Issue 10 items 2, 3, 4, 10, 11: run folders, staging, provenance per cell, publishing, cost-based ETA.</summary>
public sealed class RunFolderTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-runs-" + Guid.NewGuid().ToString("N"));
    /// <summary>A small sweep of 16 cells on <see cref="FakeBackend"/>'s two splits (also used by <see cref="CarriedRunTests"/>).</summary>
    internal static readonly SweepOptions Options = new() { Counts = [0, 3000], Seeds = [1, 2], Threads = 1, Synthetic = [SyntheticMix.Pooled],
        Variants = [ClassicAugmentation.Off, ClassicAugmentation.FlipsAndShifts] };
    string Run => Path.Combine(_dir, "run");
    string Results => Path.Combine(_dir, "results");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void CellsCarryTheirProvenanceAndTheSummaryDescribesTheCellsNotTheLastInvocation()
    {
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("first", false);
        var cells = File.ReadAllText(Path.Combine(Run, "cells.csv"));
        foreach (var column in new[] { "cell_seconds", "gan_seconds", "threads", "cpu", "commit", "finished_utc" }) Assert.Contains(column, cells);

        // Pretend the cells were made elsewhere: a resumed run that computes nothing must not claim them.
        File.WriteAllText(Path.Combine(Run, "cells.csv"), cells.Replace(MachineInfo.Current(torch.get_num_threads()).Cpu, "Other CPU 9000"));
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("second", false);
        var md = File.ReadAllText(Path.Combine(Run, "summary.md"));
        Assert.Contains("cells computed on: Other CPU 9000 (16 cells)", md);
        Assert.Contains("computed 0 of the 16 cells", md);
    }

    [Fact]
    public void CellsWrittenBeforeProvenanceAreReadAndSaidToLackIt()
    {
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("first", false);
        // The format before issue 10: no provenance, no synthetic variant, no classifier steps.
        CellsCsv.DropColumns(Path.Combine(Run, "cells.csv"), "synthetic", "cell_seconds", "gan_seconds", "threads", "cpu", "commit", "finished_utc",
            "classifier_steps", "real_rows_seen", "synthetic_rows_seen");
        var backend = new FakeBackend();
        new SweepRunner(Options, backend, Run, NullProgress.Instance).Run("second", false);
        Assert.Empty(backend.Ran);
        Assert.Contains("without recorded provenance", File.ReadAllText(Path.Combine(Run, "summary.md")));
    }

    [Fact]
    public void AKilledFreshRunLeavesTheRunFolderIntactAndResumesItsStaging()
    {
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("first", false);
        var summary = File.ReadAllText(Path.Combine(Run, "summary.md"));
        var cells = File.ReadAllText(Path.Combine(Run, "cells.csv"));

        var killed = new FakeBackend(failAfterCells: 2);
        Assert.Throws<OperationCanceledException>(() => new SweepRunner(Options, killed, Run, NullProgress.Instance).Run("fresh", true));
        Assert.Equal(cells, File.ReadAllText(Path.Combine(Run, "cells.csv")));   // the old reports still match their cells
        Assert.Equal(summary, File.ReadAllText(Path.Combine(Run, "summary.md")));

        var resumed = new FakeBackend();
        var store = new SweepRunner(Options, resumed, Run, NullProgress.Instance).Run("fresh", true);
        Assert.Equal(16 - 2, resumed.Ran.Count);
        Assert.Equal(16, store.Cells.Count);
        Assert.False(Directory.Exists(RunFolder.StagingOf(Run)));
        Assert.Contains("- command: `fresh`", File.ReadAllText(Path.Combine(Run, "summary.md")));
    }

    [Fact]
    public void LeftoverTempFilesAreRemoved()
    {
        Directory.CreateDirectory(Run);
        var stale = Path.Combine(Run, "summary.md.tmp-999999999");
        var staleNumbered = Path.Combine(Run, "cells.csv.tmp-999999998-4");
        File.WriteAllText(stale, "half");
        File.WriteAllText(staleNumbered, "half");
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("t", false);
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleNumbered));
    }

    [Fact]
    public void AnotherThreadCountIsAnotherSweep()
    {
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("t", false);
        var e = Assert.Throws<InvalidDataException>(() => new SweepRunner(Options with { Threads = 2 }, new FakeBackend(), Run, NullProgress.Instance).Run("t", false));
        Assert.Contains("--fresh", e.Message);
    }

    [Fact]
    public void PublishCopiesOnlyAFinishedRunAndLeavesOtherResultsAlone()
    {
        Assert.Throws<OperationCanceledException>(() => new SweepRunner(Options, new FakeBackend(failAfterCells: 3), Run, NullProgress.Instance).Run("t", false));
        var e = Assert.Throws<InvalidDataException>(() => Publisher.Publish(Run, Results));
        Assert.Contains("3 of 16 cells", e.Message);

        Directory.CreateDirectory(Path.Combine(Results, "evaluation"));
        File.WriteAllText(Path.Combine(Results, "evaluation", "report.md"), "keep");
        File.WriteAllText(Path.Combine(Results, "confusion-60K.csv"), "from an older publication");
        File.WriteAllText(Path.Combine(Results, "notes.md"), "keep");
        new SweepRunner(Options, new FakeBackend(), Run, NullProgress.Instance).Run("t", false);
        var files = Publisher.Publish(Run, Results);
        Assert.Contains(files, f => f.EndsWith("cells.csv", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(Path.Combine(Run, "summary.md")), File.ReadAllText(Path.Combine(Results, "summary.md")));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(Results, "evaluation", "report.md")));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(Results, "notes.md")));
        Assert.False(File.Exists(Path.Combine(Results, "confusion-60K.csv")));
        Assert.Empty(Directory.GetFiles(Results, "*.tmp-*"));
    }

    /// <summary>Issue 10 item 4: after a resume only the remaining cells count, and the ETA weighs each step by its cost.</summary>
    [Fact]
    public void ProgressCountsOnlyTheCellsToRunAndEstimatesFromTheirCost()
    {
        Assert.Throws<OperationCanceledException>(() => new SweepRunner(Options, new FakeBackend(failAfterCells: 4), Run, NullProgress.Instance).Run("t", false));
        var seen = new List<ProgressSnapshot>();
        new SweepRunner(Options, new FakeBackend(), Run, new CollectingSink(seen)).Run("t", false);
        var sweep = seen.Where(s => s.Task == "sweep cells").ToList();
        Assert.All(sweep, s => Assert.Equal(12, s.Total));
        Assert.Equal(0, sweep[0].Done);
        Assert.NotNull(sweep[0].Eta);

        // A GAN to train costs more than a cell: the ETA of a plan with one is larger, not cells x the same time.
        var cost = new CostModel(threads: 1);
        var cell = new WorkItem("cell", 0, 15000, 0);
        var gan = new WorkItem("gan", 1296 * 4, 0, 0);
        Assert.True(cost.Seconds(gan) > 2 * cost.Seconds(cell));
        var withGan = new SweepProgress(NullProgress.Instance, cost, [gan, cell, cell]);
        var withoutGan = new SweepProgress(NullProgress.Instance, cost, [new WorkItem("cached", 0, 0, 0), cell, cell]);
        Assert.True(withGan.Remaining() > withoutGan.Remaining() * 2);
        // Two processes on one run folder share the plan: half the time.
        var alone = withGan.Remaining();
        withGan.Processes = 2;
        Assert.Equal(alone.TotalSeconds / 2, withGan.Remaining().TotalSeconds, 6);
        // A process that joins during a long step (a GAN) is counted then, not when the next step begins.
        var joined = new SweepProgress(NullProgress.Instance, cost, [gan, cell, cell]) { CountProcesses = () => 2 };
        var lone = new SweepProgress(NullProgress.Instance, cost, [gan, cell, cell]);
        joined.Begin("gan");
        lone.Begin("gan");
        Assert.True(joined.Remaining() < lone.Remaining());
        Assert.Equal(2, joined.Processes);
        // A GAN's inner ETA is its current stage's: a short one does not hide the stages after it.
        var stage1 = new SweepProgress(NullProgress.Instance, cost, [gan]);
        stage1.Begin("gan");
        Assert.True(stage1.Remaining(TimeSpan.FromSeconds(1)).TotalSeconds > 0.9 * cost.Seconds(gan));
        // Measured rates replace the priors.
        cost.ObserveClassifier(15000, 30);
        Assert.Equal(30, cost.Seconds(cell), 6);
        Assert.Equal("0.6 cells/min", ProgressSnapshot.Rate(0.01, "cells"));
    }

    sealed class CollectingSink(List<ProgressSnapshot> seen) : IProgressSink
    {
        public void Report(ProgressSnapshot snapshot) => seen.Add(snapshot);
    }
}
