using Augment.Core;
using Augment.Data.Loading;
using Augment.Data.Procedural;
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
        var faces = new ProceduralFaces(SweepDefaults.Procedural(quick: true) with { Identities = 12, ImagesPerExpression = 2 }, new FaceLoadOptions { Size = options.ImageSize });
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
            Assert.Contains(GeneratorGate.OverrideOption, Assert.Single(backend.GeneratorGates));
            Assert.Equal(3, store.Cells.Count);   // 0, then 96 pooled and 96 capped
            foreach (var synthetic in store.Cells.Where(c => c.Cell.Count == 96))
            {
                Assert.Equal(96, synthetic.TrainSyntheticImages);
                Assert.InRange(synthetic.Accuracy, 0, 1);
                Assert.Equal(synthetic.TestImages, synthetic.Confusion.Cast<int>().Sum());
            }
            var capped = store.Cells.Single(c => c.Cell.Mix == SyntheticMix.Capped).Classifier!;
            Assert.InRange(capped.SyntheticShareSeen, 0.3, options.SyntheticShare);   // 96 synthetic of 204 rows: under the cap
            Assert.Equal(store.Cells.Single(c => c.Cell.Count == 0).Classifier!.Steps, capped.Steps);
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
}
