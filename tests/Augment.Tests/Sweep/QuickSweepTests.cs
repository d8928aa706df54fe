using Augment.Classifier;
using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Data.Splits;
using Augment.Sweep;
using Augment.Sweep.Gates;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using Augment.Torch;

namespace Augment.Tests.Sweep;

/// <summary>The whole sweep end to end (procedural faces -> ExprGAN -> quality gates -> ML.NET augmenter -> CNN) at a CI size.</summary>
public sealed class QuickSweepTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-quick-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void QuickSweepRunsEndToEndAndResumesFromItsCache()
    {
        var options = SweepDefaults.For("procedural", quick: true) with
        {
            Counts = [0, 96], Variants = [ClassicAugmentation.Off], ClassifierEpochs = 2, ClassifierSamplesPerEpoch = 128,
            Gate = new GeneratorGateOptions { Judge = new() { Epochs = 2 }, Evaluation = new() { IntensityLevels = 3 } },
        };
        var faces = new ProceduralFaces(SweepDefaults.Procedural(options) with { Identities = 12, ImagesPerExpression = 2 }, new FaceLoadOptions { Size = options.ImageSize });
        string outDir = Path.Combine(_dir, "out"), cache = Path.Combine(_dir, "cache");

        // A CI-sized GAN fails the quality gates: the sweep refuses before it renders (or scores) anything ...
        using (var backend = new FaceSweepBackend(options, faces.Load(out _), cache, DeviceKind.Cpu))
        {
            var refused = Assert.Throws<WeakGeneratorException>(() => new SweepRunner(options, backend, outDir, NullProgress.Instance).Run("test", fresh: false));
            Assert.Contains(GeneratorGate.OverrideOption, refused.Message);
            Assert.Empty(CellStore.Open(Path.Combine(outDir, "cells.csv"), backend.ClassNames, options.Hash(backend.DataHash)).Cells);
        }
        // ... and renders with it when told to, saying so in the summary.
        options = options with { Gate = options.Gate with { AllowWeakGenerator = true } };
        using (var backend = new FaceSweepBackend(options, faces.Load(out _), cache, DeviceKind.Cpu))
        {
            var store = new SweepRunner(options, backend, outDir, NullProgress.Instance).Run("test", fresh: false);
            Assert.Contains(GeneratorGate.OverrideOption, Assert.Single(backend.GeneratorGates).Value);
            Assert.Equal(3, store.Cells.Count);   // 0, then 96 pooled and 96 capped
            using var all = faces.Load(out _);
            CheckCells(store.Cells, all, options);
        }
        var generator = Directory.GetFiles(cache, "generator.exprgan", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(generator);
        foreach (var f in new[] { "cells.csv", "summary.csv", "summary.md", "accuracy.png", "confusion-0.png", "confusion-96-pooled.png", "confusion-96-capped.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Contains("- generator quality gates: the GAN of split 0: FAILED", File.ReadAllText(Path.Combine(outDir, "summary.md")));

        // A fresh run over the same data reuses the cached GAN instead of training another.
        using (var backend = new FaceSweepBackend(options, faces.Load(out _), cache, DeviceKind.Cpu))
            new SweepRunner(options, backend, outDir, NullProgress.Instance).Run("test", fresh: true);
        Assert.Equal(written, File.GetLastWriteTimeUtc(generator));
    }

    /// <summary>What the cells must hold, from the split, the options and the batch rule, computed here.</summary>
    static void CheckCells(IReadOnlyCollection<CellResult> cells, FaceSet all, SweepOptions options)
    {
        var split = SweepClasses.Splits(all, options)[0];
        var (train, test) = all.Split(split);
        var zero = cells.Single(c => c.Cell.Count == 0);
        foreach (var c in cells)
        {
            Assert.Equal((test.Count, train.Count), (c.TestImages, c.TrainRealImages));
            // Each row of the confusion matrix holds the test images of its true class, in class order.
            for (var k = 0; k < all.ClassCount; k++)
                Assert.Equal(test.Labels.Count(l => l == k), Enumerable.Range(0, all.ClassCount).Sum(p => c.Confusion[k, p]));
            var (accuracy, macroF1, perClass) = CellResult.Score(c.Confusion);
            Assert.Equal(accuracy, c.Accuracy, 6);   // as cells.csv keeps them: 6 decimals
            Assert.Equal(macroF1, c.MacroF1, 6);
            Assert.Equal(perClass.Select(v => Math.Round(v, 6)), c.PerClassAccuracy.Select(v => Math.Round(v, 6)));
            // The step budget: every cell sees epochs x rows per epoch rows, in the same number of steps.
            Assert.Equal((long)options.ClassifierEpochs * options.ClassifierSamplesPerEpoch, c.Classifier!.RealRowsSeen + c.Classifier.SyntheticRowsSeen);
            Assert.Equal(zero.Classifier!.Steps, c.Classifier.Steps);
        }
        Assert.Equal(0, zero.Classifier!.SyntheticRowsSeen);

        // Pooled: one stream over the 96 synthetic and the real rows, each seen once per pass, and the budget is one pass
        // and part of a second, so all 96 synthetic rows and at most as many again as the second part holds.
        var pooled = cells.Single(c => c.Cell.Mix == SyntheticMix.Pooled).Classifier!;
        var budget = options.ClassifierEpochs * options.ClassifierSamplesPerEpoch;
        var pass = train.Count + 96;
        Assert.True(budget > pass && budget < 2 * pass, $"the budget {budget} is not between one and two passes of {pass} rows");
        Assert.InRange(pooled.SyntheticRowsSeen, 96, 96 + Math.Min(96, budget - pass));
        // Capped: round(s x b) synthetic rows in every batch of b, s = min(cap, the data's synthetic share).
        var share = Math.Min(options.SyntheticShare, 96.0 / pass);
        var batch = new ExpressionCnnOptions().BatchSize;
        var perEpoch = Enumerable.Range(0, options.ClassifierSamplesPerEpoch / batch).Sum(_ => (long)Math.Round(share * batch, MidpointRounding.AwayFromZero));
        Assert.Equal(0, options.ClassifierSamplesPerEpoch % batch);
        Assert.Equal(options.ClassifierEpochs * perEpoch, cells.Single(c => c.Cell.Mix == SyntheticMix.Capped).Classifier!.SyntheticRowsSeen);

        // Count 0 is the real-only fit: the same classifier fitted apart from the sweep, with no generator, scores the same.
        using var alone = new FaceSplitRunner(options, train, test, null, zero.Cell.Seed, DeviceKind.Cpu);
        Assert.Equal(ConfusionText.Format(zero.Confusion), ConfusionText.Format(alone.Run(zero.Cell, NullProgress.Instance).Confusion));
    }
}
