using Augment.Core;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;

namespace Augment.Tests.Sweep;

public sealed class SweepRunnerTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-sweep-" + Guid.NewGuid().ToString("N"));
    static readonly SweepOptions Options = new()
    {
        Counts = [0, 3000, 6000], Seeds = [1, 2], Synthetic = [SyntheticMix.Pooled], ClassifierEpochs = 12, ClassifierSamplesPerEpoch = 2000,
        Variants = [ClassicAugmentation.Off, ClassicAugmentation.FlipsAndShifts],
    };

    public void Dispose()
    {
        if (Directory.Exists(_dir) && Environment.GetEnvironmentVariable("AUGMENT_KEEP_TEST_OUTPUT") == null) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void WritesEveryCellAndTheReports()
    {
        var backend = new FakeBackend();
        var store = new SweepRunner(Options, backend, _dir, NullProgress.Instance).Run("test", fresh: false);
        Assert.Equal(2 * 2 * 3 * 2, store.Cells.Count);
        Assert.Equal(4, backend.Prepared.Count);   // one GAN per (split, seed)
        foreach (var f in new[] { "cells.csv", "summary.csv", "summary.md", "accuracy.png", "confusion-0.png", "confusion-3K-pooled.csv" })
            Assert.True(File.Exists(Path.Combine(_dir, f)), f);
        var md = File.ReadAllText(Path.Combine(_dir, "summary.md"));
        // The paper's accuracy beside ours; no spread, so the interval of the paired differences is a point.
        Assert.Contains("| 0 | real only | 80.00 ± 0.00 | 78.02 ± 0.00 | – | – | 4 | 0 | 77.78 |", md);
        Assert.Contains("| 6K | pooled | 86.67 ± 0.00 | 86.11 ± 0.00 | +6.67 | [+6.67, +6.67] | 4 | 98.36 | 81.94 |", md);
        Assert.Contains("same step budget, 12 epochs x 2000 rows, 320 optimiser steps in every fit", md);
    }

    [Fact]
    public void KilledSweepResumesWithoutRedoingFinishedCells()
    {
        var first = new FakeBackend(failAfterCells: 5);
        Assert.Throws<OperationCanceledException>(() => new SweepRunner(Options, first, _dir, NullProgress.Instance).Run("test", false));
        var done = CellStore.Open(Path.Combine(_dir, "cells.csv"), first.ClassNames, Options.Hash(first.DataHash));
        Assert.Equal(5, done.Cells.Count);

        var second = new FakeBackend();
        var store = new SweepRunner(Options, second, _dir, NullProgress.Instance).Run("test", false);
        Assert.Equal(24, store.Cells.Count);
        Assert.Equal(24 - 5, second.Ran.Count);
        Assert.DoesNotContain(second.Ran, c => first.Ran.Contains(c));
        Assert.Equal(4, second.Prepared.Count);   // the first (split, seed) still had its 6th cell to do
    }

    /// <summary>The real-data default runs flips and shifts only: its confusion matrices are of that variant.</summary>
    [Fact]
    public void ASweepWithoutThePlainVariantStillWritesConfusionMatrices()
    {
        new SweepRunner(Options with { Variants = [ClassicAugmentation.FlipsAndShifts] }, new FakeBackend(), _dir, NullProgress.Instance).Run("test", false);
        foreach (var f in new[] { "confusion-0.csv", "confusion-3K-pooled.png" })
            Assert.True(File.Exists(Path.Combine(_dir, f)), f);
        var md = File.ReadAllText(Path.Combine(_dir, "summary.md"));
        Assert.Contains("## Per-class accuracy (%), GAN synthetic + flips/shifts", md);
        Assert.Contains("| anger | 40.00 | 50.00 | 60.00 |", md);   // FakeBackend: 4 of 10 anger test images right, one more per 3000
    }

    /// <summary>A resumed sweep checks only the generators it prepares; the summary still lists every split's verdict.</summary>
    [Fact]
    public void TheSummaryKeepsTheGateVerdictsOfEarlierInvocations()
    {
        Assert.Throws<OperationCanceledException>(() => new SweepRunner(Options, new FakeBackend(failAfterCells: 12), _dir, NullProgress.Instance).Run("test", false));
        var second = new FakeBackend();
        new SweepRunner(Options, second, _dir, NullProgress.Instance).Run("test", false);
        Assert.DoesNotContain(second.Prepared, p => p.Split == 0);   // split 0 was finished by the first invocation
        var md = File.ReadAllText(Path.Combine(_dir, "summary.md"));
        Assert.Contains("- generator quality gates: the GAN of split 0: fake gates passed", md);
        Assert.Contains("- generator quality gates: the GAN of split 1: fake gates passed", md);
    }

    /// <summary>A (split, seed) another process holds is left to it: this one runs the rest and writes no reports; once
    /// the holder is gone a rerun does only the cells that were left.</summary>
    [Fact]
    public void AGroupAnotherProcessHoldsIsLeftToIt()
    {
        var claim = FileLock.TryAcquire(SweepRunner.ClaimPath(_dir, (1, 2)))!;
        var first = new FakeBackend();
        var store = new SweepRunner(Options, first, _dir, NullProgress.Instance).Run("test", false);
        Assert.Equal(18, store.Cells.Count);
        Assert.DoesNotContain(first.Prepared, p => p == (1, 2));
        Assert.False(File.Exists(Path.Combine(_dir, "summary.md")));
        Assert.False(Augment.Sweep.Runs.RunStatus.Read(_dir)!.Complete);
        claim.Dispose();

        var second = new FakeBackend();
        new SweepRunner(Options, second, _dir, NullProgress.Instance).Run("test", false);
        Assert.Equal([(1, 2)], second.Prepared);
        Assert.Equal(6, second.Ran.Count);
        Assert.True(File.Exists(Path.Combine(_dir, "summary.md")));
        Assert.True(Augment.Sweep.Runs.RunStatus.Read(_dir)!.Complete);
    }

    /// <summary>Two processes started on one folder share the cells: each is computed once, and the reports cover all.</summary>
    [Fact]
    public async Task TwoRunnersOnOneFolderComputeEachCellOnce()
    {
        // The first runner's cells wait until the second has begun one, so neither can do everything alone.
        using var secondBegan = new ManualResetEventSlim();
        var a = new FakeBackend { BeforeCell = _ => secondBegan.Wait(TimeSpan.FromSeconds(20)) };
        var b = new FakeBackend { BeforeCell = _ => secondBegan.Set() };
        var runs = new[] { a, b }.Select(backend => Task.Run(() => new SweepRunner(Options, backend, _dir, NullProgress.Instance).Run("test", false))).ToArray();
        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(a.Ran);
        Assert.NotEmpty(b.Ran);
        Assert.Empty(a.Ran.Intersect(b.Ran));
        Assert.Equal(24, a.Ran.Count + b.Ran.Count);
        Assert.Equal(24, CellStore.Open(Path.Combine(_dir, "cells.csv"), a.ClassNames, Options.Hash(a.DataHash)).Cells.Count);
        Assert.Contains("| 6K | pooled | 86.67 ± 0.00 |", File.ReadAllText(Path.Combine(_dir, "summary.md")));
        Assert.True(Augment.Sweep.Runs.RunStatus.Read(_dir)!.Complete);
    }

    /// <summary>While another process trains split 0's GAN, a sweep starts with split 1 instead of waiting.</summary>
    [Fact]
    public void GroupsWhoseGanIsBeingTrainedElsewhereComeLast()
    {
        var backend = new FakeBackend { BusyGans = [0] };
        new SweepRunner(Options, backend, _dir, NullProgress.Instance).Run("test", false);
        Assert.Equal([(1, 1), (1, 2), (0, 1), (0, 2)], backend.Prepared);
    }

    /// <summary>Another process holding a group of split 0, whose GAN is not cached, is about to train it: a second process
    /// starts with split 1 rather than wait on split 0's GAN.</summary>
    [Fact]
    public void ASplitAnotherProcessIsOnComesLast()
    {
        using var claim = FileLock.TryAcquire(SweepRunner.ClaimPath(_dir, (0, 1)))!;
        var backend = new FakeBackend();
        new SweepRunner(Options, backend, _dir, NullProgress.Instance).Run("test", false);
        Assert.Equal([(1, 1), (1, 2), (0, 2)], backend.Prepared);
    }

    [Fact]
    public void CellsFromOtherOptionsAreRefusedUnlessFresh()
    {
        new SweepRunner(Options, new FakeBackend(), _dir, NullProgress.Instance).Run("test", false);
        var other = Options with { ClassifierEpochs = 99 };
        var e = Assert.Throws<InvalidDataException>(() => new SweepRunner(other, new FakeBackend(), _dir, NullProgress.Instance).Run("test", false));
        Assert.Contains("cells.csv", e.Message);
        Assert.Contains("--fresh", e.Message);
        Assert.Contains("cells were made by `test`", e.Message);
        Assert.Contains($"|{Options.ClassifierEpochs}|", "|" + Options.HashText("d") + "|");
        Assert.Contains($"different: classifier epochs {Options.ClassifierEpochs} -> 99", e.Message);
        var store = new SweepRunner(other, new FakeBackend(), _dir, NullProgress.Instance).Run("test", fresh: true);
        Assert.Equal(24, store.Cells.Count);
    }

    [Fact]
    public void ScoreMatchesHandComputedConfusion()
    {
        var (acc, f1, perClass) = CellResult.Score(new int[,] { { 8, 2 }, { 0, 10 } });
        Assert.Equal(0.9, acc, 9);
        Assert.Equal(0.8, perClass[0], 9);
        // F1 class 0: p=1, r=.8 -> .8889; class 1: p=10/12, r=1 -> .9091
        Assert.Equal((16.0 / 18 + 20.0 / 22) / 2, f1, 9);
    }

    [Fact]
    public void ScoreAgreesWithCrossValidationWhenAClassIsAbsent()
    {
        // Class 2 has no test images and no predictions: the sweep and the cross-validation must both leave it out.
        var (acc, f1, perClass) = CellResult.Score(new int[,] { { 3, 1, 0 }, { 0, 2, 0 }, { 0, 0, 0 } });
        int[][] rows = [[3, 1, 0], [0, 2, 0], [0, 0, 0]];
        Assert.Equal(Augment.Classifier.Metrics.Accuracy(rows), acc, 9);
        Assert.Equal(Augment.Classifier.Metrics.MacroF1(rows), f1, 9);
        Assert.Equal((6.0 / 7 + 4.0 / 5) / 2, f1, 9);
        Assert.True(double.IsNaN(perClass[2]));
    }
}
