using System.ComponentModel;
using Augment.Data;
using Augment.Experiments.Options;
using Augment.Sweep.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("Copy a finished sweep run folder (runs/sweep-...) into results/: the only step that replaces committed sweep results. Each file is staged, then renamed into place.")]
public sealed class PublishCommand : Command<PublishCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <DIR>"), Description("The run folder to publish (default: runs/sweep-<dataset>, or runs/sweep-<dataset>-quick with --quick).")]
        public string? Run { get; init; }
        [CommandOption("--dataset <NAME>"), Description("Data set whose run to publish when --run is not given."), LibraryDefault(typeof(DatasetOptions), nameof(DatasetOptions.Name))]
        public string Dataset { get; init; } = "";
        [CommandOption("--quick"), Description("Publish the --quick run (to results/<dataset>-quick).")]
        public bool Quick { get; init; }
        [CommandOption("--to <DIR>"), Description("Results folder (default: results/<dataset>, or results/<dataset>-quick).")]
        public string? To { get; init; }
        [CommandOption("--partial"), Description("The run is unfinished: copy its finished cells (cells.csv, run.json, gates.json) to <to>/partial/, to be carried to another machine with 'sweep --continue-from <to>/partial' (a session that ends keeps its cells, not its GANs).")]
        public bool Partial { get; init; }

        public override ValidationResult Validate() =>
            DatasetCatalog.CanonicalName(Dataset) == null ? ValidationResult.Error($"Unknown --dataset '{Dataset}'.") : ValidationResult.Success();
    }

    public static string DefaultResults(string dataset, bool quick) =>
        Path.Combine(DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory(), "results", dataset + (quick ? "-quick" : ""));

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var dataset = DatasetCatalog.CanonicalName(s.Dataset)!;
        var run = s.Run ?? SweepCommand.DefaultOut(dataset, s.Quick);
        var to = s.To ?? (RunStatus.Read(run) is { } status ? DefaultResults(status.Dataset, s.Quick || run.EndsWith("-quick", StringComparison.Ordinal)) : DefaultResults(dataset, s.Quick));
        if (s.Partial)
        {
            var (folder, cells, total) = CarriedRun.Save(run, to);
            AnsiConsole.MarkupLineInterpolated($"[green]saved[/] {cells} of {total} cells of {Path.GetFullPath(run)} to {folder}; continue elsewhere with the same sweep command and --continue-from {folder}");
            return 0;
        }
        PublishAndSay(run, to);
        return 0;
    }

    public static void PublishAndSay(string run, string to)
    {
        var files = Publisher.Publish(run, to);
        AnsiConsole.MarkupLineInterpolated($"[green]published[/] {files.Count} files from {Path.GetFullPath(run)} to {Path.GetFullPath(to)}");
    }
}
