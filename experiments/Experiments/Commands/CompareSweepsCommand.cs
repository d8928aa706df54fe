using System.ComponentModel;
using Augment.Core;
using Augment.Sweep.Reports;
using Augment.Sweep.Results;
using Augment.Sweep.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("Two sweep run (or results) folders cell by cell: per count and variant, the paired difference B - A by (split, seed) with its 95% interval (e.g. two GAN presets on the same splits and seeds).")]
public sealed class CompareSweepsCommand : Command<CompareSweepsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<A>"), Description("the first sweep folder (holding cells.csv)")]
        public string A { get; init; } = "";

        [CommandArgument(1, "<B>"), Description("the second sweep folder; differences are B - A")]
        public string B { get; init; } = "";

        [CommandOption("--out <FILE>"), Description("Also write the table, with this command line, to a markdown file.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var a = CellStore.Read(Path.Combine(s.A, "cells.csv")).Cells;
        var b = CellStore.Read(Path.Combine(s.B, "cells.csv")).Cells;
        var rows = SweepComparison.Build(a, b);
        if (rows.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]nothing to compare[/]: {s.A} and {s.B} share no (count, variant) computed on the same (split, seed).");
            return 2;
        }
        var table = SweepComparison.Markdown(s.A, s.B, rows, SweepComparison.Baselines(a, b), RunStatus.Read(s.A), RunStatus.Read(s.B));
        Console.Out.Write(table);   // plain: a markdown table must not be wrapped at the terminal's width
        if (s.Out is { } path)
            ComparisonFile.Write(path, "Two sweeps, paired", "from each folder's cells.csv (each folder's summary.md says how its cells were computed)", table);
        return 0;
    }
}
