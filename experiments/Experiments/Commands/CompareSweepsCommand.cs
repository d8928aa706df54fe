using System.ComponentModel;
using Augment.Core;
using Augment.Sweep.Reports;
using Augment.Sweep.Results;
using Augment.Sweep.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("Two sweep run (or results) folders cell by cell: per count and variant, the paired difference B - A by (split, seed) with its 95% interval (e.g. two GAN presets on the same splits and seeds). Either side may list several folders, comma-separated, whose cells pool (e.g. seeds 1-3 and 4-6 run separately).")]
public sealed class CompareSweepsCommand : Command<CompareSweepsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<A>"), Description("the first sweep folder (holding cells.csv), or several, comma-separated, whose cells pool")]
        public string A { get; init; } = "";

        [CommandArgument(1, "<B>"), Description("the second sweep folder (or several, comma-separated); differences are B - A")]
        public string B { get; init; } = "";

        [CommandOption("--out <FILE>"), Description("Also write the table, with this command line, to a markdown file.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var (foldersA, a) = Side(s.A);
        var (foldersB, b) = Side(s.B);
        var rows = SweepComparison.Build(a, b);
        if (rows.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]nothing to compare[/]: {s.A} and {s.B} share no (count, variant) computed on the same (split, seed).");
            return 2;
        }
        var table = SweepComparison.Markdown(s.A, s.B, rows, SweepComparison.Baselines(a, b), RunStatus.Read(foldersA[0]), RunStatus.Read(foldersB[0]));
        Console.Out.Write(table);   // plain: a markdown table must not be wrapped at the terminal's width
        if (s.Out is { } path)
            ComparisonFile.Write(path, "Two sweeps, paired", "from each folder's cells.csv (each folder's summary.md says how its cells were computed)", table);
        return 0;
    }

    /// <summary>One side's folders (comma-separated) and their cells, pooled.</summary>
    static (string[] Folders, IReadOnlyList<CellResult> Cells) Side(string list)
    {
        var folders = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (folders.Length == 0) throw new ArgumentException($"'{list}': name at least one sweep folder.");
        return (folders, SweepComparison.Pool(folders.Select(f => (f, (IReadOnlyCollection<CellResult>)CellStore.Read(Path.Combine(f, "cells.csv")).Cells))));
    }
}
