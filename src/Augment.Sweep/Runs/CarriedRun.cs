using Augment.Core;
using Augment.Sweep.Results;

namespace Augment.Sweep.Runs;

/// <summary>
/// A sweep carried from one machine to the next when it outlasts a session. Its GANs cannot travel (weights trained on
/// licensed faces stay out of git), but its finished cells can: <see cref="Save"/> copies an unfinished run folder's
/// cells.csv, run.json and gates.json into '&lt;results&gt;/partial/', which is committed; <see cref="Load"/> merges them
/// into a run folder on the next machine, whose sweep then computes only the cells left. The options hash must match,
/// and cells already in the run folder are kept. Each cell keeps the CPU, commit and threads it was made with, so the
/// summary says where every cell came from. A complete publication removes the partial folder (<see cref="Publisher"/>).
/// </summary>
public static class CarriedRun
{
    public const string FolderName = "partial";
    const string Cells = "cells.csv";
    // run.json is written afresh, not copied: its count may lag the cells another process just wrote.
    static readonly string[] Copied = [Cells, GateLog.FileName];

    public static string FolderOf(string resultsDirectory) => Path.Combine(resultsDirectory, FolderName);

    /// <summary>Copies an unfinished run's cells into '&lt;results&gt;/partial/' (each file staged, then renamed into place);
    /// returns that folder and how many cells it holds.</summary>
    public static (string Folder, int Cells, int Total) Save(string runDirectory, string resultsDirectory)
    {
        runDirectory = Path.GetFullPath(runDirectory);
        var status = RunStatus.Read(runDirectory)
            ?? throw new InvalidDataException($"--run '{runDirectory}' has no {RunStatus.FileName}: not a sweep run folder.");
        var cellsPath = Path.Combine(runDirectory, Cells);
        if (!File.Exists(cellsPath)) throw new InvalidDataException($"--run '{runDirectory}' has no finished cell yet: nothing to carry.");
        var done = CellStore.Read(cellsPath).Cells.Count;
        if (done >= status.CellsTotal)
            throw new InvalidDataException($"--run '{runDirectory}' is finished ({done} of {status.CellsTotal} cells): publish it without --partial.");

        var folder = FolderOf(resultsDirectory);
        Directory.CreateDirectory(folder);
        AtomicFile.CleanStale(folder);
        foreach (var name in Copied)
        {
            var source = Path.Combine(runDirectory, name);
            var target = Path.Combine(folder, name);
            if (!File.Exists(source)) { File.Delete(target); continue; }
            var tmp = target + $".tmp-{Environment.ProcessId}";
            File.Copy(source, tmp, overwrite: true);
            File.Move(tmp, target, overwrite: true);
        }
        (status with { CellsDone = done, Files = [], Updated = DateTimeOffset.UtcNow }).Write(folder);
        return (folder, done, status.CellsTotal);
    }

    /// <summary>Merges a saved partial run into <paramref name="workDirectory"/> (created if needed); returns how many
    /// cells it added. Refuses a partial run made with other options, naming the settings that differ.</summary>
    public static int Load(string carried, string workDirectory, string optionsText, IReadOnlyList<string> classNames)
    {
        carried = Path.GetFullPath(carried);
        var hash = Plan.SweepOptions.Digest(optionsText);
        var made = RunStatus.Read(carried)
            ?? throw new InvalidDataException($"--continue-from '{carried}' has no {RunStatus.FileName}: not a saved partial sweep (see 'publish --partial').");
        if (made.OptionsHash != hash)
            throw new InvalidDataException($"--continue-from '{carried}' holds cells of another sweep: {made.Mismatch(hash, optionsText)}.");
        var from = CellStore.Open(Path.Combine(carried, Cells), classNames, hash);

        Directory.CreateDirectory(workDirectory);
        var into = CellStore.Open(Path.Combine(workDirectory, Cells), classNames, hash);
        var added = from.Cells.Where(c => !into.TryGet(c.Cell, out _)).ToList();
        foreach (var cell in added) into.Add(cell);
        // Verdicts of the GANs behind the carried cells; a split whose GAN is checked here replaces its line.
        var gates = GateLog.Read(carried);
        var known = GateLog.Read(workDirectory);
        GateLog.Merge(workDirectory, gates.Where(g => !known.ContainsKey(g.Key)).ToDictionary(g => g.Key, g => g.Value));
        return added.Count;
    }
}
