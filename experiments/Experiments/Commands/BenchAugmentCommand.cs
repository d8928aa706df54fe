using Augment.ExprGan.Training;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Augment.Augmentation;
using Augment.Augmentation.Generation;
using Augment.Augmentation.Onnx;
using Augment.Core;
using Augment.Data;
using Augment.Experiments.Benchmarks;
using Augment.Experiments.Options;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using Augment.Torch;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>
/// Speed and memory of the augmenter: generator images/s per backend and batch size at the cpu preset, peak resident
/// memory of cursors over 3K-60K synthetic rows (each in a fresh process), FLOPs per image against a matmul ceiling.
/// </summary>
[Description("Augmenter speed and memory: generator images/s per backend and batch size, peak memory over 3K-60K synthetic rows, FLOPs per image.")]
public sealed class BenchAugmentCommand : Command<BenchAugmentCommand.Settings>
{
    const string DefaultOut = "../results/benchmarks/augmenter.md";
    const string ChildPrefix = "BENCH-AUGMENT-RESULT ";
    const string DefaultRuns = "cpu:onnx:3000,light:onnx:3000,light:onnx:30000,light:onnx:60000,light:torch:3000";

    public sealed class Settings : ThreadSettings
    {
        [CommandOption("--batches")][Description("Batch sizes to time, comma-separated.")][DefaultValue("1,16,64,256")]
        public string Batches { get; init; } = "1,16,64,256";

        [CommandOption("--seconds")][Description("Timed seconds per backend and batch size (at least two calls).")][DefaultValue(4.0)]
        public double Seconds { get; init; } = 4.0;

        [CommandOption("--memory-runs")][Description("Cursor memory runs, comma-separated generator:backend:rows with generator cpu (the preset) or light (64x64, widths 8) and backend onnx or torch.")][DefaultValue(DefaultRuns)]
        public string MemoryRuns { get; init; } = DefaultRuns;

        [CommandOption("--real-rows")][Description("Real rows in the memory runs (CK+48's six classes hold 927 images).")][DefaultValue(800)]
        public int RealRows { get; init; } = 800;

        [CommandOption("--memory-batch")][Description("Augmenter batch size in the memory runs.")][DefaultValue(64)]
        public int MemoryBatch { get; init; } = 64;

        [CommandOption("--seed")][Description("Seed of the random weights and inputs.")][DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--out")][Description("Markdown report to write (atomically).")][DefaultValue(DefaultOut)]
        public string Out { get; init; } = DefaultOut;

        [CommandOption("--child <SPEC>")][Description("Internal: run one memory measurement in this (fresh) process: model|backend|size|rows.")]
        public string? Child { get; init; }
    }

    /// <summary>64x64 like the cpu preset but widths 8 and d = 1: cheap to run, so 60K rows stream in minutes. Not a useful generator.</summary>
    static ExprGanArchitecture Light => new(1, 64, 50, 1, Expressions.Paper.Count, [8, 8, 8, 8], [8, 8, 8, 8], [8, 8, 8, 8]);

    public override Spectre.Console.ValidationResult Validate(CommandContext context, Settings s)
    {
        foreach (var run in s.MemoryRuns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = run.Split(':');
            if (parts.Length != 3 || parts[0] is not ("cpu" or "light") || parts[1] is not ("onnx" or "torch") || !int.TryParse(parts[2], out var n) || n < 0)
                return Spectre.Console.ValidationResult.Error($"--memory-runs: '{run}' is not generator:backend:rows (cpu|light, onnx|torch, a count).");
        }
        return Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        if (s.Child != null) return RunChild(s);
        s.ToTorchOptions().Apply();
        var machine = MachineInfo.Current(torch.get_num_threads());
        var loadStart = ProfileReport.LoadAverage();
        var total = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("augment-bench-").FullName;
        try
        {
            var cpuArch = ExprGanPreset.Cpu.Architecture(1, Expressions.Paper.Count);
            var (cpuCheckpoint, cpuOnnx, parity) = WriteGenerator(cpuArch, Path.Combine(dir, "cpu"), s.Seed);
            var (lightCheckpoint, lightOnnx, _) = WriteGenerator(Light, Path.Combine(dir, "light"), s.Seed);
            var matmulBefore = MatmulGflops();

            var throughput = new List<ThroughputResult>();
            using (var generator = ExprGanGenerator.Load(cpuCheckpoint, torch.CPU))
            using (var torchRenderer = new TorchExpressionRenderer(generator, ownsGenerator: false))
            using (var onnxRenderer = new OnnxExpressionRenderer(cpuOnnx, s.Threads))
                foreach (var batch in Ints(s.Batches))
                    foreach (var renderer in new IExpressionRenderer[] { torchRenderer, onnxRenderer })
                    {
                        var r = AugmenterBenchmark.Throughput(renderer, batch, s.Seconds, s.Seed);
                        Console.Error.WriteLine(Invariant($"{r.Backend} batch {batch}: {r.ImagesPerSecond:0.0} img/s"));
                        throughput.Add(r);
                    }
            var matmulAfter = MatmulGflops();

            var runs = new List<(string Generator, CursorRunResult Result)>();
            foreach (var run in s.MemoryRuns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = run.Split(':');
                var cpu = parts[0] == "cpu";
                var model = parts[1] == "onnx" ? (cpu ? cpuOnnx : lightOnnx) : (cpu ? cpuCheckpoint : lightCheckpoint);
                runs.Add((cpu ? "cpu preset" : "light 64x64", Child(s, model, parts[1], (cpu ? cpuArch : Light).ImageSize, int.Parse(parts[2], CultureInfo.InvariantCulture))));
            }

            var report = BenchAugmentReport.Write(new BenchAugmentReport.Inputs(s.Batches, s.Seconds, s.MemoryRuns, s.RealRows, s.MemoryBatch, s.Threads, s.Seed, s.Out == DefaultOut ? null : s.Out,
                cpuArch, Light, parity, throughput, runs, matmulBefore, matmulAfter, machine, loadStart, ProfileReport.LoadAverage(), total.Elapsed, ConvolutionGuard.Outcome));
            AtomicFile.WriteAllText(s.Out, report);
            Console.WriteLine(report);
            Console.WriteLine($"written to {Path.GetFullPath(s.Out)}");
            return 0;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>A randomly initialised generator saved as a checkpoint and as ONNX; returns both paths and their parity.</summary>
    static (string Checkpoint, string Onnx, float Parity) WriteGenerator(ExprGanArchitecture arch, string stem, int seed)
    {
        using var generator = ExprGanGenerator.Create(arch, Expressions.Paper, torch.CPU, seed);
        generator.Save(stem + ".ckpt");
        var bytes = ExprGanOnnxExporter.ToBytes(generator);
        AtomicFile.WriteAllBytes(stem + ".onnx", bytes);
        return (stem + ".ckpt", stem + ".onnx", OnnxParity.MaxDifference(generator, bytes, 4, seed));
    }

    /// <summary>Median GFLOP/s of a 2048^3 float32 matmul through TorchSharp.</summary>
    static double MatmulGflops()
    {
        using var a = torch.randn(2048, 2048);
        using var b = torch.randn(2048, 2048);
        var times = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            var clock = Stopwatch.StartNew();
            using var c = a.matmul(b);
            _ = c[0, 0].item<float>();
            if (i > 0) times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return 2.0 * 2048 * 2048 * 2048 / times[times.Count / 2] / 1e9;
    }

    /// <summary>Runs one memory measurement in a fresh process, so VmHWM is that run's alone.</summary>
    static CursorRunResult Child(Settings s, string model, string backend, int size, int rows)
    {
        var host = Environment.ProcessPath!;
        var args = new List<string>();
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") args.Add(typeof(BenchAugmentCommand).Assembly.Location);
        args.AddRange(["bench-augment", "--child", $"{model}|{backend}|{size}|{rows}", "--real-rows", Invariant($"{s.RealRows}"),
            "--memory-batch", Invariant($"{s.MemoryBatch}"), "--threads", Invariant($"{s.Threads}"), "--seed", Invariant($"{s.Seed}")]);
        var start = new ProcessStartInfo(host, args) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{host}'.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ChildPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line == null)
            throw new InvalidOperationException($"The memory run ({backend}, {rows} rows) failed with exit code {process.ExitCode}:\n{output}");
        return JsonSerializer.Deserialize<CursorRunResult>(line[ChildPrefix.Length..])!;
    }

    static int RunChild(Settings s)
    {
        var parts = s.Child!.Split('|');
        var backend = parts[1] == "onnx" ? GeneratorBackend.Onnx : GeneratorBackend.TorchSharp;
        if (backend == GeneratorBackend.TorchSharp) SetTorchThreads(s.Threads);   // the ONNX run must not load libtorch
        var result = AugmenterBenchmark.CursorRun(parts[0], backend, int.Parse(parts[2], CultureInfo.InvariantCulture), s.RealRows,
            int.Parse(parts[3], CultureInfo.InvariantCulture), s.MemoryBatch, s.Threads, s.Seed, new ConsoleProgress());
        Console.WriteLine(ChildPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    static void SetTorchThreads(int threads) => torch.set_num_threads(threads);

    static int[] Ints(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
