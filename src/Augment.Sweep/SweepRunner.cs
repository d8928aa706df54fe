using System.Diagnostics;
using Augment.Core;
using Augment.Sweep.Plan;
using Augment.Sweep.Progress;
using Augment.Sweep.Reports;
using Augment.Sweep.Results;
using Augment.Sweep.Runs;
using TorchSharp;

namespace Augment.Sweep;

/// <summary>
/// Runs every cell of a sweep in (split, seed) order into a run folder, writing each finished cell at once (with where,
/// how and how long it was computed); a rerun with the same options skips finished cells, so a killed sweep loses at
/// most the cell in flight. Several processes may run the same sweep on one folder at once (one per core): each takes
/// the (split, seed) groups no other holds (<see cref="ClaimPath"/>), cells.csv merges under a lock, and whichever
/// finishes the last cell writes the reports. With fresh it computes into a staging folder that replaces the run folder only when done
/// (<see cref="RunFolder"/>). It never writes anywhere else: results/ is replaced only by <see cref="Publisher"/>.
/// </summary>
public sealed class SweepRunner(SweepOptions options, ISweepBackend backend, string outputDirectory, IProgressSink progress)
{
    public string CellsPath => Path.Combine(outputDirectory, "cells.csv");

    public CellStore Run(string command, bool fresh, CancellationToken cancellation = default)
    {
        var folder = RunFolder.Open(outputDirectory, fresh);
        var optionsText = options.HashText(backend.DataHash);
        var hash = SweepOptions.Digest(optionsText);
        var store = OpenCells(folder.Work, hash, optionsText);
        var cells = SweepCell.Enumerate(backend.SplitCount, options);
        var machine = MachineInfo.Current(torch.get_num_threads());
        var wall = Stopwatch.StartNew();
        int cellsRun = 0;
        var groups = cells.Select(c => (c.Split, c.Seed)).Distinct().ToList();
        var left = cells.GroupBy(c => (c.Split, c.Seed))
            .Select(g => (g.Key, Todo: g.Where(c => !store.TryGet(c, out _)).ToList())).Where(g => g.Todo.Count > 0).ToList();
        (int, int)? current = null;
        // This process, plus every other holding a group's claim (ours is left out: it is this process).
        int CountProcesses() => 1 + groups.Count(k => k != current && FileLock.IsHeld(ClaimPath(folder.Work, k)));
        var sweep = new SweepProgress(progress, new CostModel(machine.TorchThreads), Plan(left)) { CountProcesses = CountProcesses };
        var status = new RunStatus(options.Dataset, hash, command, store.Cells.Count, cells.Count, [], DateTimeOffset.UtcNow, optionsText);
        status.Write(folder.Work);
        sweep.Report(store.Cells.Count > 0 ? $"{store.Cells.Count} of {cells.Count} cells done earlier in {folder.Work}" : "");
        while (left.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            current = null;
            sweep.Processes = CountProcesses();
            // Another process on this folder may be training a split's GAN: take first a group that need not wait for it.
            var next = Math.Max(0, left.FindIndex(g => !WaitsForGan(folder.Work, g.Key.Split)));
            var (key, planned) = left[next];
            left.RemoveAt(next);
            using var claim = TryClaim(ClaimPath(folder.Work, key));
            store.Reload();
            var todo = planned.Where(c => !store.TryGet(c, out _)).ToList();
            if (claim == null || todo.Count == 0)
            {
                sweep.Drop([GanLabel(key), .. planned.Select(c => c.Key)]);
                sweep.Report($"split {key.Split} seed {key.Seed}: {(claim == null ? "another process on this folder has it" : "done by another process")}");
                continue;
            }
            current = key;
            cellsRun += RunGroup(key, planned, todo, new GroupContext(folder.Work, store, status, hash, machine, sweep), cancellation);
        }
        store.Reload();
        var missing = cells.Count(c => !store.TryGet(c, out _));
        if (missing > 0)
        {
            // Only when another process holds the rest: it writes the reports after its last cell.
            (status with { CellsDone = store.Cells.Count, Updated = DateTimeOffset.UtcNow }).Write(folder.Work);
            sweep.Report($"{missing} cells are with another process on {folder.Work}; the last process to finish writes the reports");
            return store;
        }
        var files = WriteReports(folder.Work, store, new SweepContext(command, backend.DatasetDescription, backend.SplitDescription,
            backend.ClassNames, backend.GanDescription, backend.ClassifierDescription, hash, machine, DateTimeOffset.UtcNow, cells.Count, cellsRun, wall.Elapsed,
            options.DroppedClasses.Select(d => $"class dropped ({SweepClasses.DropOption}): {d}").ToList()) { GeneratorGates = [.. GateLog.Read(folder.Work).Values], Options = options });
        (status with { CellsDone = store.Cells.Count, Files = [.. files, RunStatus.FileName], Updated = DateTimeOffset.UtcNow }).Write(folder.Work);
        folder.Commit();
        return CellStore.Open(CellsPath, backend.ClassNames, hash);
    }

    /// <summary>What computing a (split, seed) writes to and reports through.</summary>
    sealed record GroupContext(string Folder, CellStore Store, RunStatus Status, string Hash, MachineInfo Machine, SweepProgress Sweep);

    /// <summary>Prepares a (split, seed)'s GAN, checks its gates, and computes its unfinished cells, each written at once;
    /// returns how many it computed.</summary>
    int RunGroup((int Split, int Seed) key, List<SweepCell> planned, List<SweepCell> todo, GroupContext g, CancellationToken cancellation)
    {
        var sweep = g.Sweep;
        var ganWork = backend.GanWork(key.Split, key.Seed);
        sweep.Begin(GanLabel(key));
        var ganClock = Stopwatch.StartNew();
        using var split = backend.Prepare(key.Split, key.Seed, sweep.Inner);
        var ganSeconds = ganClock.Elapsed.TotalSeconds;
        GateLog.Merge(g.Folder, backend.GeneratorGates);
        sweep.Cost.ObserveGan(ganWork, ganSeconds);
        sweep.End($"split {key.Split} seed {key.Seed}: GAN {split.Preparation.Source.ToString().ToLowerInvariant()}, ready in {ganSeconds:0} s");
        sweep.Drop(planned.Except(todo).Select(c => c.Key));
        foreach (var cell in todo)
        {
            cancellation.ThrowIfCancellationRequested();
            sweep.Begin(cell.Key);
            var clock = Stopwatch.StartNew();
            var m = split.Run(cell, sweep.Inner);
            var cellSeconds = clock.Elapsed.TotalSeconds;
            if (m.GenerationSeconds > 0) sweep.Cost.ObserveRendering(LargestCount * backend.RenderCost, m.GenerationSeconds);
            sweep.Cost.ObserveClassifier(RowsPerCell, m.TrainSeconds);
            var (acc, f1, perClass) = CellResult.Score(m.Confusion);
            g.Store.Add(new CellResult(cell, acc, f1, perClass, m.Confusion, m.TestImages, m.TrainRealImages,
                m.TrainSyntheticImages, m.TrainSeconds, m.GenerationSeconds, g.Hash, CellProvenance.Now(cellSeconds, ganSeconds, split.Preparation, g.Machine), m.Classifier));
            (g.Status with { CellsDone = g.Store.Cells.Count, Updated = DateTimeOffset.UtcNow }).Write(g.Folder);
            sweep.End($"split {cell.Split} seed {cell.Seed} {SummaryWriter.CountLabel(cell.Count)} {SweepCell.VariantName(cell.Variant)} {SweepCell.MixName(cell.Mix)}: {100 * acc:0.0}%");
        }
        return todo.Count;
    }

    /// <summary>The lock a process holds on a (split, seed) while it computes its cells, so that several processes started
    /// on one run folder (one per core) share the work: each takes the groups no other holds.</summary>
    /// <summary>Claims a group. Another process counting processes (<see cref="FileLock.IsHeld"/>, for its ETA) holds
    /// a free claim for an instant, so a failed attempt is tried twice more before the group is left to its holder.</summary>
    static FileLock? TryClaim(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var claim = FileLock.TryAcquire(path);
            if (claim != null || attempt == 3) return claim;
            Thread.Sleep(50);
        }
    }

    internal static string ClaimPath(string folder, (int Split, int Seed) key) =>
        Path.Combine(folder, "claims", $"split{key.Split}-seed{key.Seed}.lock");

    /// <summary>Whether a group of this split would wait for its GAN: another process trains it, or holds a group of the
    /// split while the GAN is not cached yet (it is about to train it).</summary>
    bool WaitsForGan(string folder, int split) => backend.GanBusy(split)
        || (backend.GanWork(split, options.Seeds[0]) > 0 && options.Seeds.Any(seed => FileLock.IsHeld(ClaimPath(folder, (split, seed)))));

    static string GanLabel((int Split, int Seed) key) => $"GAN split {key.Split} seed {key.Seed}";

    /// <summary>The folder's finished cells; when they were made with other options, the refusal names the command that
    /// made them and the settings that differ (from the folder's run.json).</summary>
    CellStore OpenCells(string folder, string hash, string optionsText)
    {
        try { return CellStore.Open(Path.Combine(folder, "cells.csv"), backend.ClassNames, hash); }
        catch (InvalidDataException e) when (RunStatus.Read(folder) is { } made && made.OptionsHash != hash)
        {
            throw new InvalidDataException($"{e.Message} {made.Mismatch(hash, optionsText)}.", e);
        }
    }

    long RowsPerCell => (long)options.ClassifierEpochs * options.ClassifierSamplesPerEpoch;

    int LargestCount => options.Counts.Max();

    /// <summary>The steps in run order: per group the GAN (if any still trains), then each cell with its classifier,
    /// the first cell with synthetic rows also with the group's one rendering (of the largest count; the counts are nested).</summary>
    IEnumerable<WorkItem> Plan(IEnumerable<((int Split, int Seed) Key, List<SweepCell> Todo)> groups)
    {
        foreach (var (key, todo) in groups)
        {
            yield return new WorkItem(GanLabel(key), backend.GanWork(key.Split, key.Seed), 0, 0);
            var rendered = false;
            foreach (var cell in todo)
            {
                var render = cell.Count > 0 && !rendered;
                yield return new WorkItem(cell.Key, 0, RowsPerCell, render ? LargestCount * backend.RenderCost : 0);
                rendered |= render;
            }
        }
    }

    /// <summary>Writes the reports and returns the names of the files written.</summary>
    List<string> WriteReports(string directory, CellStore store, SweepContext ctx)
    {
        var written = new List<string> { "cells.csv", "summary.csv", "summary.md", "accuracy.png" };
        var rows = Summary.Build(store.Cells, ctx.ClassNames.Count);
        SummaryWriter.WriteCsv(Path.Combine(directory, "summary.csv"), rows, ctx.ClassNames, options);
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.md"), SummaryWriter.Markdown(rows, ctx, store.Cells));
        SweepPlots.Accuracy(Path.Combine(directory, "accuracy.png"), rows, ctx.DatasetDescription, options.SyntheticShare);
        // Summed over runs, per count and synthetic variant, of the reported classic variant: confusion-0, confusion-3K-pooled, ...
        var variant = SweepCell.ReportedVariant(options);
        foreach (var group in store.Cells.Where(c => c.Cell.Variant == variant).GroupBy(c => (c.Cell.Count, c.Cell.Mix))
                     .OrderBy(g => g.Key.Count).ThenBy(g => g.Key.Mix))
        {
            var sum = ConfusionText.Sum(group.Select(c => c.Confusion), ctx.ClassNames.Count);
            var (count, mix) = group.Key;
            var name = "confusion-" + SummaryWriter.RowName(count, mix, '-');
            ConfusionCsv.Write(Path.Combine(directory, name + ".csv"), sum, ctx.ClassNames);
            SweepPlots.Confusion(Path.Combine(directory, name + ".png"), sum, ctx.ClassNames,
                $"{SummaryWriter.CountLabel(count)} synthetic, {SummaryWriter.MixLabel(mix, options.SyntheticShare)}: row-normalised % (summed over runs)");
            written.AddRange([name + ".csv", name + ".png"]);
        }
        return written;
    }
}
