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
/// Runs the cells of one (split, seed). The augmenter is fitted and its output cached once, for the largest count; each
/// count takes its first rows, so every variant (classic augmentation, pooled or capped) of a count trains on the very
/// same synthetic rows and a larger count adds rows to a smaller one's; the classifier's seed depends on the
/// classic variant only, so a capped or pooled cell starts from the weights and real-row order of its count-0 cell
/// (a paired comparison). Every cell gets the same step budget (epochs x rows per epoch), whatever its count.
/// </summary>
sealed class FaceSplitRunner(SweepOptions o, FaceSet train, FaceSet test, IExpressionGenerator? generator, int seed, DeviceKind device,
    GanPreparation? preparation = null) : ISplitRunner
{
    public GanPreparation Preparation { get; } = preparation ?? GanPreparation.None;

    readonly MLContext _ml = new(seed);
    IDataView? _rendered;

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

    /// <summary>
    /// The training view with <paramref name="count"/> synthetic rows: the first rows of one plan for the sweep's largest
    /// count, rendered once per (split, seed) by the ML.NET augmenter and cached, so the counts are nested (the 3K rows
    /// are the first 3K of the 6K, and so on) and a (split, seed) renders the largest count alone instead of every count.
    /// The rendering's seconds go to the cell that caused it, 0 to the others.
    /// </summary>
    internal (IDataView View, double Seconds) Augmented(int count, IProgressSink progress)
    {
        if (count == 0) return (train.ToDataView(_ml), 0);
        var largest = o.Counts.Max();
        if (count > largest) throw new ArgumentOutOfRangeException(nameof(count), $"Count {count} is above the sweep's largest count {largest}.");
        double seconds = 0;
        if (_rendered == null)
        {
            if (generator == null) throw new InvalidOperationException("Synthetic rows were asked for, but no generator was prepared.");
            var real = train.ToDataView(_ml);
            var clock = Stopwatch.StartNew();
            var augmenter = _ml.Transforms.AugmentWithExprGan(new ExprGanAugmentOptions
            {
                Generator = generator, SyntheticCount = largest, Layout = PixelLayout.FromRange(-1, 1),
                Intensity = IntensitySampler.Uniform(o.MinIntensity, o.MaxIntensity),
                Seed = Seeding.Derive(seed, "augment"), Device = device,
                Backend = o.Backend, OnnxThreads = o.Threads,
            }).Fit(real);
            // Cache, as AppendCacheCheckpoint would: generate once, read by every count, variant and classifier epoch.
            var view = _ml.Data.Cache(augmenter.Transform(real));
            var tracker = new ProgressTracker(progress, $"generating {largest} synthetic", train.Count + largest, "rows");
            using (var cursor = view.GetRowCursor(view.Schema))
                while (cursor.MoveNext())
                    if (cursor.Position % 256 == 0) tracker.Advance(Math.Min(256, train.Count + largest - cursor.Position));
            seconds = clock.Elapsed.TotalSeconds;
            _rendered = view;
        }
        // The augmenter yields the input's rows first, then the plan's rows in order.
        return (count == largest ? _rendered : _ml.Data.TakeRows(_rendered, train.Count + count), seconds);
    }

    public void Dispose()
    {
        train.Dispose();
        test.Dispose();
        generator?.Dispose();
    }
}
