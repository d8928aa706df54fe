using System.Globalization;
using Augment.Data;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Experiments.Benchmarks;

/// <summary>
/// Median wall and process-CPU seconds per training step of one stage, through the trainer and through the bare loop.
/// On a shared machine wall time mostly measures the other jobs; CPU time is what the step itself costs, so the
/// overhead is taken from it.
/// </summary>
public sealed record StepTiming(string Preset, int ImageSize, int Channels, int Batch, int Stage, int Steps,
    double TrainerSeconds, double BareSeconds, double TrainerCpu, double BareCpu)
{
    public double TrainerImagesPerSecond => Batch / TrainerSeconds;
    public double BareImagesPerSecond => Batch / BareSeconds;
    public double OverheadPercent => 100 * (TrainerCpu / BareCpu - 1);
}

/// <summary>
/// Times each stage's step through ExprGanTrainer (per-step times from its losses.csv clocks, so epoch-end checkpoints
/// and grids are excluded) and through <see cref="BareExprGanLoop"/>, alternating the two in rounds so load changes
/// on a shared machine hit both alike. Random images; one warm-up step per run is dropped.
/// </summary>
static class TrainStepBenchmark
{
    public static StepTiming Measure(ExprGanPreset preset, int channels, int batch, int stage, int steps, int rounds, IIdentityNetwork? phi, Device device, int seed,
        TrainingPrecision precision = TrainingPrecision.Float32)
    {
        var arch = preset.Architecture(channels, 6);
        var n = batch * (steps + 1);
        using var set = RandomSet(arch, n, seed);
        var epochs = new int[3];
        epochs[stage - 1] = 1;
        var options = new ExprGanTrainingOptions(epochs, batch, Seed: seed, GridImages: 2) { Precision = precision };
        var weights = options.WeightsOf(stage);
        var trainer = new List<(double Wall, double Cpu)>();
        var bare = new List<(double Wall, double Cpu)>();
        for (var r = 0; r < rounds; r++)
        {
            var dir = Path.Combine(Path.GetTempPath(), $"augment-bench-{Environment.ProcessId}-{stage}-{r}");
            try
            {
                using (var t = new ExprGanTrainer(arch, options, dir, device, phi))
                {
                    t.Train(set);
                    trainer.AddRange(StepSeconds(t.Files.Losses).Skip(1));
                }
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
            if (arch.HasMask) continue;   // the bare loop is the paper design's step; the identity-preserving one is timed through the trainer only
            using var nets = ExprGanNetworks.Create(arch, set.ClassNames, device, seed);
            using var images = set.Images.to(device);
            using var labels = tensor(set.Labels.Select(l => (long)l).ToArray(), device: device);
            bare.AddRange(BareExprGanLoop.Run(nets, phi, images, labels, stage, batch, steps + 1, weights, seed).Skip(1));
        }
        return new StepTiming(preset.Name, arch.ImageSize, channels, batch, stage, trainer.Count,
            Median(trainer.Select(t => t.Wall)), Median(bare.Select(t => t.Wall)), Median(trainer.Select(t => t.Cpu)), Median(bare.Select(t => t.Cpu)));
    }

    static FaceSet RandomSet(ExprGanArchitecture arch, int n, int seed)
    {
        using var gen = new Generator((ulong)seed, CPU);
        var images = rand([n, arch.Channels, arch.ImageSize, arch.ImageSize], generator: gen).mul(2).sub(1);
        var labels = Enumerable.Range(0, n).Select(i => i % arch.Classes).ToArray();
        return new FaceSet("bench-random", images, labels, Expressions.Paper.ToArray());
    }

    /// <summary>Per-step wall and CPU seconds from the cumulative clock columns of losses.csv.</summary>
    static IEnumerable<(double Wall, double Cpu)> StepSeconds(string lossesCsv)
    {
        double wall = 0, cpu = 0;
        foreach (var line in File.ReadLines(lossesCsv).Skip(1))
        {
            var cells = line.Split(',');
            var w = double.Parse(cells[4], CultureInfo.InvariantCulture);
            var c = double.Parse(cells[5], CultureInfo.InvariantCulture);
            if (cells[2] == "0") wall = cpu = 0;
            yield return (w - wall, c - cpu);
            (wall, cpu) = (w, c);
        }
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;   // no bare loop for the identity-preserving design
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
