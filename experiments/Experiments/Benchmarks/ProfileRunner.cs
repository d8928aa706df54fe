using Augment.ExprGan.Training;
using Augment.Core;
using Augment.ExprGan.Model;
using Augment.Identity;
using Augment.Torch;
using Spectre.Console;
using TorchSharp;

namespace Augment.Experiments.Benchmarks;

/// <summary>bench-train --profile / --variants: runs <see cref="NetworkProfile"/> per stage and <see cref="VariantBenchmark"/> per variant, writes markdown + CSV.</summary>
static class ProfileRunner
{
    public sealed record Request(ExprGanPreset Preset, int Batch, int[] ProfileStages, int RenderBatch, int Repeats, int PhiSize,
        string[] Variants, string VariantBaseline, int VariantStage, int VariantSteps, int Rounds, int Seed, string Identity, string ProfileOut, string VariantOut);

    public static int Run(Request q, IIdentityNetwork? phi, string command, CancellationToken cancel)
    {
        var started = DateTime.UtcNow;
        var loadStart = ProfileReport.LoadAverage();
        var matmulStart = NetworkProfile.SquareMatmulGflops();
        var arch = q.Preset.Architecture(q.Preset.Name == ExprGanPreset.Paper.Name ? 3 : 1, 6);
        var profile = new List<NetworkTiming>();
        foreach (var stage in q.ProfileStages)
        {
            cancel.ThrowIfCancellationRequested();
            var rows = NetworkProfile.Measure(arch, phi, q.PhiSize, stage, stage == 0 ? q.RenderBatch : q.Batch, q.Repeats, q.Seed);
            profile.AddRange(rows);
            foreach (var r in rows)
                AnsiConsole.MarkupLineInterpolated($"{r.Stage} {r.Network}: {r.Seconds:0.0000} s, {r.GigaFlopsPerSecond:0.0} GFLOP/s, matmul share {100 * r.MatmulShare:0}%, conv share {100 * r.ConvShare:0}%");
        }
        var variants = new List<VariantTiming>();
        foreach (var v in q.Variants)
        {
            cancel.ThrowIfCancellationRequested();
            var t = VariantBenchmark.Compare(v, q.VariantBaseline, arch, phi, q.VariantStage, q.Batch, q.VariantSteps, q.Rounds, q.Seed);
            variants.Add(t);
            AnsiConsole.MarkupLineInterpolated($"{t.Variant}: base {1e3 * t.BaseWall:0.0} ms/img, variant {1e3 * t.VariantWall:0.0} ms/img, speed-up {t.Speedup:0.00}x (CPU {t.CpuSpeedup:0.00}x); {t.Numerics}");
        }
        var plain = ConvolutionGuard.MeasureOneDnn();
        var machine = MachineInfo.Current(torch.get_num_threads());
        var context = new ProfileReport.Context(command, machine.ToString(), ProfileReport.CpuId(), machine.TorchThreads, machine.GitCommit, started,
            loadStart, ProfileReport.LoadAverage(), $"{ConvolutionGuard.Outcome} (oneDNN probe now: error {plain:E1})",
            matmulStart, NetworkProfile.SquareMatmulGflops(), q.Preset.Name, q.Seed, q.Identity);
        if (profile.Count > 0) Write(q.ProfileOut, ProfileReport.ProfileMarkdown(context, profile), ProfileReport.ProfileCsv(context, profile));
        if (variants.Count > 0) Write(q.VariantOut, ProfileReport.VariantMarkdown(context, variants), ProfileReport.VariantCsv(context, variants));
        return 0;
    }

    static void Write(string markdown, string md, string csv)
    {
        AtomicFile.WriteAllText(markdown, md);
        AtomicFile.WriteAllText(Path.ChangeExtension(markdown, ".csv"), csv);
        AnsiConsole.MarkupLineInterpolated($"-> {Path.GetFullPath(markdown)} (+ .csv)");
    }
}
