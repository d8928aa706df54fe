namespace Augment.Core;

/// <summary>Write-then-rename, so a killed process never leaves a half-written result or checkpoint. Each write has its own
/// temporary name ('NAME.tmp-PID-N'), so writers in several threads or processes never share one.</summary>
public static class AtomicFile
{
    static long _writes;

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + $".tmp-{Environment.ProcessId}-{Interlocked.Increment(ref _writes)}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>
    /// Deletes the '*.tmp-PID[-N]' files a killed writer left in a folder (not in subfolders), except those of processes
    /// still running, this one included (another of its threads may be writing); returns the paths removed.
    /// </summary>
    public static IReadOnlyList<string> CleanStale(string directory)
    {
        var removed = new List<string>();
        if (!Directory.Exists(directory)) return removed;
        foreach (var file in Directory.EnumerateFiles(directory, "*.tmp-*"))
        {
            var suffix = file[(file.LastIndexOf(".tmp-", StringComparison.Ordinal) + 5)..].Split('-')[0];
            if (int.TryParse(suffix, out var pid) && (pid == Environment.ProcessId || IsRunning(pid))) continue;
            try { File.Delete(file); removed.Add(file); }
            catch (IOException) { }   // another process may be renaming it this instant: leave it for the next run
        }
        return removed;
    }

    static bool IsRunning(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));
}
