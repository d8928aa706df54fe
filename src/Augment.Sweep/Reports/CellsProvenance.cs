using System.Globalization;
using Augment.Sweep.Results;

namespace Augment.Sweep.Reports;

/// <summary>
/// The provenance lines of a summary, derived from the cells it summarises: which CPUs, commits and thread counts made
/// them (with how many cells each), and the compute time they cost, so a report never claims the machine, commit or
/// time of an invocation that merely reused cells.
/// </summary>
public static class CellsProvenance
{
    public static IEnumerable<string> Lines(IReadOnlyCollection<CellResult> cells)
    {
        var known = cells.Where(c => c.Made.IsKnown).ToList();
        int unknown = cells.Count - known.Count;
        if (unknown > 0) yield return $"cells without recorded provenance (written before it was recorded per cell): {unknown} of {cells.Count}";
        if (known.Count == 0) yield break;
        yield return "cells computed on: " + Tally(known, c => c.Made.Cpu);
        yield return "cells computed at commit: " + Tally(known, c => c.Made.Commit);
        yield return "torch threads: " + Tally(known, c => c.Made.Threads.ToString(CultureInfo.InvariantCulture));
        // A GAN's preparation time is repeated on each cell of its (split, seed) computed in one invocation: count it once.
        var gan = known.GroupBy(c => (c.Cell.Split, c.Cell.Seed, c.Made.GanSeconds)).Sum(g => Safe(g.Key.GanSeconds));
        var cellTime = known.Sum(c => Safe(c.Made.CellSeconds));
        var render = known.GroupBy(c => (c.Cell.Split, c.Cell.Seed, c.Cell.Count)).Sum(g => Safe(g.First().GenerationSeconds));
        var cnn = known.Sum(c => Safe(c.TrainSeconds));
        yield return string.Create(CultureInfo.InvariantCulture,
            $"compute time of these cells: {(gan + cellTime) / 60:0.0} min (GAN training or cache loading {gan / 60:0.0}, synthetic rendering {render / 60:0.0}, CNN fits {cnn / 60:0.0})");
        var first = known.Min(c => c.Made.Finished);
        var last = known.Max(c => c.Made.Finished);
        yield return $"cells finished between {first:yyyy-MM-dd HH:mm} and {last:yyyy-MM-dd HH:mm} UTC";
    }

    static double Safe(double v) => double.IsNaN(v) ? 0 : v;

    static string Tally(IEnumerable<CellResult> cells, Func<CellResult, string> key) =>
        string.Join("; ", cells.GroupBy(key).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ({g.Count()} cells)"));
}
