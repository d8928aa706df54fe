using System.Diagnostics;
using Augment.Core;
using Augment.Data;
using Augment.ExprGan.Model;
using Augment.Identity;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>Where a training run wrote its files.</summary>
public sealed record ExprGanRunFiles(string Directory)
{
    public string Checkpoint => Path.Combine(Directory, "training.ckpt");
    public string Generator => Path.Combine(Directory, "generator.exprgan");
    /// <summary>With a generator average, the last step's weights beside it (the same run read both ways).</summary>
    public string LastStepGenerator => Path.Combine(Directory, "generator-last-step.exprgan");
    public string Losses => Path.Combine(Directory, "losses.csv");
    /// <summary>The frozen expression guide of a run with the guide term (ExpressionGuide), read back on resume.</summary>
    public string Guide => Path.Combine(Directory, "guide.pt");
    public string LossPlot => Path.Combine(Directory, "losses.png");
    /// <summary>The generator as it stood after stage 3's epoch <paramref name="epoch"/> (0-based; ExprGanTrainingOptions.SnapshotEvery).</summary>
    public string Snapshot(int epoch) => Path.Combine(Directory, SnapshotFolder, $"generator-stage3-epoch{epoch + 1:000}.exprgan");
    public const string SnapshotFolder = "snapshots";
    public string Grid(int stage, int epoch) => Path.Combine(Directory, "grids", $"stage{stage}-epoch{epoch + 1:000}.png");
}

/// <summary>One finished epoch, as reported to <see cref="ExprGanTrainer.EpochCompleted"/>.</summary>
public sealed record EpochSummary(int Stage, int Epoch, int Steps, double Seconds, double ImagesPerSecond, StepLosses Mean);

/// <summary>
/// Trains ExprGAN in the paper's three stages (1 controller learning, 2 image reconstruction, 3 refining) on a
/// FaceSet, one step each of D_img, D_z and G per batch. Checkpoints atomically after every epoch; a resumed run
/// continues from the last finished epoch and reproduces the uninterrupted run (per-epoch seeded randomness).
/// </summary>
public sealed class ExprGanTrainer : IDisposable
{
    readonly ExprGanArchitecture arch;
    readonly ExprGanTrainingOptions options;
    readonly Device device;
    readonly IIdentityNetwork? identity;
    readonly IProgressSink progress;
    ExprGanNetworks? nets;
    GeneratorAverage? average;

    public ExprGanTrainer(ExprGanArchitecture architecture, ExprGanTrainingOptions options, string outputDirectory,
        Device device, IIdentityNetwork? identity = null, IProgressSink? progress = null, string? preset = null)
    {
        arch = architecture.Validated();
        this.options = options.Validated();
        this.device = device;
        this.identity = identity;
        this.progress = progress ?? NullProgress.Instance;
        Preset = preset;
        Files = new ExprGanRunFiles(Path.GetFullPath(outputDirectory));
    }

    public ExprGanRunFiles Files { get; }

    /// <summary>Whether every convolution of this training is on oneDNN's blocks (the networks' widths, and no identity
    /// network, whose layers are not checked), so that it may run inside <see cref="ConvolutionGuard.AlignedScope"/>.</summary>
    public bool ConvolutionsAligned => arch.ConvolutionsAligned && identity is null;

    public string? Preset { get; }

    /// <summary>The networks being trained (after <see cref="Train"/> has started).</summary>
    public ExprGanNetworks Networks => nets ?? throw new InvalidOperationException("Training has not started.");

    /// <summary>Raised once the expression guide is trained (not when read back on resume), with its training accuracy.</summary>
    public event Action<double>? GuideTrained;

    /// <summary>Raised after each epoch's checkpoint is written.</summary>
    public event Action<EpochSummary>? EpochCompleted;

    /// <summary>
    /// Trains on the set (images must be N x Channels x ImageSize x ImageSize). With resume, continues the checkpoint
    /// in the output folder if there is one; without, refuses to overwrite one. Returns the generator file's path.
    /// </summary>
    public string Train(FaceSet set, bool resume = false, CancellationToken cancel = default)
    {
        CheckSet(set);
        // On a CPU where oneDNN is wrong off its channel blocks, aligned networks still train on it (about 3x ATen's speed).
        using var oneDnn = ConvolutionGuard.AlignedScope(ConvolutionsAligned);
        Directory.CreateDirectory(Files.Directory);
        var hash = set.ContentHash();
        var completed = new int[ExprGanTrainingOptions.Stages];
        nets?.Dispose();
        average?.Dispose();
        average = null;
        nets = ExprGanNetworks.Create(arch, set.ClassNames, device, options.Seed);
        nets.Generator.SetTrainingSetHash(hash);
        BinaryReader? checkpoint = null;
        var checkpointStage = 0;
        if (File.Exists(Files.Checkpoint))
        {
            if (!resume) throw new InvalidOperationException($"'{Files.Directory}' already holds a training checkpoint: resume it or choose another output folder.");
            var (header, reader) = TrainingCheckpoint.Open(Files.Checkpoint);
            checkpoint = reader;
            TrainingCheckpoint.CheckCompatible(Files.Checkpoint, header, arch, set.ClassNames, hash, options);
            TrainingCheckpoint.ReadWeights(Files.Checkpoint, reader, nets);
            if (TrainingCheckpoint.HasAverage(header))
            {
                average = GeneratorAverage.Start(nets.Generator, options.GeneratorAverageDecay!.Value);
                TrainingCheckpoint.ReadAverage(Files.Checkpoint, reader, average);
            }
            completed = header.CompletedEpochs.ToArray();
            checkpointStage = header.Stage;
            CheckEpochsCanResume(completed);
        }
        using var log = checkpoint != null ? LossLog.Resume(Files.Losses, completed) : LossLog.Create(Files.Losses);
        using var classWeights = options.BalanceClasses
            ? tensor([.. ExprGanTrainingOptions.ClassWeights(set.Labels, set.ClassCount), 1f], device: device)   // + the "edit" class
            : null;
        var images = OnDevice(set.Images);
        using var labels = tensor(set.Labels.Select(l => (long)l).ToArray(), device: device);
        using var guide = options.GuideWeight > 0 ? Guide(images, labels, resumed: checkpoint != null, cancel) : null;
        using var step = new ExprGanStep(nets, identity, options, classWeights, guide);
        using var intensities = options.UsesIntensityLabels ? tensor(LabelledIntensities(set), device: device) : null;
        // The paired term's intensities: the labelled ones where the set has them, else 1 (peak frames).
        var partners = options.PairedWeight > 0 ? SubjectPartners.For(set, set.Intensities is null ? null : LabelledIntensities(set)) : null;
        var preview = PreviewIndices(set.Count);
        try
        {
            for (var stage = 1; stage <= ExprGanTrainingOptions.Stages; stage++)
            {
                var epochs = options.Epochs[stage - 1];
                if (completed[stage - 1] >= epochs) continue;
                step.BeginStage(stage);
                if (checkpoint != null && checkpointStage == stage) TrainingCheckpoint.ReadOptimizers(Files.Checkpoint, checkpoint, step);
                checkpoint?.Dispose();
                checkpoint = null;
                if (options.AveragesIn(stage)) average ??= GeneratorAverage.Start(nets.Generator, options.GeneratorAverageDecay!.Value);
                RunStage(stage, set, images, labels, intensities, partners, step, log, completed, hash, preview, cancel);
            }
        }
        finally
        {
            checkpoint?.Dispose();
            if (!ReferenceEquals(images, set.Images)) images.Dispose();
        }
        SaveGenerator(Files.Generator);
        if (average != null) nets.Generator.Save(Files.LastStepGenerator, nets.ImageDiscriminator, nets.Regularizer);
        return Files.Generator;
    }

    void RunStage(int stage, FaceSet set, Tensor images, Tensor labels, Tensor? intensities, SubjectPartners? partners, ExprGanStep step, LossLog log, int[] completed,
        string hash, int[] preview, CancellationToken cancel)
    {
        var batch = Math.Min(options.BatchSize, set.Count);
        var batches = set.Count / batch;
        var epochs = options.Epochs[stage - 1];
        var tracker = new ProgressTracker(progress, $"ExprGAN stage {stage} ({ExprGanTrainingOptions.StageName(stage)})",
            (long)(epochs - completed[stage - 1]) * batches, "img");
        nets!.Train(true);
        for (var epoch = completed[stage - 1]; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var cpu0 = Environment.CpuUsage.TotalTime;
            var epochSeed = Seeding.Derive(options.Seed, "exprgan", stage, epoch);
            var rng = new Random(epochSeed);
            using var gen = new Generator((ulong)epochSeed, CPU);
            var order = Enumerable.Range(0, set.Count).ToArray();
            rng.Shuffle(order);
            var sums = new double[StepLosses.Columns.Length];
            var counts = new int[sums.Length];
            for (var b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var idx = order.AsSpan(b * batch, batch).ToArray();
                var flips = idx.Select(_ => rng.NextDouble() < options.FlipProbability).ToArray();
                var (x, y) = Batch(images, labels, idx, flips);
                // Partners are drawn only when the term is on, so runs without it keep their random sequence.
                var paired = partners != null && stage >= 2 ? Partners(partners, idx, flips, rng, images, labels) : null;
                step.SetLearningRate(options.LearningRateAt(stage, (long)epoch * batches + b, (long)epochs * batches));
                var losses = step.Run(x, y, gen, intensities?.index_select(0, tensor(idx.Select(i => (long)i).ToArray(), device: intensities.device)), paired);
                average?.Update();
                var values = losses.Values();
                for (var i = 0; i < values.Length; i++)
                    if (!float.IsNaN(values[i])) { sums[i] += values[i]; counts[i]++; }
                log.Append(new LossRow(stage, epoch, b, (long)(b + 1) * batch, clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds, losses));
                tracker.Advance(1, batch, $"epoch {epoch + 1}/{epochs} step {b + 1}/{batches} {losses.Summary()}");
            }
            completed[stage - 1] = epoch + 1;
            // Before the checkpoint: a run killed between the two redoes the epoch and writes the snapshot again.
            if (options.SnapshotsAfter(stage, epoch)) SaveGenerator(Files.Snapshot(epoch));
            var header = new TrainingHeader(arch, set.ClassNames.ToArray(), hash, set.Count, options, completed.ToArray(), stage, Preset,
                TrainingCheckpoint.RandomScheme);
            TrainingCheckpoint.Write(Files.Checkpoint, header, nets, step, average);
            using (var scope = NewDisposeScope())
                TrainingPreview.Save(Files.Grid(stage, epoch), nets, images.index_select(0, tensor(preview.Select(i => (long)i).ToArray(), device: device)),
                    preview.Select(i => set.Labels[i]).ToArray(), set.ClassNames, stage, epoch, options.Seed);
            var seconds = clock.Elapsed.TotalSeconds;
            var mean = sums.Select((s, i) => counts[i] > 0 ? (float)(s / counts[i]) : float.NaN).ToArray();
            EpochCompleted?.Invoke(new EpochSummary(stage, epoch, batches, seconds, batches * batch / seconds,
                StepLosses.FromValues(mean)));
        }
    }

    /// <summary>Writes the generator the run hands on: the average when there is one, else the live weights.</summary>
    void SaveGenerator(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        (average?.Generator ?? nets!.Generator).Save(path, nets!.ImageDiscriminator, nets.Regularizer);
    }

    /// <summary>The run's expression guide: read back when resuming a run that wrote one, else trained and written.</summary>
    ExpressionGuide Guide(Tensor images, Tensor labels, bool resumed, CancellationToken cancel)
    {
        if (resumed && File.Exists(Files.Guide)) return ExpressionGuide.Load(arch, Files.Guide, device);
        var guide = ExpressionGuide.Train(arch, images, labels, options.Seed, device, cancel);
        guide.Save(Files.Guide);
        GuideTrained?.Invoke(guide.TrainingAccuracy);
        return guide;
    }

    /// <summary>The set's intensity labels, refused when it has none or they leave [0, 1].</summary>
    static float[] LabelledIntensities(FaceSet set)
    {
        if (set.Intensities is not { } values)
            throw new ArgumentException($"{set.Name}: training at the labelled intensity (reconstructing or classifying) needs intensity labels, and this data set has none " +
                "(the procedural faces have them; CK+ peak frames are intensity 1: train without the option).");
        if (values.Any(v => !(v >= 0 && v <= 1)))
            throw new ArgumentException($"{set.Name}: intensity labels must lie in [0, 1]; found {values.First(v => !(v >= 0 && v <= 1))}.");
        return values;
    }

    /// <summary>The paired term's targets for a batch: each face's drawn partner (the face itself, marked absent, where
    /// its subject has no other image), flipped as the face is.</summary>
    static PairedFaces Partners(SubjectPartners partners, int[] idx, bool[] flips, Random rng, Tensor images, Tensor labels)
    {
        var drawn = partners.Draw(idx, rng);
        var chosen = drawn.Select((p, k) => p >= 0 ? p : idx[k]).ToArray();
        var (x, y) = Batch(images, labels, chosen, flips);
        var intensities = tensor(chosen.Select(partners.IntensityOf).ToArray(), device: images.device);
        var present = tensor(drawn.Select(p => p >= 0 ? 1f : 0f).ToArray(), device: images.device);
        return new PairedFaces(x, y, intensities, present);
    }

    /// <summary>The batch's images (horizontally flipped where asked) and labels.</summary>
    internal static (Tensor X, Tensor Y) Batch(Tensor images, Tensor labels, int[] idx, bool[] flips)
    {
        var index = tensor(idx.Select(i => (long)i).ToArray(), device: images.device);
        var x = images.index_select(0, index);
        if (flips.Any(f => f))
        {
            var mask = tensor(flips, device: images.device).reshape(idx.Length, 1, 1, 1);
            x = where(mask, x.flip(3), x);
        }
        return (x, labels.index_select(0, index));
    }

    /// <summary>The set's images on the training device (the set's own tensor when already there; never disposed here).</summary>
    Tensor OnDevice(Tensor t) => t.On(device);

    int[] PreviewIndices(int count)
    {
        var n = Math.Min(options.GridImages, count);
        return Enumerable.Range(0, n).Select(i => (int)((long)i * count / n)).ToArray();
    }

    void CheckSet(FaceSet set)
    {
        if (set.Channels != arch.Channels || set.Height != arch.ImageSize || set.Width != arch.ImageSize)
            throw new ArgumentException($"Training set '{set.Name}' holds {set.Channels} x {set.Height} x {set.Width} images; " +
                $"the model takes {arch.Channels} x {arch.ImageSize} x {arch.ImageSize} (resize the set or pick another preset).");
        if (set.ClassCount != arch.Classes)
            throw new ArgumentException($"Training set '{set.Name}' has {set.ClassCount} classes; the model has {arch.Classes}.");
        if (set.Count < 2) throw new ArgumentException($"Training set '{set.Name}' has {set.Count} images; at least 2 are needed.");
    }

    void CheckEpochsCanResume(int[] completed)
    {
        for (var s = 0; s < completed.Length; s++)
            for (var later = s + 1; later < completed.Length; later++)
                if (completed[later] > 0 && options.Epochs[s] > completed[s])
                    throw new InvalidOperationException($"The checkpoint has already started stage {later + 1}; stage {s + 1} cannot grow from " +
                        $"{completed[s]} to {options.Epochs[s]} epochs now.");
    }

    public void Dispose()
    {
        average?.Dispose();
        nets?.Dispose();
    }
}
