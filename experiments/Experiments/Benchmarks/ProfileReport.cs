using System.Globalization;
using System.Text;

namespace Augment.Experiments.Benchmarks;

/// <summary>Markdown and CSV of <see cref="NetworkProfile"/> and <see cref="VariantBenchmark"/> runs, with what is needed to rerun them.</summary>
static class ProfileReport
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Context(string Command, string Machine, string CpuId, int Threads, string Commit, DateTime Started, string LoadStart, string LoadEnd,
        string Convolutions, double MatmulStart, double MatmulEnd, string Preset, int Seed, string Identity);

    public static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    /// <summary>"family 0x1a model 0x2 stepping 1" from /proc/cpuinfo: the model name alone ("AMD EPYC") does not tell Zen 4 from Zen 5.</summary>
    public static string CpuId()
    {
        if (!File.Exists("/proc/cpuinfo")) return "";
        var f = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        string Hex(string key) => int.TryParse(f.GetValueOrDefault(key), out var v) ? $"0x{v:x}" : "?";
        var flags = f.GetValueOrDefault("flags", "").Split(' ');
        return $"{f.GetValueOrDefault("vendor_id")} family {Hex("cpu family")} model {Hex("model")} stepping {f.GetValueOrDefault("stepping")}" +
            (flags.Contains("avx512_bf16") ? ", AVX-512 BF16" : flags.Contains("avx512f") ? ", AVX-512" : "");
    }

    static void Header(StringBuilder b, Context c)
    {
        b.AppendLine($"Command: `cd experiments && dotnet run -c Release --project Experiments -- {c.Command}`").AppendLine();
        b.AppendLine($"Machine: {c.Machine}; CPU id {c.CpuId}; started {c.Started:yyyy-MM-dd HH:mm} UTC; " +
            $"preset {c.Preset}; identity network {c.Identity}; seed {c.Seed}; random images.").AppendLine();
        b.AppendLine($"Load average (1/5/15 min): {c.LoadStart} at the start, {c.LoadEnd} at the end. Convolutions: {c.Convolutions}.").AppendLine();
        b.AppendLine(string.Create(Inv, $"Ceiling: a 1024^3 float32 matmul ran at {c.MatmulStart:0.0} GFLOP/s at the start and {c.MatmulEnd:0.0} at the end (same thread count)."))
            .AppendLine();
    }

    public static string ProfileMarkdown(Context c, IReadOnlyList<NetworkTiming> rows)
    {
        var b = new StringBuilder();
        b.AppendLine("# ExprGAN per network: time, FLOPs and shares of the hardware").AppendLine();
        Header(b, c);
        b.AppendLine("Each network runs in isolation the passes one training step makes with it (fwd = forward, bwd(w) = weight gradients, " +
            "bwd(x) = gradient to the input), at the step's batch and shapes; FLOPs are counted from the architecture " +
            "(Augment.ExprGan.Cost.ExprGanLayers: convolutions and linear layers, 2 per multiply-add; a backward product costs as much as the forward). " +
            "They are the architecture's nominal FLOPs, convolutions over features ++ code planes; Model/CodeConvolution.cs computes the code part " +
            "with fewer operations (37% of the decoder's nominal FLOPs), so after it GFLOP/s is effective, and shares above 100% are possible. " +
            "**share of ceiling** = GFLOP/s / the square matmul's (mean of start and end); " +
            "**matmul share** = time of the same work as float32 matrix products of its im2col GEMM shapes / the network's time; " +
            "**conv share** = time of plain conv2d/linear calls of the same shapes (with autograd) / the network's time. Both are measured in the same " +
            "repeat as the network, rotating the order, so other jobs' load falls on all alike: they are the honest figure on a shared machine. " +
            "Medians over the repeats. 'whole step' is the bare TorchSharp loop (experiments/Experiments/Benchmarks/BareExprGanLoop.cs) in the same repeats; " +
            "the difference from the sum is losses, concatenations and glue. Render = encoder + decoder forward without grad.").AppendLine();
        foreach (var stage in rows.GroupBy(r => r.Stage))
        {
            b.AppendLine($"## {stage.Key}, batch {stage.First().Batch}").AppendLine();
            b.AppendLine("| network | passes | GFLOP / step | parameters | s / step | GFLOP/s | share of ceiling | matmul s | matmul share | plain conv s | conv share |");
            b.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in stage)
            {
                var gf = r.Flops > 0 ? (r.Flops / 1e9).ToString("0.00", Inv) : "-";
                var rate = r.Flops > 0 ? r.GigaFlopsPerSecond.ToString("0.0", Inv) : "-";
                string Share(double v) => double.IsNaN(v) ? "-" : (100 * v).ToString("0", Inv) + "%";
                string S(double v) => r.Flops > 0 ? v.ToString("0.0000", Inv) : "-";
                var ceiling = r.Flops > 0 ? Share(r.GigaFlopsPerSecond / Ceiling(c)) : "-";
                b.AppendLine(string.Create(Inv, $"| {r.Network} | {r.Passes} | {gf} | {r.Parameters:N0} | {r.Seconds:0.0000} | {rate} | {ceiling} | {S(r.MatmulSeconds)} | {Share(r.MatmulShare)} | {S(r.ConvSeconds)} | {Share(r.ConvShare)} |"));
            }
            b.AppendLine();
        }
        return b.ToString();
    }

    /// <summary>The square-matmul ceiling: the mean of the start and end runs.</summary>
    static double Ceiling(Context c) => (c.MatmulStart + c.MatmulEnd) / 2;

    public static string ProfileCsv(Context c, IReadOnlyList<NetworkTiming> rows)
    {
        var b = new StringBuilder("stage,network,batch,passes,flops,parameters,seconds,gflops_per_s,matmul_seconds,matmul_share,conv_seconds,conv_share,threads,cpu,commit,convolutions\n");
        foreach (var r in rows)
            b.AppendLine(string.Create(Inv, $"{r.Stage},{r.Network},{r.Batch},\"{r.Passes}\",{r.Flops:0},{r.Parameters},{r.Seconds:0.000000},{r.GigaFlopsPerSecond:0.00},{r.MatmulSeconds:0.000000},{r.MatmulShare:0.0000},{r.ConvSeconds:0.000000},{r.ConvShare:0.0000},{c.Threads},\"{c.Machine.Split(',')[0]} {c.CpuId}\",{c.Commit},\"{c.Convolutions}\""));
        return b.ToString();
    }

    public static string VariantMarkdown(Context c, IReadOnlyList<VariantTiming> rows)
    {
        var b = new StringBuilder();
        b.AppendLine("# ExprGAN training step: one change at a time").AppendLine();
        Header(b, c);
        b.AppendLine("Each variant against the step in the 'against' column (baseline = the bare TorchSharp loop with the current defaults: the process's convolution mode, float32, contiguous NCHW, code planes by CodeConvolution, " +
            "phi every step at the image size, the preset's batch) in the same process: rounds of [baseline steps, variant steps], one warm-up step per " +
            "block dropped, means of wall and process-CPU milliseconds per image (means, so that phi-every:K counts its steps with and without phi; use a step count divisible by K). Speed-up > 1 = the variant is faster. 'numerics' compares G(x) of the " +
            "same weights with and without the change (images in [-1, 1]).").AppendLine();
        b.AppendLine("| variant | against | stage | batch (base / variant) | steps each | base ms/img (wall / CPU) | variant ms/img (wall / CPU) | speed-up (wall / CPU) | numerics |");
        b.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            b.AppendLine(string.Create(Inv, $"| {r.Variant} | {r.Baseline} | {r.Stage} | {r.BaseBatch} / {r.VariantBatch} | {r.Steps} | {1e3 * r.BaseWall:0.0} / {1e3 * r.BaseCpu:0.0} | {1e3 * r.VariantWall:0.0} / {1e3 * r.VariantCpu:0.0} | {r.Speedup:0.00}x / {r.CpuSpeedup:0.00}x | {r.Numerics} |"));
        return b.ToString();
    }

    public static string VariantCsv(Context c, IReadOnlyList<VariantTiming> rows)
    {
        var b = new StringBuilder("variant,baseline,stage,base_batch,variant_batch,steps,base_wall_s_per_img,variant_wall_s_per_img,base_cpu_s_per_img,variant_cpu_s_per_img,speedup_wall,speedup_cpu,numerics,threads,cpu,commit,convolutions\n");
        foreach (var r in rows)
            b.AppendLine(string.Create(Inv, $"{r.Variant},{r.Baseline},{r.Stage},{r.BaseBatch},{r.VariantBatch},{r.Steps},{r.BaseWall:0.000000},{r.VariantWall:0.000000},{r.BaseCpu:0.000000},{r.VariantCpu:0.000000},{r.Speedup:0.000},{r.CpuSpeedup:0.000},\"{r.Numerics}\",{c.Threads},\"{c.Machine.Split(',')[0]} {c.CpuId}\",{c.Commit},\"{c.Convolutions}\""));
        return b.ToString();
    }
}
