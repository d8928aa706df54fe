using Augment.Sweep.Results;

namespace Augment.Sweep.Reports;

/// <summary>The GAN preparations of one split: how often it was trained, resumed or loaded, and their seconds (the
/// quality gates apart).</summary>
public sealed record SplitGanTime(int Split, IReadOnlyDictionary<GanSource, int> Preparations, double GanSeconds, double GateSeconds);

/// <summary>The classifier fits of one synthetic count, and their seconds.</summary>
public sealed record CountTime(int Count, int Fits, double FitSeconds);

/// <summary>
/// Where a sweep's compute time went, from the seconds its cells recorded: a (split, seed)'s GAN preparation is repeated
/// on each of its cells computed in one invocation and counted once; a rendering is recorded on the cell that caused it
/// (one per (split, seed): the counts are nested; sweeps before that repeated it on every cell of its count, and it is
/// counted once per count there); each cell is one classifier fit. Cells without recorded provenance (written
/// before it was recorded per cell) are left out, and counted.
/// </summary>
public sealed record SweepTimes(IReadOnlyList<SplitGanTime> Gans, IReadOnlyList<CountTime> Counts, int Renderings, double RenderSeconds,
    double CellSeconds, int CellsLeftOut)
{
    public double GanSeconds => Gans.Sum(g => g.GanSeconds);
    public double GateSeconds => Gans.Sum(g => g.GateSeconds);
    public double FitSeconds => Counts.Sum(c => c.FitSeconds);
    /// <summary>GAN preparations plus cells (each cell: rendering, fit, scoring).</summary>
    public double TotalSeconds => GanSeconds + GateSeconds + CellSeconds;
    /// <summary>What is neither GAN, gates, rendering nor fitting: scoring, caching rows, splitting the data.</summary>
    public double OtherSeconds => Math.Max(0, TotalSeconds - GanSeconds - GateSeconds - RenderSeconds - FitSeconds);

    public static SweepTimes Of(IReadOnlyCollection<CellResult> cells)
    {
        var known = cells.Where(c => c.Made.IsKnown).ToList();
        // One preparation per (split, seed, its recorded seconds): a resumed sweep prepares a group again.
        var gans = known.GroupBy(c => (c.Cell.Split, c.Cell.Seed, c.Made.GanSeconds))
            .GroupBy(g => g.Key.Split, g => g.First().Made)
            .OrderBy(g => g.Key)
            .Select(g => new SplitGanTime(g.Key,
                g.GroupBy(p => p.GanSource).ToDictionary(s => s.Key, s => s.Count()),
                g.Sum(p => Math.Max(0, Safe(p.GanSeconds) - Safe(p.GateSeconds))), g.Sum(p => Safe(p.GateSeconds))))
            .ToList();
        var counts = known.GroupBy(c => c.Cell.Count).OrderBy(g => g.Key)
            .Select(g => new CountTime(g.Key, g.Count(), g.Sum(c => Safe(c.TrainSeconds))))
            .ToList();
        var renderings = known.Where(c => Safe(c.GenerationSeconds) > 0)
            .Select(c => (c.Cell.Split, c.Cell.Seed, c.Cell.Count, c.GenerationSeconds)).Distinct().ToList();
        return new SweepTimes(gans, counts, renderings.Count, renderings.Sum(r => r.GenerationSeconds), known.Sum(c => Safe(c.Made.CellSeconds)),
            cells.Count - known.Count);
    }

    static double Safe(double v) => double.IsNaN(v) ? 0 : v;
}
