using Augment.Core;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Progress;
using Augment.Sweep.Runs;
using TorchSharp;

namespace Augment.Tests.Sweep;

/// <summary>A sweep carried between machines: an unfinished run's cells saved under results/, merged into a run folder
/// elsewhere, which then computes only the rest.</summary>
public sealed class CarriedRunTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-carry-" + Guid.NewGuid().ToString("N"));
    static SweepOptions Options => RunFolderTests.Options;
    string Here => Path.Combine(_dir, "here");
    string There => Path.Combine(_dir, "there");
    string Results => Path.Combine(_dir, "results");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void CellsSavedOnOneMachineAreNotComputedAgainOnTheNext()
    {
        Assert.Throws<OperationCanceledException>(() =>
            new SweepRunner(Options, new FakeBackend(failAfterCells: 5), Here, NullProgress.Instance).Run("first", false));
        var (folder, saved, total) = CarriedRun.Save(Here, Results);
        Assert.Equal((CarriedRun.FolderOf(Results), 5, 16), (folder, saved, total));
        Assert.False(File.Exists(Path.Combine(Results, "summary.md")));   // not a result

        // The next machine: an empty run folder, the carried cells marked as made elsewhere.
        var cells = Path.Combine(folder, "cells.csv");
        File.WriteAllText(cells, File.ReadAllText(cells).Replace(MachineInfo.Current(torch.get_num_threads()).Cpu, "Other CPU 9000"));
        Assert.Equal(5, CarriedRun.Load(folder, There, Options.HashText("fakedata"), new FakeBackend().ClassNames));
        Assert.Equal(0, CarriedRun.Load(folder, There, Options.HashText("fakedata"), new FakeBackend().ClassNames));   // idempotent
        var next = new FakeBackend();
        var store = new SweepRunner(Options, next, There, NullProgress.Instance).Run("second", false);
        Assert.Equal(16 - 5, next.Ran.Count);
        Assert.Equal(16, store.Cells.Count);
        Assert.Contains("Other CPU 9000 (5 cells)", File.ReadAllText(Path.Combine(There, "summary.md")));

        // Publishing the finished run supersedes the partial one.
        Publisher.Publish(There, Results);
        Assert.True(File.Exists(Path.Combine(Results, "summary.md")));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void CellsOfAnotherSweepAreRefusedByName()
    {
        Assert.Throws<OperationCanceledException>(() =>
            new SweepRunner(Options, new FakeBackend(failAfterCells: 3), Here, NullProgress.Instance).Run("first", false));
        var (folder, _, _) = CarriedRun.Save(Here, Results);
        var other = Options with { ClassifierEpochs = Options.ClassifierEpochs + 10 };
        var e = Assert.Throws<InvalidDataException>(() => CarriedRun.Load(folder, There, other.HashText("fakedata"), new FakeBackend().ClassNames));
        Assert.Contains("classifier epochs", e.Message);
        Assert.Contains(folder, e.Message);
        Assert.False(File.Exists(Path.Combine(There, "cells.csv")));
    }

    [Fact]
    public void AFinishedRunIsPublishedNotCarried()
    {
        new SweepRunner(Options, new FakeBackend(), Here, NullProgress.Instance).Run("first", false);
        var e = Assert.Throws<InvalidDataException>(() => CarriedRun.Save(Here, Results));
        Assert.Contains("without --partial", e.Message);
        Assert.False(Directory.Exists(CarriedRun.FolderOf(Results)));
    }
}
