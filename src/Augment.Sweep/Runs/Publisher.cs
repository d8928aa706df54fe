using Augment.Core;

namespace Augment.Sweep.Runs;

/// <summary>
/// The only way a sweep's numbers reach results/: copies the files a complete run folder lists in run.json into a
/// results folder. Every file is first copied beside its target as 'NAME.tmp-PID' (so a kill during the copy leaves the
/// published files as they were, and the next run cleans the leftovers), then each is renamed over its target; sweep
/// files of the previous publication that the new run no longer writes (e.g. confusion matrices of dropped counts) are
/// removed, and so is a partial run carried there (<see cref="CarriedRun"/>). Other files in the results folder (evaluation/, exprgan-training/ ...) are left alone.
/// </summary>
public static class Publisher
{
    /// <summary>Files a sweep writes at the top of its folder; only these can be replaced or removed by a publication.</summary>
    public static bool IsSweepFile(string name) =>
        name is "cells.csv" or "summary.csv" or "summary.md" or "accuracy.png" or RunStatus.FileName
        || (name.StartsWith("confusion-", StringComparison.Ordinal) && (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".png", StringComparison.Ordinal)));

    /// <summary>Publishes; returns the files written. Throws when the run is missing, unfinished or lists foreign files.</summary>
    public static IReadOnlyList<string> Publish(string runDirectory, string resultsDirectory)
    {
        runDirectory = Path.GetFullPath(runDirectory);
        if (!Directory.Exists(runDirectory)) throw new DirectoryNotFoundException($"--run '{runDirectory}' does not exist.");
        var status = RunStatus.Read(runDirectory)
            ?? throw new InvalidDataException($"--run '{runDirectory}' has no {RunStatus.FileName}: not a sweep run folder.");
        if (!status.Complete || status.Files.Count == 0)
            throw new InvalidDataException($"--run '{runDirectory}' is not finished ({status.CellsDone} of {status.CellsTotal} cells); " +
                "rerun its sweep command to finish it, then publish.");
        foreach (var name in status.Files)
        {
            if (!IsSweepFile(name)) throw new InvalidDataException($"{Path.Combine(runDirectory, RunStatus.FileName)} lists '{name}', which is not a sweep file.");
            if (!File.Exists(Path.Combine(runDirectory, name))) throw new FileNotFoundException($"--run '{runDirectory}' lacks {name}, which its {RunStatus.FileName} lists.");
        }

        Directory.CreateDirectory(resultsDirectory);
        AtomicFile.CleanStale(resultsDirectory);
        var staged = new List<(string Tmp, string Target)>();
        try
        {
            foreach (var name in status.Files)
            {
                var target = Path.Combine(resultsDirectory, name);
                var tmp = target + $".tmp-{Environment.ProcessId}";
                File.Copy(Path.Combine(runDirectory, name), tmp, overwrite: true);
                staged.Add((tmp, target));
            }
            foreach (var (tmp, target) in staged) File.Move(tmp, target, overwrite: true);
        }
        finally
        {
            foreach (var (tmp, _) in staged) if (File.Exists(tmp)) File.Delete(tmp);
        }
        foreach (var file in Directory.EnumerateFiles(resultsDirectory))
        {
            var name = Path.GetFileName(file);
            if (IsSweepFile(name) && !status.Files.Contains(name)) File.Delete(file);
        }
        // The finished run supersedes any partial one carried here between machines.
        if (Directory.Exists(CarriedRun.FolderOf(resultsDirectory))) Directory.Delete(CarriedRun.FolderOf(resultsDirectory), recursive: true);
        return staged.Select(s => s.Target).ToList();
    }
}
