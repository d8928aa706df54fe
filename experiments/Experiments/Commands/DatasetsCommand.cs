using System.ComponentModel;
using Augment.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("List the data sets --dataset accepts, the layout each expects, and where CK+48 is looked for.")]
public sealed class DatasetsCommand : Command<DatasetsCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("name", "what", "layout", "needs --data");
        foreach (var d in DatasetCatalog.Known)
            table.AddRow(Markup.Escape(d.Name), Markup.Escape(d.Description), Markup.Escape(d.Layout), d.NeedsPath ? "yes" : "no");
        AnsiConsole.Write(table);
        var ck48 = DatasetCatalog.DefaultCk48Path();
        AnsiConsole.MarkupLineInterpolated($"CK+48 default path: {ck48} ({(Directory.Exists(ck48) ? "present" : "absent")}); override with ${DatasetCatalog.Ck48Variable} or --data.");
        AnsiConsole.MarkupLine("Details, sources and licences: datasets/README.md");
        return 0;
    }
}
