using Augment.Core;
using Augment.Sweep.Plan;
using Augment.Sweep.Reports;
using Augment.Sweep.Results;

namespace Augment.Sweep;

/// <summary>
/// Runs every cell of a sweep in (split, seed) order, writing each finished cell at once; a rerun with the same
/// options skips finished cells, so a killed sweep loses at most the cell in flight.
/// </summary>
public sealed class SweepRunner(SweepOptions options, ISweepBackend backend, string outputDirectory, IProgressSink progress)
{
    public string CellsPath => Path.Combine(outputDirectory, "cells.csv");

    public CellStore Run(string command, bool fresh)
    {
        Directory.CreateDirectory(outputDirectory);
        if (fresh && File.Exists(CellsPath)) File.Delete(CellsPath);
        var hash = options.Hash(backend.DataHash);
        var store = CellStore.Open(CellsPath, backend.ClassNames, hash);
        var cells = SweepCell.Enumerate(backend.SplitCount, options);
        var tracker = new ProgressTracker(progress, "sweep cells", cells.Count, "cells");
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var ganTime = new System.Diagnostics.Stopwatch();
        int cellsRun = 0, gans = 0;
        foreach (var group in cells.GroupBy(c => (c.Split, c.Seed)))
        {
            var todo = group.Where(c => !store.TryGet(c, out _)).ToList();
            tracker.Advance(group.Count() - todo.Count, status: todo.Count == 0 ? $"split {group.Key.Split} seed {group.Key.Seed}: done earlier" : "");
            if (todo.Count == 0) continue;
            ganTime.Start();
            using var split = backend.Prepare(group.Key.Split, group.Key.Seed, progress);
            ganTime.Stop();
            gans++;
            foreach (var cell in todo)
            {
                var m = split.Run(cell, progress);
                var (acc, f1, perClass) = CellResult.Score(m.Confusion);
                var result = new CellResult(cell, acc, f1, perClass, m.Confusion, m.TestImages, m.TrainRealImages,
                    m.TrainSyntheticImages, m.TrainSeconds, m.GenerationSeconds, hash);
                store.Add(result);
                cellsRun++;
                tracker.Advance(status: $"split {cell.Split} seed {cell.Seed} {SummaryWriter.CountLabel(cell.Count)} {SweepCell.VariantName(cell.Variant)}: {100 * acc:0.0}%");
            }
        }
        WriteReports(store, new SweepContext(command, backend.DatasetDescription, backend.SplitDescription, backend.ClassNames,
            backend.GanDescription, backend.ClassifierDescription, hash, MachineInfo.Current(), DateTimeOffset.UtcNow,
            new RunTiming(wall.Elapsed, cellsRun, cells.Count, gans, ganTime.Elapsed)) { GeneratorGates = backend.GeneratorGates });
        return store;
    }

    void WriteReports(CellStore store, SweepContext ctx)
    {
        var rows = Summary.Build(store.Cells, ctx.ClassNames.Count);
        SummaryWriter.WriteCsv(Path.Combine(outputDirectory, "summary.csv"), rows, ctx.ClassNames);
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, "summary.md"), SummaryWriter.Markdown(rows, ctx));
        SweepPlots.Accuracy(Path.Combine(outputDirectory, "accuracy.png"), rows, ctx.DatasetDescription);
        foreach (var count in options.Counts)
        {
            var mats = store.Cells.Where(c => c.Cell.Count == count && c.Cell.Variant == ClassicAugmentation.Off).Select(c => c.Confusion).ToList();
            if (mats.Count == 0) continue;
            var sum = ConfusionText.Sum(mats, ctx.ClassNames.Count);
            var name = $"confusion-{SummaryWriter.CountLabel(count)}";
            AtomicFile.WriteAllText(Path.Combine(outputDirectory, name + ".csv"), ConfusionCsv(sum, ctx.ClassNames));
            SweepPlots.Confusion(Path.Combine(outputDirectory, name + ".png"), sum, ctx.ClassNames,
                $"{SummaryWriter.CountLabel(count)} synthetic: row-normalised % (summed over runs)");
        }
    }

    static string ConfusionCsv(int[,] m, IReadOnlyList<string> names)
    {
        var lines = new List<string> { "true\\predicted," + string.Join(",", names) };
        for (int r = 0; r < names.Count; r++)
            lines.Add(names[r] + "," + string.Join(",", Enumerable.Range(0, names.Count).Select(c => m[r, c])));
        return string.Join("\n", lines) + "\n";
    }
}
