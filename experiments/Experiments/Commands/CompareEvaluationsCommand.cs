using System.ComponentModel;
using Augment.Core;
using Augment.Evaluation.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("Set several evaluate output folders side by side: gates passed, which fail, edit accuracy, the lowest intensity reading, identity (e.g. training seeds of one recipe).")]
public sealed class CompareEvaluationsCommand : Command<CompareEvaluationsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIRS>"), Description("evaluate output folders (each holding metrics.csv)")]
        public string[] Directories { get; init; } = [];

        [CommandOption("--out <FILE>"), Description("Also write the table, with this command line, to a markdown file.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var rows = s.Directories.Select(d => GateSummary.Read(d)).ToList();
        var table = GateSummary.Markdown(rows);
        Console.Out.Write(table);   // plain: a markdown table must not be wrapped at the terminal's width
        if (s.Out is { } path)
            ComparisonFile.Write(path, $"Gates of {rows.Count} evaluations", "from each folder's metrics.csv (each folder's report.md says how it was computed)", table);
        return 0;
    }
}
