using Augment.Core;
using Spectre.Console;

namespace Augment.Experiments.Commands;

/// <summary>The --out file of the compare-* commands: a title, the command line, commit and time that made it, and the table.</summary>
static class ComparisonFile
{
    public static void Write(string path, string title, string readFrom, string table)
    {
        var command = "augment " + string.Join(" ", Environment.GetCommandLineArgs().Skip(1));
        AtomicFile.WriteAllText(path, $"# {title}\n\nMade by `{command}` (from `experiments/`) at commit " +
            $"{MachineInfo.BuildCommit}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {readFrom}.\n\n{table}");
        AnsiConsole.MarkupLineInterpolated($"written {Path.GetFullPath(path)}");
    }
}
