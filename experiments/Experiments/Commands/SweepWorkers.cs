using System.Diagnostics;
using System.Reflection;

namespace Augment.Experiments.Commands;

/// <summary>
/// <c>sweep --workers N</c>: the sweep as N processes on one run folder, one per core with 1 torch thread each (two
/// processes of 2 threads on 2 cores spin against each other). The processes already share a run folder safely
/// (claims, merged cells.csv, the GAN cache's training lock; docs/runs.md); this starts the other N - 1 with the same
/// command line, each writing its progress to <c>&lt;out&gt;-worker&lt;k&gt;.log</c>, and waits for them.
/// </summary>
public static class SweepWorkers
{
    public const string Option = "--workers";
    const string ContinueFrom = "--continue-from";

    /// <summary>A worker's arguments: the parent's without <c>--workers N</c> (a worker starts no workers), without
    /// <c>--publish</c> (the parent publishes once every process is done) and without <c>--continue-from DIR</c> (the
    /// parent merged those cells before starting it).</summary>
    public static IReadOnlyList<string> ArgumentsOf(IReadOnlyList<string> parent)
    {
        var args = new List<string>();
        for (var i = 0; i < parent.Count; i++)
        {
            var a = parent[i];
            if (a is Option or ContinueFrom) { i++; continue; }
            if (a.StartsWith(Option + "=", StringComparison.Ordinal) || a.StartsWith(ContinueFrom + "=", StringComparison.Ordinal) || a == "--publish") continue;
            args.Add(a);
        }
        return args;
    }

    /// <summary>Starts this program again with <paramref name="args"/>, its output (stdout and stderr) into <paramref name="log"/>.</summary>
    public static Worker Start(IReadOnlyList<string> args, string log)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program to start for the other workers.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Run as 'dotnet augment.dll': the host needs the assembly; an apphost ('augment') is the program itself.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(log))!);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        void Write(object _, DataReceivedEventArgs e)
        {
            if (e.Data == null) return;
            lock (writer) writer.WriteLine(e.Data);
        }
        process.OutputDataReceived += Write;
        process.ErrorDataReceived += Write;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Worker(process, writer, log);
    }

    /// <summary>A started worker: waiting for it returns its exit code and closes its log.</summary>
    public sealed class Worker(Process process, StreamWriter writer, string log)
    {
        public int Id => process.Id;
        public string Log => log;

        public int Wait()
        {
            process.WaitForExit();   // also drains the redirected output
            var code = process.ExitCode;
            process.Dispose();
            lock (writer) writer.Dispose();
            return code;
        }
    }
}
