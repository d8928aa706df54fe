using Augment.Augmentation;
using Augment.Classifier;
using Microsoft.ML;
using Microsoft.ML.Data;
using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Data.Splits;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using Augment.Tests.Evaluation;
using Augment.Torch;

namespace Augment.Tests.Sweep;

/// <summary>Issue 14 items 2 and 4: pooled and capped synthetic rows as a sweep dimension, paired against one set of
/// count-0 runs, with the paired differences' 95% t interval in summary.md and summary.csv.</summary>
public sealed class SyntheticVariantTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-variants-" + Guid.NewGuid().ToString("N"));
    static readonly SweepOptions Options = new()
    {
        Counts = [0, 3000], Seeds = [1, 2], Variants = [ClassicAugmentation.Off], Synthetic = [SyntheticMix.Pooled, SyntheticMix.Capped],
    };

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>'anger' images right (of 10) per (split, seed): 4, 5, 6, 7 at count 0; pooled adds 1, 2, 0, 1 and capped
    /// 0, 0, 1, -1 on the same runs.</summary>
    static int AngerRight(SweepCell c)
    {
        int run = 2 * c.Split + (c.Seed - 1);
        int[] pooled = [1, 2, 0, 1], capped = [0, 0, 1, -1];
        return 4 + run + c.Mix switch { SyntheticMix.Pooled => pooled[run], SyntheticMix.Capped => capped[run], _ => 0 };
    }

    [Fact]
    public void PooledAndCappedArePairedAgainstTheSameCountZeroRuns()
    {
        var backend = new FakeBackend(angerRight: AngerRight);
        var store = new SweepRunner(Options, backend, _dir, NullProgress.Instance).Run("test", fresh: false);

        // Count 0 is trained once per (split, seed), not once per variant.
        Assert.Equal(4 * 3, store.Cells.Count);
        Assert.Equal(4, backend.Ran.Count(c => c.Count == 0));
        Assert.All(backend.Ran.Where(c => c.Count == 0), c => Assert.Equal(SyntheticMix.None, c.Mix));

        // Pooled differences in points: 3.33, 6.67, 0, 3.33. Mean 3.333, sd sqrt(2/3) x 3.333 = 2.722, se 1.361,
        // t(0.975, 3) = 3.1824 -> half width 4.331: [-1.00, +7.66]. Capped: 0, 0, 3.33, -3.33 -> mean 0, the same half width.
        var md = File.ReadAllText(Path.Combine(_dir, "summary.md"));
        Assert.Contains("Δ accuracy vs 0, paired by (split, seed) (points)", md);
        Assert.Contains("| 0 | real only | 85.00 ± 4.30 |", md);
        Assert.Contains("| +3.33 | [-1.00, +7.66] | 4 |", md);
        Assert.Contains("| +0.00 | [-4.33, +4.33] | 4 |", md);
        Assert.Matches(@"\| 3K \| pooled \| [^\n]*\| 78\.47 \|", md);         // the paper's row: pooled, as the paper did
        Assert.Matches(@"\| 3K \| capped at 50% \| [^\n]*\| – \|", md);

        var csv = File.ReadAllLines(Path.Combine(_dir, "summary.csv")).Select(l => l.Split(',')).ToList();
        var header = csv[0].ToList();
        string[] Row(string mix) => csv.Single(r => r[0] == "3000" && r[header.IndexOf("synthetic")] == mix);
        string Field(string[] row, string column) => row[header.IndexOf(column)];
        Assert.Equal(["3.33", "-1.00", "7.66", "4"], new[] { "diff_vs_0_mean", "diff_vs_0_ci95_lower", "diff_vs_0_ci95_upper", "diff_vs_0_pairs" }.Select(c => Field(Row("pooled"), c)));
        Assert.Equal(["0.00", "-4.33", "4.33", "4"], new[] { "diff_vs_0_mean", "diff_vs_0_ci95_lower", "diff_vs_0_ci95_upper", "diff_vs_0_pairs" }.Select(c => Field(Row("capped"), c)));
        Assert.Equal("0.5", Field(Row("capped"), "synthetic_share_cap"));
        Assert.Equal("78.47", Field(Row("pooled"), "paper_oulu_casia"));
    }

    [Fact]
    public void TheVariantSetIsPartOfTheOptionsHashAndOldPooledCellsStillRead()
    {
        var pooled = Options with { Synthetic = [SyntheticMix.Pooled] };
        Assert.NotEqual(pooled.Hash("d"), Options.Hash("d"));
        Assert.NotEqual(Options.Hash("d"), (Options with { SyntheticShare = 0.25 }).Hash("d"));
        Assert.Equal(Options.Hash("d"), (Options with { Synthetic = [SyntheticMix.Capped, SyntheticMix.Pooled] }).Hash("d"));
        // Pooled alone is what every sweep ran before the variants: such runs keep their hash (and their cells).
        Assert.Equal(pooled.Hash("d"), (pooled with { SyntheticShare = 0.25 }).Hash("d"));

        new SweepRunner(pooled, new FakeBackend(), _dir, NullProgress.Instance).Run("t", false);
        var path = Path.Combine(_dir, "cells.csv");
        CellsCsv.DropColumns(path, "synthetic", "classifier_steps", "real_rows_seen", "synthetic_rows_seen");
        var again = new FakeBackend();
        var store = new SweepRunner(pooled, again, _dir, NullProgress.Instance).Run("t", false);
        Assert.Empty(again.Ran);
        Assert.All(store.Cells, c => Assert.Equal(c.Cell.Count == 0 ? SyntheticMix.None : SyntheticMix.Pooled, c.Cell.Mix));
        // ... and are never silently mixed with a sweep that adds the capped variant.
        var e = Assert.Throws<InvalidDataException>(() => new SweepRunner(Options, new FakeBackend(), _dir, NullProgress.Instance).Run("t", false));
        Assert.Contains("--fresh", e.Message);
    }

    /// <summary>The sweep's own split runner with a real CNN: the capped cell gets the option's cap (0: exactly the
    /// count-0 classifier, whose seed it shares; 0.5: half of every batch synthetic), the pooled one none, and every
    /// cell the same number of steps.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void TheCappedCellGetsTheSharePooledDoesNot(double share)
    {
        TestProcess.ApplyThreads();
        using var all = new ProceduralFaces(new ProceduralOptions { Identities = 8, ImagesPerExpression = 1, Nuisance = false }, new FaceLoadOptions { Size = 32, Seed = 3 }).Load(out _);
        var (train, test) = all.Split(SubjectSplitter.HoldOut(all, 0.25, seed: 1));
        int count = 2 * train.Count;
        var o = new SweepOptions
        {
            Counts = [0, count], ClassifierPreset = "small", ClassifierEpochs = 2, ClassifierSamplesPerEpoch = 64,
            Backend = GeneratorBackend.TorchSharp, Threads = 1, Synthetic = [SyntheticMix.Pooled, SyntheticMix.Capped], SyntheticShare = share,
        };
        using var runner = new FaceSplitRunner(o, train, test, new PassThroughGenerator(train.ClassNames, train.Channels, train.Height), seed: 1, DeviceKind.Cpu);
        var zero = runner.Run(new SweepCell(0, 1, 0, ClassicAugmentation.Off, SyntheticMix.None), NullProgress.Instance);
        var capped = runner.Run(new SweepCell(0, 1, count, ClassicAugmentation.Off, SyntheticMix.Capped), NullProgress.Instance);
        var pooled = runner.Run(new SweepCell(0, 1, count, ClassicAugmentation.Off, SyntheticMix.Pooled), NullProgress.Instance);

        Assert.Equal(zero.Classifier!.Steps, capped.Classifier!.Steps);     // the step budget: the same whatever the count
        Assert.Equal(zero.Classifier.Steps, pooled.Classifier!.Steps);
        Assert.Equal(count, capped.TrainSyntheticImages);
        Assert.InRange(pooled.Classifier.SyntheticShareSeen, 0.55, 0.75);   // about the data's share: 2 synthetic rows per real one
        if (share == 0)
        {
            Assert.Equal(0, capped.Classifier.SyntheticRowsSeen);
            Assert.Equal(ConfusionText.Format(zero.Confusion), ConfusionText.Format(capped.Confusion));
        }
        else Assert.Equal(share, capped.Classifier.SyntheticShareSeen, 2);
    }

    /// <summary>Issue 14 item 6: a (split, seed) renders the largest count's plan once; a smaller count's training view is
    /// the real rows and the first rows of that plan, the very same pixels, intensities and sources, and costs no
    /// rendering.</summary>
    [Fact]
    public void SmallerCountsTakeTheFirstRowsOfTheLargestCountsRendering()
    {
        TestProcess.ApplyThreads();
        using var all = new ProceduralFaces(new ProceduralOptions { Identities = 6, ImagesPerExpression = 1, Nuisance = false }, new FaceLoadOptions { Size = 32, Seed = 3 }).Load(out _);
        var (train, test) = all.Split(SubjectSplitter.HoldOut(all, 0.25, seed: 1));
        int small = 7, large = 20;
        var o = new SweepOptions { Counts = [0, small, large], Backend = GeneratorBackend.TorchSharp, Threads = 1 };
        using var runner = new FaceSplitRunner(o, train, test, new PassThroughGenerator(train.ClassNames, train.Channels, train.Height), seed: 1, DeviceKind.Cpu);
        var (first, firstSeconds) = runner.Augmented(small, NullProgress.Instance);
        var (whole, wholeSeconds) = runner.Augmented(large, NullProgress.Instance);
        Assert.True(firstSeconds > 0);
        Assert.Equal(0, wholeSeconds);

        static List<(bool Synthetic, float Intensity, long Source, float[] Pixels)> Rows(Microsoft.ML.IDataView v)
        {
            var synthetic = v.GetColumn<bool>(AugmentedColumns.IsSynthetic).ToList();
            var intensity = v.GetColumn<float>(AugmentedColumns.Intensity).ToList();
            var source = v.GetColumn<long>(AugmentedColumns.SourceRow).ToList();
            var pixels = v.GetColumn<float[]>(FaceSetDataView.Features).ToList();
            return [.. synthetic.Select((s, i) => (s, intensity[i], source[i], pixels[i]))];
        }
        var a = Rows(first);
        var b = Rows(whole);
        Assert.Equal(train.Count + small, a.Count);
        Assert.Equal(train.Count + large, b.Count);
        Assert.Equal(large, b.Count(r => r.Synthetic));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(b[i].Synthetic, a[i].Synthetic);
            Assert.Equal(b[i].Source, a[i].Source);
            Assert.Equal(b[i].Pixels, a[i].Pixels);
            if (a[i].Synthetic) Assert.Equal(b[i].Intensity, a[i].Intensity);
        }
    }
}
