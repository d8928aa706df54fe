using Augment.Core;
using Augment.Data.Procedural;
using Augment.Sweep;
using Augment.Sweep.Plan;

namespace Augment.Tests.Sweep;

/// <summary>The whole sweep end to end (procedural faces -> ExprGAN -> ML.NET augmenter -> CNN) at a CI size.</summary>
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
        var options = SweepDefaults.For("procedural", quick: true) with { Counts = [0, 96], Variants = [ClassicAugmentation.Off], ClassifierEpochs = 2, ClassifierSamplesPerEpoch = 128 };
        var faces = new ProceduralFaces(SweepDefaults.Procedural(quick: true, options.ImageSize, seed: 1, rgb: false) with { Identities = 12, ImagesPerExpression = 2 });
        string outDir = Path.Combine(_dir, "out"), cache = Path.Combine(_dir, "cache");

        using (var backend = new FaceSweepBackend(options, faces.Load(out _), cache, DeviceKind.Cpu))
        {
            var store = new SweepRunner(options, backend, outDir, NullProgress.Instance).Run("test", fresh: false);
            Assert.Equal(2, store.Cells.Count);
            var synthetic = store.Cells.Single(c => c.Cell.Count == 96);
            Assert.Equal(96, synthetic.TrainSyntheticImages);
            Assert.InRange(synthetic.Accuracy, 0, 1);
            Assert.Equal(synthetic.TestImages, synthetic.Confusion.Cast<int>().Sum());
        }
        var generator = Directory.GetFiles(cache, "generator.exprgan", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(generator);
        foreach (var f in new[] { "cells.csv", "summary.csv", "summary.md", "accuracy.png", "confusion-0.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);

        // A fresh run over the same data reuses the cached GAN instead of training another.
        using (var backend = new FaceSweepBackend(options, faces.Load(out _), cache, DeviceKind.Cpu))
            new SweepRunner(options, backend, outDir, NullProgress.Instance).Run("test", fresh: true);
        Assert.Equal(written, File.GetLastWriteTimeUtc(generator));
    }
}
