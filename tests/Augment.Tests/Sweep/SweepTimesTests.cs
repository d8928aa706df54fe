using Augment.Core;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Reports;
using Augment.Sweep.Results;

namespace Augment.Tests.Sweep;

/// <summary>Issue 14 item 6: summary.md's "Where the time went", from the seconds the cells recorded.</summary>
public sealed class SweepTimesTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-times-" + Guid.NewGuid().ToString("N"));
    static readonly IReadOnlyList<string> Classes = ["a", "b"];

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    static CellResult Cell(int seed, int count, SyntheticMix mix, double train, double generation, double cell, double gan, GanPreparation? prep)
    {
        var provenance = prep == null ? null
            : new CellProvenance(cell, gan, 2, "cpu", "commit", DateTimeOffset.UnixEpoch) { GanSource = prep.Source, GateSeconds = prep.GateSeconds };
        return new CellResult(new SweepCell(0, seed, count, ClassicAugmentation.Off, mix), 1, 1, [1, 1], new[,] { { 1, 0 }, { 0, 1 } }, 2, 10, count,
            train, generation, "hash", provenance);
    }

    /// <summary>Seed 1 trains the split's GAN in 100 s, 40 of them the gates; seed 2 loads it in 5 s. Each renders once
    /// (30 s, 33 s), recorded on its first cell with synthetic rows. A cell from before provenance is left out.</summary>
    static List<CellResult> Cells()
    {
        GanPreparation trained = new(GanSource.Trained, 40), cached = new(GanSource.Cached, 0);
        return
        [
            Cell(1, 0, SyntheticMix.None, 10, 0, 11, 100, trained),
            Cell(1, 3000, SyntheticMix.Pooled, 12, 30, 43, 100, trained),
            Cell(1, 3000, SyntheticMix.Capped, 12, 0, 13, 100, trained),
            Cell(2, 0, SyntheticMix.None, 10, 0, 11, 5, cached),
            Cell(2, 3000, SyntheticMix.Pooled, 12, 33, 46, 5, cached),
            Cell(2, 3000, SyntheticMix.Capped, 14, 0, 15, 5, cached),
            Cell(3, 0, SyntheticMix.None, 99, 0, 99, 99, null),
        ];
    }

    [Fact]
    public void TheTimeTableCountsEachPreparationAndRenderingOnce()
    {
        var t = SweepTimes.Of(Cells());
        var gan = Assert.Single(t.Gans);
        Assert.Equal(1, gan.Preparations[GanSource.Trained]);
        Assert.Equal(1, gan.Preparations[GanSource.Cached]);
        Assert.Equal(60 + 5, gan.GanSeconds, 9);
        Assert.Equal(40, gan.GateSeconds, 9);
        Assert.Equal([new CountTime(0, 2, 20), new CountTime(3000, 4, 50)], t.Counts);
        Assert.Equal(2, t.Renderings);
        Assert.Equal(63, t.RenderSeconds, 9);
        Assert.Equal(1, t.CellsLeftOut);
        Assert.Equal(105 + 139, t.TotalSeconds, 9);
        Assert.Equal(244 - 65 - 40 - 63 - 70, t.OtherSeconds, 9);

        var options = new SweepOptions { Counts = [0, 3000], Seeds = [1, 2, 3], Synthetic = [SyntheticMix.Pooled, SyntheticMix.Capped] };
        var ctx = new Augment.Sweep.Reports.SweepContext("t", "data", "split", Classes, "gan", "cnn", "hash", MachineInfo.Current(1), DateTimeOffset.UnixEpoch,
            7, 0, TimeSpan.Zero, []) { Options = options };
        var md = SummaryWriter.Markdown(Summary.Build(Cells(), 2), ctx, Cells());
        Assert.Contains("## Where the time went", md);
        Assert.Contains("| 0 | trained, loaded from cache | 1.1 | 0.7 |", md);
        Assert.Contains("| 0 | 2 | 0.3 | 10.0 |", md);
        Assert.Contains("| 3K | 4 | 0.8 | 12.5 |", md);
        Assert.Contains("Rendering: 2 renderings, 1.1 min (32 s each).", md);
        Assert.Contains("1 cells written before times were recorded per cell are left out", md);
        Assert.Contains("Total 4.1 min: GAN 1.1, gates 0.7, rendering 1.1, classifier fits 1.2, other (scoring, caching rows, splitting) 0.1.", md);
    }

    [Fact]
    public void HowTheGanWasPreparedIsStoredAndOldCellsReadAsNotRecorded()
    {
        var path = Path.Combine(_dir, "cells.csv");
        Directory.CreateDirectory(_dir);
        var store = new CellStore(path, Classes);
        foreach (var c in Cells()) store.Add(c);
        var back = CellStore.Open(path, Classes, "hash").Cells;
        Assert.Equal(SweepTimes.Of(Cells()), SweepTimes.Of(back), new TimesComparer());

        CellsCsv.DropColumns(path, "gan_source", "gate_seconds");
        var old = SweepTimes.Of(CellStore.Open(path, Classes, "hash").Cells);
        Assert.Equal(2, Assert.Single(old.Gans).Preparations[GanSource.Unrecorded]);
        Assert.Equal(105, old.GanSeconds, 9);   // the gates' share unknown: all of the preparation counts as GAN
    }

    /// <summary>Records holding dictionaries and lists compare by reference; compare what the table shows.</summary>
    sealed class TimesComparer : IEqualityComparer<SweepTimes>
    {
        public bool Equals(SweepTimes? x, SweepTimes? y) =>
            x!.Gans.Count == y!.Gans.Count && x.Counts.SequenceEqual(y.Counts) && x.CellsLeftOut == y.CellsLeftOut
            && x.Renderings == y.Renderings && x.RenderSeconds == y.RenderSeconds
            && x.Gans.Zip(y.Gans).All(p => p.First.Split == p.Second.Split && p.First.GanSeconds == p.Second.GanSeconds
                && p.First.GateSeconds == p.Second.GateSeconds && p.First.Preparations.OrderBy(kv => kv.Key).SequenceEqual(p.Second.Preparations.OrderBy(kv => kv.Key)));

        public int GetHashCode(SweepTimes t) => t.Counts.Count;
    }
}
