using Augment.Core;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Reports;
using Augment.Sweep.Results;
using Augment.Sweep.Runs;
using Augment.Tests.ExprGan;

namespace Augment.Tests.Sweep;

/// <summary>compare-sweeps: two run folders paired cell by cell.</summary>
public class SweepComparisonTests
{
    static readonly SweepOptions Options = new()
    {
        Counts = [0, 3000, 6000], Seeds = [1, 2], Synthetic = [SyntheticMix.Capped], Variants = [ClassicAugmentation.FlipsAndShifts],
    };

    [Fact]
    public void DifferencesArePairedBySplitAndSeedAndTheSharedBaselineIsSaid()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a"), b = dir.File("b");
        new SweepRunner(Options, new FakeBackend(), a, NullProgress.Instance).Run("a", false);
        // B: one more anger test image right in every synthetic cell of seed 1, two more in seed 2 (10 test images per class).
        new SweepRunner(Options with { GanPreset = "ip" }, new FakeBackend(angerRight: c => 4 + Math.Min(c.Count / 3000, 5) + (c.Count > 0 ? c.Seed : 0)), b,
            NullProgress.Instance).Run("b", false);
        var cellsA = CellStore.Read(Path.Combine(a, "cells.csv")).Cells;
        var cellsB = CellStore.Read(Path.Combine(b, "cells.csv")).Cells;
        var rows = SweepComparison.Build(cellsA, cellsB);
        Assert.Equal([0, 3000, 6000], rows.Select(r => r.Count));
        Assert.Equal(0, rows[0].Difference.Mean, 9);
        // Differences of 1/30 and 2/30 per (split, seed): mean 1.5/30, sd of {1,1,2,2}/30, n = 4.
        var r3 = rows[1];
        Assert.Equal(4, r3.Difference.Count);
        Assert.Equal(1.5 / 30, r3.Difference.Mean, 5);   // cells.csv keeps 6 decimals
        Assert.Equal(Math.Sqrt(1.0 / 3) / 30, r3.Difference.StandardDeviation, 4);
        Assert.Equal(0, r3.Unpaired);

        var md = SweepComparison.Markdown("a", "b", rows, SweepComparison.Baselines(cellsA, cellsB), RunStatus.Read(a), RunStatus.Read(b));
        Assert.Contains("Count-0 runs in both: 4; scored the same in both: 4", md);
        Assert.Contains($"{Options.GanPreset} -> ip", md);
        Assert.Contains("| 3K | gan+classic | capped | 4 | 83.33 ± 0.00 | 88.33 ± 1.92 | +5.00 |", md);
    }

    [Fact]
    public void RunsOnlyOneSideHasAreLeftOutAndCounted()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a"), b = dir.File("b");
        new SweepRunner(Options, new FakeBackend(), a, NullProgress.Instance).Run("a", false);
        new SweepRunner(Options with { Seeds = [2, 3] }, new FakeBackend(), b, NullProgress.Instance).Run("b", false);
        var rows = SweepComparison.Build(CellStore.Read(Path.Combine(a, "cells.csv")).Cells, CellStore.Read(Path.Combine(b, "cells.csv")).Cells);
        Assert.All(rows, r => Assert.Equal((2, 4), (r.Difference.Count, r.Unpaired)));
    }

    [Fact]
    public void FoldersOfOtherSeedsPoolIntoOneIntervalAndACellTwiceIsRefused()
    {
        using var dir = new TempDirectory();
        string a1 = dir.File("a1"), a2 = dir.File("a2"), b1 = dir.File("b1"), b2 = dir.File("b2");
        var later = Options with { Seeds = [3, 4] };
        new SweepRunner(Options, new FakeBackend(), a1, NullProgress.Instance).Run("a1", false);
        new SweepRunner(later, new FakeBackend(), a2, NullProgress.Instance).Run("a2", false);
        // B: 4 + seed anger images right in every synthetic cell; A: 4 + 1 at 3K. So at 3K B - A = (seed - 1) / 30.
        new SweepRunner(Options, new FakeBackend(angerRight: c => 4 + (c.Count > 0 ? c.Seed : 0)), b1, NullProgress.Instance).Run("b1", false);
        new SweepRunner(later, new FakeBackend(angerRight: c => 4 + (c.Count > 0 ? c.Seed : 0)), b2, NullProgress.Instance).Run("b2", false);
        IReadOnlyCollection<CellResult> Cells(string folder) => CellStore.Read(Path.Combine(folder, "cells.csv")).Cells;

        var a = SweepComparison.Pool([(a1, Cells(a1)), (a2, Cells(a2))]);
        var b = SweepComparison.Pool([(b1, Cells(b1)), (b2, Cells(b2))]);
        var rows = SweepComparison.Build(a, b);
        Assert.All(rows, r => Assert.Equal((8, 0), (r.Difference.Count, r.Unpaired)));   // 2 splits x 4 seeds
        Assert.Equal(1.5 / 30, rows[1].Difference.Mean, 5);   // seeds 1-4: 0, 1, 2, 3 of 30
        Assert.Equal(0.5 / 30, SweepComparison.Build(Cells(a1), Cells(b1))[1].Difference.Mean, 5);   // seeds 1-2 alone

        var e = Assert.Throws<ArgumentException>(() => SweepComparison.Pool([(a1, Cells(a1)), (b1, Cells(b1))]));
        Assert.Contains(a1, e.Message);
        Assert.Contains(b1, e.Message);
    }

    [Fact]
    public void AFileThatIsNotASweepsCellsIsRefusedByName()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cells.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        var e = Assert.Throws<InvalidDataException>(() => CellStore.Read(path));
        Assert.Contains(path, e.Message);
    }
}
