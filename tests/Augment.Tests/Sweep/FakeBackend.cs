using Augment.Core;
using Augment.Sweep;
using Augment.Sweep.Plan;

namespace Augment.Tests.Sweep;

/// <summary>A backend whose accuracy is a known function of the cell, counting what it was asked to do. By default the
/// 'anger' test images right are 4 plus one per 3000 synthetic images (at most 5 more); <paramref name="angerRight"/>
/// replaces that rule.</summary>
sealed class FakeBackend(int splits = 2, int failAfterCells = int.MaxValue, Func<SweepCell, int>? angerRight = null) : ISweepBackend
{
    public int FailAfterCells { get; } = failAfterCells;
    public Func<SweepCell, int>? AngerRight { get; } = angerRight;
    public List<(int Split, int Seed)> Prepared { get; } = [];
    public List<SweepCell> Ran { get; } = [];
    public IReadOnlyList<string> ClassNames { get; } = ["anger", "happiness", "surprise"];
    public int SplitCount => splits;
    public string DataHash => "fakedata";
    public string DatasetDescription => "fake";
    public string SplitDescription => "fake splits";
    public string GanDescription => "none";
    public string ClassifierDescription => "none";

    /// <summary>A gate line for every split this instance prepared (a resumed sweep's new backend knows only its own).</summary>
    public IReadOnlyDictionary<int, string> GeneratorGates =>
        Prepared.Select(p => p.Split).Distinct().ToDictionary(s => s, s => $"the GAN of split {s}: fake gates passed");

    /// <summary>Splits whose GAN another process is said to be training.</summary>
    public HashSet<int> BusyGans { get; init; } = [];
    /// <summary>Called before each cell runs (tests make two runners on one folder overlap with it).</summary>
    public Action<SweepCell>? BeforeCell { get; init; }

    public bool GanBusy(int split) => BusyGans.Contains(split);

    /// <summary>Pretends every GAN still has 100 image-epochs to train (feeds only the ETA).</summary>
    public double GanWork(int split, int seed) => 100;

    public ISplitRunner Prepare(int split, int seed, IProgressSink progress)
    {
        // The split's first preparation trains its GAN (and checks the gates); later ones load it from the cache.
        var first = !Prepared.Any(p => p.Split == split);
        Prepared.Add((split, seed));
        return new Runner(this, first ? new GanPreparation(GanSource.Trained, 0) : new GanPreparation(GanSource.Cached, 0));
    }

    sealed class Runner(FakeBackend owner, GanPreparation preparation) : ISplitRunner
    {
        public GanPreparation Preparation => preparation;

        public CellMeasurement Run(SweepCell cell, IProgressSink progress)
        {
            if (owner.Ran.Count >= owner.FailAfterCells) throw new OperationCanceledException("killed");
            owner.BeforeCell?.Invoke(cell);
            owner.Ran.Add(cell);
            // 10 test images per class; more synthetic images -> one more correct 'anger' per 3000.
            int right = owner.AngerRight?.Invoke(cell) ?? 4 + Math.Min(cell.Count / 3000, 5);
            var m = new int[3, 3] { { right, 10 - right, 0 }, { 0, 10, 0 }, { 0, 0, 10 } };
            // 320 steps of 32 rows whatever the count; pooled batches follow the data's synthetic share, capped ones hold half.
            const long seen = 320 * 32;
            long synthetic = cell.Mix switch
            {
                SyntheticMix.Pooled => seen * cell.Count / (100 + cell.Count),
                SyntheticMix.Capped => Math.Min(seen / 2, seen * cell.Count / (100 + cell.Count)),
                _ => 0,
            };
            return new CellMeasurement(m, 30, 100, cell.Count, 1.5, cell.Count / 1000.0, new ClassifierRun(320, seen - synthetic, synthetic));
        }

        public void Dispose() { }
    }
}
