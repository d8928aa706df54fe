using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using Augment.Tests.Data;
using Augment.Tests.ExprGan;

namespace Augment.Tests.Sweep;

/// <summary>cells.csv through its CsvHelper map keeps the layout and number formats it was written with by hand (issue 11 item 6).</summary>
public class CellStoreTests
{
    static readonly string[] Classes = ["anger", "fear"];

    static readonly CellResult Made = new(new SweepCell(0, 1, 300, ClassicAugmentation.Off, SyntheticMix.Pooled), 0.5083333333, 0.48016234,
        [0.4, double.NaN], new[,] { { 8, 2 }, { 5, 10 } }, 25, 360, 300, 0.50574, 0.2916214, "28f085bb8409",
        new CellProvenance(0.812219, 12.912869, 1, "AMD EPYC", "861dda6ead36", new DateTimeOffset(2026, 11, 30, 2, 12, 41, 700, TimeSpan.Zero))
        {
            GanSource = GanSource.Trained, GateSeconds = 9.719286,
        },
        new ClassifierRun(90, 1576, 1304));

    static readonly CellResult Old = new(new SweepCell(0, 1, 0, ClassicAugmentation.FlipsAndShifts, SyntheticMix.None), 1, 1, [1, 1],
        new[,] { { 10, 0 }, { 0, 15 } }, 25, 360, 0, 12, 0, "28f085bb8409");

    const string Header = "split,seed,count,variant,synthetic,accuracy,macro_f1,acc_anger,acc_fear,test_images,train_real,train_synthetic," +
        "train_seconds,generation_seconds,options_hash,confusion,cell_seconds,gan_seconds,threads,cpu,commit,finished_utc,gan_source,gate_seconds," +
        "classifier_steps,real_rows_seen,synthetic_rows_seen";

    static CellStore Stored(TempDirectory dir, params CellResult[] cells)
    {
        var store = new CellStore(dir.File("cells.csv"), Classes);
        foreach (var cell in cells) store.Add(cell);
        return store;
    }

    [Fact]
    public void RowsAreWrittenAsTheHandWrittenStoreWroteThem()
    {
        using var dir = new TempDirectory();
        var store = Stored(dir, Made, Old);
        // Numbers "0.######" and empty for NaN, the time to the second in UTC, unknown provenance and no fit summary as
        // empty fields, CRLF line ends (CsvHelper's RFC 4180 default, which the file has always had).
        Assert.Equal(Header + "\r\n" +
            "0,1,0,gan+classic,none,1,1,1,1,25,360,0,12,0,28f085bb8409,10 0;0 15,,,0,unknown,unknown,,,,,,\r\n" +
            "0,1,300,gan,pooled,0.508333,0.480162,0.4,,25,360,300,0.50574,0.291621,28f085bb8409,8 2;5 10,0.812219,12.912869,1,AMD EPYC," +
            "861dda6ead36,2026-11-30T02:12:41Z,trained,9.719286,90,1576,1304\r\n", File.ReadAllText(store.Path));

        var back = CellStore.Open(store.Path, Classes, "28f085bb8409");
        Assert.True(back.TryGet(Made.Cell, out var made));
        Assert.Equal((0.508333, 1304L, GanSource.Trained), (made.Accuracy, made.Classifier!.SyntheticRowsSeen, made.Made.GanSource));
        Assert.True(double.IsNaN(made.PerClassAccuracy[1]));
        Assert.True(back.TryGet(Old.Cell, out var old));
        Assert.False(old.Made.IsKnown);
        Assert.Null(old.Classifier);
    }

    /// <summary>A store read back and rewritten gives the same bytes: reading and writing go through one map.</summary>
    [Fact]
    public void ARewrittenStoreIsByteForByteTheSame()
    {
        using var dir = new TempDirectory();
        var store = Stored(dir, Made, Old);
        var bytes = File.ReadAllBytes(store.Path);
        var back = CellStore.Open(store.Path, Classes, "28f085bb8409");
        back.Add(back.Cells.First());
        Assert.Equal(bytes, File.ReadAllBytes(store.Path));
    }

    /// <summary>The committed sweeps' cells.csv predate the provenance (and one the variant) columns: they still read.</summary>
    [Fact]
    public void CommittedCellFilesRead()
    {
        var files = Directory.GetFiles(Path.Combine(DataPaths.RepoRoot(), "results"), "cells.csv", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var lines = File.ReadAllLines(path);
            var header = lines[0].Split(',');
            var classes = header.Where(h => h.StartsWith("acc_", StringComparison.Ordinal)).Select(h => h[4..]).ToArray();
            var hash = lines[1].Split(',')[Array.IndexOf(header, "options_hash")];
            var cells = CellStore.Open(path, classes, hash).Cells;
            Assert.Equal(lines.Length - 1, cells.Count);
            Assert.All(cells, c => Assert.Equal(c.TestImages, c.Confusion.Cast<int>().Sum()));
        }
    }

    [Fact]
    public void AnotherClassListIsRefused()
    {
        using var dir = new TempDirectory();
        var store = Stored(dir, Old);
        var e = Assert.Throws<InvalidDataException>(() => CellStore.Open(store.Path, ["anger", "fear", "joy"], "28f085bb8409"));
        Assert.Contains("do not match this sweep's classes", e.Message);
    }

    /// <summary>Two processes filling one run folder: each add keeps what the other wrote since.</summary>
    [Fact]
    public void AddsFromTwoStoresOnOneFileAreBothKept()
    {
        using var dir = new TempDirectory();
        var a = CellStore.Open(dir.File("cells.csv"), Classes, "28f085bb8409");
        var b = CellStore.Open(dir.File("cells.csv"), Classes, "28f085bb8409");
        a.Add(Made);
        b.Add(Old);
        Assert.Equal(2, CellStore.Open(dir.File("cells.csv"), Classes, "28f085bb8409").Cells.Count);
        Assert.Equal(2, b.Cells.Count);
        Assert.Single(a.Cells);
        a.Reload();
        Assert.True(a.TryGet(Old.Cell, out _));
    }
}
