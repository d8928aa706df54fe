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
        if (s.ContinueFrom is { } carried)
        {
            // Before any worker starts, so no process plans cells that were carried here.
            var added = Augment.Sweep.Runs.CarriedRun.Load(carried, outDir, options.HashText(backend.DataHash), backend.ClassNames);
            AnsiConsole.MarkupLineInterpolated($"[bold]continue-from[/] {Path.GetFullPath(carried)}: {added} cells added to {outDir}");
        }
        var workers = StartWorkers(s.Workers ?? 1, context.Arguments, outDir);
        int code;
        try
        {
            var store = new SweepRunner(options, backend, outDir, new ConsoleProgress()).Run(command.TrimEnd(), s.Fresh, cancellation);
            if (store.Cells.Count < plan)
                AnsiConsole.MarkupLineInterpolated($"[yellow]this process is done[/]: {store.Cells.Count} of {plan} cells finished; {(workers.Count > 0 ? "waiting for the other workers" : $"another process on {outDir} has the rest and writes summary.md after its last cell")}.");
            code = 0;
        }
        catch (Augment.Sweep.Gates.WeakGeneratorException e)
        {
            AnsiConsole.MarkupLine("[red]refused[/]: " + Markup.Escape(e.Message));
            code = 3;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var where = s.Fresh ? Augment.Sweep.Runs.RunFolder.StagingOf(outDir) : outDir;
            AnsiConsole.MarkupLineInterpolated($"[yellow]stopped[/]: finished cells are kept in {Path.Combine(where, "cells.csv")}; run the same command again to resume.");
            code = 130;
        }
        finally
        {
            foreach (var w in workers)
                if (w.Wait() is var exit && exit != 0)
                    AnsiConsole.MarkupLineInterpolated($"[red]worker {w.Id} exited with {exit}[/]: see {w.Log}");
        }
        if (code != 0) return code;
        if (Augment.Sweep.Runs.RunStatus.Read(outDir) is not { Complete: true } status || !File.Exists(Path.Combine(outDir, "summary.md")))
            return workers.Count > 0 ? 1 : 0;   // with workers every process has ended, so missing cells mean one failed
        AnsiConsole.MarkupLineInterpolated($"[green]done[/]: {status.CellsDone} cells; see {Path.Combine(outDir, "summary.md")}");
        if (s.Publish) PublishCommand.PublishAndSay(outDir, PublishCommand.DefaultResults(dataset, s.Quick));
        return 0;
    }

    /// <summary>Starts the other <paramref name="count"/> - 1 processes of <c>--workers</c> (none for 1).</summary>
    static List<SweepWorkers.Worker> StartWorkers(int count, IReadOnlyList<string> arguments, string outDir)
    {
        var started = new List<SweepWorkers.Worker>();
        for (var k = 2; k <= count; k++)
        {
            var w = SweepWorkers.Start(SweepWorkers.ArgumentsOf(arguments), $"{outDir}-worker{k}.log");
            AnsiConsole.MarkupLineInterpolated($"worker {k} of {count}: process {w.Id}, progress in {w.Log}");
            started.Add(w);
        }
        return started;
    }
}
