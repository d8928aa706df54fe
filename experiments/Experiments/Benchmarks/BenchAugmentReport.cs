using System.Globalization;
using System.Text;
using Augment.Augmentation.Onnx;
using Augment.Core;
using Augment.ExprGan.Model;

using Augment.Augmentation;
using Augment.Torch;

namespace Augment.Experiments.Benchmarks;

/// <summary>Writes results/benchmarks/augmenter.md from the measurements of `augment bench-augment`.</summary>
public static class BenchAugmentReport
{
    public sealed record Inputs(string Batches, double Seconds, string MemoryRuns, int RealRows, int MemoryBatch, int Threads, int Seed, string? Out,
        ExprGanArchitecture Cpu, ExprGanArchitecture Light, float Parity, IReadOnlyList<ThroughputResult> Throughput,
        IReadOnlyList<(string Generator, CursorRunResult Result)> Runs, double MatmulBefore, double MatmulAfter,
        MachineInfo Machine, string LoadStart, string LoadEnd, TimeSpan Elapsed, string TorchConvolution);

    public static string Write(Inputs x)
    {
        var sb = new StringBuilder();
        void Line(FormattableString text) => sb.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var cpuFlops = GeneratorFlops.Forward(x.Cpu);
        var lightFlops = GeneratorFlops.Forward(x.Light);
        var matmul = Math.Max(x.MatmulBefore, x.MatmulAfter);

        Line($"# ExprGAN augmenter: speed and memory");
        Line($"");
        Line($"Generators are **randomly initialised** (speed and memory do not depend on the weights): the `cpu` preset");
        Line($"({x.Cpu}) and, for the long memory runs, a light 64x64 generator ({x.Light}) that streams 60K rows in minutes.");
        Line($"ONNX export checked against TorchSharp on 4 random images: max |difference| {x.Parity:E1}.");
        Line($"");
        Line($"## Generator throughput (cpu preset, {x.Threads} threads)");
        Line($"");
        Line($"Forward cost, counted from the architecture (convolutions and linear layers, 2 FLOPs per multiply-add): ");
        Line($"**{cpuFlops / 1e6:0.0} MFLOP per image** (encode + decode). Ceiling on this machine: a 2048^3 float32 matmul through");
        Line($"TorchSharp ran at {x.MatmulBefore:0.0} GFLOP/s before and {x.MatmulAfter:0.0} GFLOP/s after the throughput runs.");
        Line($"");
        Line($"| backend | batch | images/s | median s / call | achieved GFLOP/s | share of matmul GFLOP/s |");
        Line($"|---|---|---|---|---|---|");
        foreach (var r in x.Throughput)
        {
            var gflops = r.ImagesPerSecond * cpuFlops / 1e9;
            Line($"| {r.Backend} | {r.Batch} | {r.ImagesPerSecond:0.0} | {r.MedianCallSeconds:0.000} | {gflops:0.0} | {100 * gflops / matmul:0}% |");
        }
        Line($"");
        Line($"Each cell renders random source images for at least {x.Seconds:0.#} s and one call, after a warm-up call of up to 16 images (encode, code, decode;");
        Line($"TorchSharp under no_grad with one dispose scope per batch). ONNX Runtime runs the exported file with {x.Threads} intra-op threads.");
        Line($"TorchSharp convolutions (Augment.Torch.ConvolutionGuard): {x.TorchConvolution}.");
        Line($"");
        Line($"## Peak memory of a cursor over real + synthetic rows");
        Line($"");
        Line($"Each run is a fresh process: {x.RealRows} real random 64x64 gray rows in memory, the augmenter appending N rows,");
        Line($"one cursor reading the image column of every row (so every synthetic image is generated), batch {x.MemoryBatch}.");
        Line($"Peak = VmHWM of the process at the end; 'before' = VmRSS after the data and generator were loaded, before the cursor moved.");
        Line($"Holding the synthetic images instead would need N x 16 KB (64 x 64 floats): 0.98 GB at 60K.");
        Line($"");
        Line($"| generator | backend | synthetic rows | RSS before (MB) | peak RSS (MB) | synthetic rows/s | libtorch loaded |");
        Line($"|---|---|---|---|---|---|---|");
        foreach (var (generator, r) in x.Runs)
            Line($"| {generator} | {r.Backend} | {r.SyntheticRows:N0} | {r.RssBeforeKb / 1024.0:0} | {r.PeakRssKb / 1024.0:0} | {r.SyntheticPerSecond:0.0} | {(r.LibTorchLoaded ? "yes" : "no")} |");
        Line($"");
        Line($"The light generator costs {lightFlops / 1e6:0.0} MFLOP per image. The cursor rate includes the augmenter's own work");
        Line($"(plan, gathering sources, layout conversion, quantisation) besides the generator. 'libtorch loaded' says whether");
        Line($"libtorch_cpu.so was mapped into the process: the ONNX backend with an .onnx file never loads it.");
        Line($"");
        Line($"## Machine");
        Line($"");
        Line($"{x.Machine}; load average (1/5/15 min) {x.LoadStart} at the start, {x.LoadEnd} at the end; the whole run took {x.Elapsed.TotalMinutes:0.0} min.");
        Line($"The machine is shared with other jobs: a loaded machine shows as a low matmul figure; compare rows within one run.");
        Line($"");
        Line($"Command:");
        Line($"");
        Line($"```bash");
        Line($"cd experiments && dotnet run -c Release --project Experiments -- bench-augment --batches {x.Batches} --seconds {x.Seconds} --memory-runs {x.MemoryRuns} --real-rows {x.RealRows} --memory-batch {x.MemoryBatch} --threads {x.Threads} --seed {x.Seed}{(x.Out == null ? "" : " --out " + x.Out)}");
        Line($"```");
        return sb.ToString();
    }
}
