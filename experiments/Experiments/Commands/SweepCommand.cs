using System.ComponentModel;
using Augment.Data;
using Augment.Experiments.Options;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

/// <summary>The paper's augmentation experiment: classifier accuracy with 0/3K/6K/30K/60K synthetic faces.</summary>
[Description("The augmentation sweep: classifier accuracy with 0/3K/6K/30K/60K GAN-synthetic faces. Computes into a run folder under runs/ (resumable); 'publish' copies a finished run to results/.")]
public sealed partial class SweepCommand : Command<SweepCommand.Settings>
{
    /// <summary>Default run folder: runs/sweep-DATASET[-quick] under the repository.</summary>
    public static string DefaultOut(string dataset, bool quick) =>
        Path.Combine(DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory(), "runs", "sweep-" + dataset + (quick ? "-quick" : ""));

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var torch = s.ToTorchOptions();
        torch.Apply();
        var options = BuildOptions(s);
        var dataset = options.Dataset;
        var root = DatasetCatalog.FindRepoRoot() ?? Directory.GetCurrentDirectory();
        var outDir = Path.GetFullPath(s.Out ?? DefaultOut(dataset, s.Quick));
        var cache = s.Cache ?? Path.Combine(root, "runs", "sweep-cache");

        var loaded = DatasetLoading.Load(SweepDefaults.Data(options, s.ToDataOptions()));
        (var set, options) = SweepClasses.Check(loaded, options);
        var plan = SweepCell.Enumerate(options.Folds ?? 1, options).Count;
        AnsiConsole.MarkupLineInterpolated($"[bold]sweep[/] {plan} cells: counts {string.Join(",", options.Counts)} x seeds {string.Join(",", options.Seeds)} x {options.Variants.Count} classic variants x synthetic {string.Join(",", options.Synthetic.Select(SweepCell.MixName))} (count 0 once), {options.Threads} threads -> {outDir}");

        using var backend = new FaceSweepBackend(options, set, cache, torch.Device);
        var command = "dotnet run --project Experiments -- " + string.Join(" ", context.Arguments);
        try
        {
            var store = new SweepRunner(options, backend, outDir, new ConsoleProgress()).Run(command.TrimEnd(), s.Fresh, cancellation);
            if (store.Cells.Count < plan)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]this process is done[/]: {store.Cells.Count} of {plan} cells finished; another process on {outDir} has the rest and writes summary.md after its last cell.");
                return 0;
            }
            AnsiConsole.MarkupLineInterpolated($"[green]done[/]: {store.Cells.Count} cells; see {Path.Combine(outDir, "summary.md")}");
        }
        catch (Augment.Sweep.Gates.WeakGeneratorException e)
        {
            AnsiConsole.MarkupLine("[red]refused[/]: " + Markup.Escape(e.Message));
            return 3;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var where = s.Fresh ? Augment.Sweep.Runs.RunFolder.StagingOf(outDir) : outDir;
            AnsiConsole.MarkupLineInterpolated($"[yellow]stopped[/]: finished cells are kept in {Path.Combine(where, "cells.csv")}; run the same command again to resume.");
            return 130;
        }
        if (s.Publish) PublishCommand.PublishAndSay(outDir, PublishCommand.DefaultResults(dataset, s.Quick));
        return 0;
    }
}
