using System.Diagnostics;
using Augment.Augmentation;
using Augment.Classifier;
using Augment.Core;
using Augment.Data;
using Augment.ExprGan;
using Augment.Sweep.Plan;
using Augment.Torch;
using Microsoft.ML;

namespace Augment.Sweep;

/// <summary>
/// Runs the cells of one (split, seed). The augmenter is fitted and its output cached once per count, so every variant
/// (classic augmentation, pooled or capped) trains on the very same synthetic rows; the classifier's seed depends on the
/// classic variant only, so a capped or pooled cell starts from the weights and real-row order of its count-0 cell
/// (a paired comparison). Every cell gets the same step budget (epochs x rows per epoch), whatever its count.
/// </summary>
sealed class FaceSplitRunner(SweepOptions o, FaceSet train, FaceSet test, IExpressionGenerator? generator, int seed, DeviceKind device,
    GanPreparation? preparation = null) : ISplitRunner
{
    public GanPreparation Preparation { get; } = preparation ?? GanPreparation.None;

    readonly MLContext _ml = new(seed);
    (int Count, IDataView View, double Seconds)? _augmented;

    public CellMeasurement Run(SweepCell cell, IProgressSink progress)
    {
        var (trainView, generationSeconds) = Augmented(cell.Count, progress);
        var cnn = _ml.MulticlassClassification.Trainers.ExpressionCnn(new ExpressionCnnOptions
        {
            Channels = train.Channels, Height = train.Height, Width = train.Width,
            Architecture = CnnArchitecture.Parse(o.ClassifierPreset),
            Epochs = o.ClassifierEpochs, SamplesPerEpoch = o.ClassifierSamplesPerEpoch,
            Augment = cell.Variant == ClassicAugmentation.FlipsAndShifts,
            // Capped: at most SyntheticShare of each batch from the rows the augmenter marks IsSynthetic. Pooled: no cap (the
            // column only lets the fit count the synthetic rows it saw; with no validation split it changes nothing else).
            SyntheticColumnName = cell.Count > 0 ? AugmentedColumns.IsSynthetic : null,
            SyntheticShare = cell.Mix == SyntheticMix.Capped ? o.SyntheticShare : null,
            ValidationFraction = 0,   // fixed epochs: a validation split would mix synthetic rows into model selection
            Seed = Seeding.Derive(seed, "classifier", cell.Variant), Device = device, Progress = progress,
        });
        var clock = Stopwatch.StartNew();
        using var model = cnn.Fit(trainView);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test.ToDataView(_ml)));
        var counts = metrics.ConfusionMatrix.Counts;
        int k = train.ClassCount;
        var confusion = new int[k, k];
        for (int r = 0; r < Math.Min(k, counts.Count); r++)
            for (int c = 0; c < Math.Min(k, counts[r].Count); c++) confusion[r, c] = (int)counts[r][c];
        var run = new ClassifierRun(model.Training.Steps, model.Training.RealRowsSeen, model.Training.SyntheticRowsSeen);
        return new CellMeasurement(confusion, test.Count, train.Count, cell.Count, trainSeconds, generationSeconds, run);
    }

    /// <summary>The training view with <paramref name="count"/> synthetic rows appended by the ML.NET augmenter.</summary>
    (IDataView View, double Seconds) Augmented(int count, IProgressSink progress)
    {
        if (count == 0) return (train.ToDataView(_ml), 0);
        if (_augmented is { } a && a.Count == count) return (a.View, a.Seconds);
        if (generator == null) throw new InvalidOperationException("Synthetic rows were asked for, but no generator was prepared.");
        _augmented = null;
        var real = train.ToDataView(_ml);
        var clock = Stopwatch.StartNew();
        var augmenter = _ml.Transforms.AugmentWithExprGan(new ExprGanAugmentOptions
        {
            Generator = generator, SyntheticCount = count, Layout = PixelLayout.FromRange(-1, 1),
            Intensity = IntensitySampler.Uniform(o.MinIntensity, o.MaxIntensity),
            Seed = Seeding.Derive(seed, "augment", count), Device = device,
            Backend = o.Backend, OnnxThreads = o.Threads,
        }).Fit(real);
        // Cache, as AppendCacheCheckpoint would: generate once, read by every classifier epoch and both variants.
        var view = _ml.Data.Cache(augmenter.Transform(real));
        var tracker = new ProgressTracker(progress, $"generating {count} synthetic", train.Count + count, "rows");
        using (var cursor = view.GetRowCursor(view.Schema))
            while (cursor.MoveNext())
                if (cursor.Position % 256 == 0) tracker.Advance(Math.Min(256, train.Count + count - cursor.Position));
        var seconds = clock.Elapsed.TotalSeconds;
        _augmented = (count, view, seconds);
        return (view, seconds);
    }

    public void Dispose()
    {
        train.Dispose();
        test.Dispose();
        generator?.Dispose();
    }
}
