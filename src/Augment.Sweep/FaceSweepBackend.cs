using System.Diagnostics;
using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Splits;
using Augment.Evaluation.Reports;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using Augment.Sweep.Plan;
using Augment.Torch;
using Microsoft.ML;
using TorchSharp;

namespace Augment.Sweep;

/// <summary>
/// The real sweep: a face data set split by subject, one ExprGAN per split trained on the training subjects (seed
/// <see cref="SweepOptions.GanSeed"/>; cached under <c>cacheDirectory</c> in a folder named by the hash of everything
/// that decides its weights, resumable, loaded back with the architecture check), its quality gates checked once per
/// split, and per cell an ML.NET pipeline augmenter (training scope) -> CNN classifier, scored on the held-out subjects.
/// Seeds vary the classifier and the synthetic plan, not the GAN.
/// </summary>
public sealed partial class FaceSweepBackend : ISweepBackend, IDisposable
{
    readonly SweepOptions _o;
    readonly FaceSet _set;
    readonly IReadOnlyList<SplitResult> _splits;
    readonly string _cache;
    readonly torch.Device _device;
    readonly DeviceKind _deviceKind;
    readonly ExprGanPreset _preset;
    /// <summary>Each split's GAN cache folder, computed once (it hashes the split's training side).</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _gansBySplit = new();

    public FaceSweepBackend(SweepOptions options, FaceSet set, string cacheDirectory, DeviceKind device)
    {
        _o = options;
        _set = set;
        _cache = cacheDirectory;
        _deviceKind = device;
        _device = DeviceChoice.Resolve(device);
        _preset = ExprGanPreset.Get(options.GanPreset);
        // The size is decided in the options (the GAN's architecture reads it there); the data must have been read at it.
        if (set.Height != options.ImageSize || set.Width != options.ImageSize)
            throw new ArgumentException($"{set.Name}: the sweep's images are {options.ImageSize}x{options.ImageSize}, got {set.Width}x{set.Height} (load with SweepDefaults.Data).");
        _splits = SweepClasses.Splits(set, options);
        foreach (var s in _splits) SubjectSplitter.Verify(set, s);
        DataHash = set.ContentHash();
    }

    public IReadOnlyList<string> ClassNames => _set.ClassNames;
    public int SplitCount => _splits.Count;
    public string DataHash { get; }
    public string DatasetDescription => $"{_set.Name}, {_set.Count} images, {_set.ClassCount} classes, {_set.Subjects.Distinct().Count()} subjects, {_set.Width}x{_set.Height}x{_set.Channels}";
    public string SplitDescription => string.Join("; ", _splits.Select(s => s.ToString()));
    public string GanDescription => $"ExprGAN preset '{_preset.Name}' ({_preset.Design}) at {_set.Width}x{_set.Height}, one per split (seed {_o.GanSeed}), " +
        $"epochs per stage {string.Join("/", _o.GanEpochs)}, identity loss: {(_preset.UsesIdentityNetwork ? "ResNet18 stem+layer1+layer2" : "none (the design keeps the input)")}";
    public string ClassifierDescription => $"ExpressionCnn '{_o.ClassifierPreset}', {_o.ClassifierEpochs} epochs x {_o.ClassifierSamplesPerEpoch} rows in every cell " +
        $"(the same step budget whatever the count and variant), no validation split; synthetic intensities U[{_o.MinIntensity}, {_o.MaxIntensity}], balanced target classes; " +
        $"counts nested: each (split, seed) renders one plan of {_o.Counts.Max()} rows and each count takes its first rows";

    public ISplitRunner Prepare(int split, int seed, IProgressSink progress)
    {
        var (train, test) = _set.Split(_splits[split]);
        if (!_o.Counts.Any(c => c > 0)) return new FaceSplitRunner(_o, train, test, null, seed, _deviceKind);
        var (generator, source, folder) = TrainOrLoadGenerator(train, progress);
        var gates = Stopwatch.StartNew();
        CheckGates(generator, folder, train, test, split, progress);
        return new FaceSplitRunner(_o, train, test, generator, seed, _deviceKind, new GanPreparation(source, gates.Elapsed.TotalSeconds));
    }

    public double GanWork(int split, int seed)
    {
        // One GAN per split, trained when the split's first seed is prepared.
        if (!_o.Counts.Any(c => c > 0) || seed != _o.Seeds[0]) return 0;
        var (train, test) = _set.Split(_splits[split]);
        using (train)
        using (test)
        {
            var plan = PlanGan(train);
            return File.Exists(new ExprGanRunFiles(CacheFolder(plan)).Generator) ? 0
                : (double)train.Count * _o.GanEpochs.Sum() * RelativeGanCost(plan.Architecture, _preset.UsesIdentityNetwork);
        }
    }

    /// <summary>
    /// A GAN's cost per image-epoch relative to the one the ETA's prior was measured on (ip-small at 32 px,
    /// <see cref="Progress.CostModel"/>), by their training FLOPs: without it the ETA counted an image-epoch of the
    /// 48 px ip-skip-avg as cheap as one of ip-small, and its first estimate of a 5-fold CK+48 sweep was a third of
    /// the time it took.
    /// </summary>
    internal static double RelativeGanCost(ExprGanArchitecture architecture, bool identityNetwork) =>
        Augment.ExprGan.Cost.ExprGanLayers.TrainingFlopsPerImage(architecture, identityNetwork) / ReferenceGanFlops.Value;

    /// <summary>A synthetic image's cost relative to the ETA's prior generator (ip-small at 32 px), by the generators'
    /// forward FLOPs: without it the 48 px GAN's measured render rate looked ten times slow, and the ETA scaled every
    /// kind of work not yet measured by it.</summary>
    public double RenderCost => _renderCost ??= RelativeRenderCost(_preset.Architecture(_set.Channels, _set.ClassCount) with { ImageSize = _o.ImageSize });

    double? _renderCost;

    internal static double RelativeRenderCost(ExprGanArchitecture architecture) =>
        Augment.ExprGan.Cost.ExprGanLayers.GeneratorFlopsPerImage(architecture) / ReferenceGeneratorFlops.Value;

    static readonly Lazy<double> ReferenceGeneratorFlops = new(() => Augment.ExprGan.Cost.ExprGanLayers.GeneratorFlopsPerImage(ReferenceArchitecture));

    static ExprGanArchitecture ReferenceArchitecture => ExprGanPreset.IdentityPreservingSmall.Architecture(1, 6) with { ImageSize = 32 };

    static readonly Lazy<double> ReferenceGanFlops = new(() => Augment.ExprGan.Cost.ExprGanLayers.TrainingFlopsPerImage(
        ReferenceArchitecture, ExprGanPreset.IdentityPreservingSmall.UsesIdentityNetwork));

    /// <summary>The cache key of a split's GAN (its training side's content included: another subset, another key).</summary>
    internal string GanKey(int split) => PlanGanOf(split).Key();

    GanPlan PlanGan(FaceSet train)
    {
        var arch = _preset.Architecture(train.Channels, train.ClassCount) with { ImageSize = _o.ImageSize };
        var options = _preset.TrainingOptions([.. _o.GanEpochs], _o.GanSeed);
        // The thread count is part of the plan: libtorch's float sums, hence the trained GAN, depend on it.
        return new GanPlan(_preset.Name, arch, options, _preset.UsesIdentityNetwork ? "resnet18 stem,layer1,layer2" : "none", _o.Threads, train.ContentHash());
    }

    string CacheFolder(GanPlan plan) => Path.Combine(_cache, $"{plan.Preset}-{plan.Key()}");

    /// <summary>Held by the process training a cached GAN: sweeps of other processes sharing the cache wait for it
    /// instead of training the same GAN (or writing the same checkpoint) at once.</summary>
    static string TrainingLock(string cacheFolder) => cacheFolder + ".lock";

    public bool GanBusy(int split)
    {
        if (!_o.Counts.Any(c => c > 0)) return false;
        var folder = _gansBySplit.GetOrAdd(split, s => CacheFolder(PlanGanOf(s)));
        return !File.Exists(new ExprGanRunFiles(folder).Generator) && FileLock.IsHeld(TrainingLock(folder));
    }

    GanPlan PlanGanOf(int split)
    {
        var (train, test) = _set.Split(_splits[split]);
        using (train)
        using (test)
            return PlanGan(train);
    }

    (IExpressionGenerator Generator, GanSource Source, string Folder) TrainOrLoadGenerator(FaceSet train, IProgressSink progress)
    {
        var plan = PlanGan(train);
        var files = new ExprGanRunFiles(CacheFolder(plan));
        using var training = FileLock.Acquire(TrainingLock(files.Directory),
            () => progress.Report(new ProgressSnapshot("GAN", 0, 1, 0, TimeSpan.Zero, null, "", $"waiting: another process is training {files.Directory}")));
        var source = File.Exists(files.Generator) ? GanSource.Cached : File.Exists(files.Checkpoint) ? GanSource.Resumed : GanSource.Trained;
        if (source != GanSource.Cached)
        {
            using var phi = plan.Identity == "none" ? null
                : IdentityNetworks.Create(new IdentityNetworkOptions { Layers = ["stem", "layer1", "layer2"] }, _device);
            using var trainer = new ExprGanTrainer(plan.Architecture, plan.Options, files.Directory, _device, phi, progress, _preset.Name);
            trainer.Train(train, resume: File.Exists(files.Checkpoint));
            LossPlot.Save(files.Losses, files.LossPlot);
        }
        var generator = ExprGanGenerator.Load(files.Generator, _device, plan.Architecture, train.ClassNames);
        if (generator.TrainingSetHash != plan.TrainingSet)
        {
            generator.Dispose();
            throw new InvalidDataException($"'{files.Generator}' was trained on another training set than this split's: delete the folder to retrain.");
        }
        return (generator, source, files.Directory);
    }

    public void Dispose() => _set.Dispose();
}
