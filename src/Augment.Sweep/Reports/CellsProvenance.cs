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
        var t = SweepTimes.Of(known);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"compute time of these cells: {t.TotalSeconds / 60:0.0} min (GAN training or cache loading {t.GanSeconds / 60:0.0}, quality gates {t.GateSeconds / 60:0.0}, " +
            $"synthetic rendering {t.RenderSeconds / 60:0.0}, CNN fits {t.FitSeconds / 60:0.0}; see \"Where the time went\")");
        var first = known.Min(c => c.Made.Finished);
        var last = known.Max(c => c.Made.Finished);
        yield return $"cells finished between {first:yyyy-MM-dd HH:mm} and {last:yyyy-MM-dd HH:mm} UTC";
    }

    static string Tally(IEnumerable<CellResult> cells, Func<CellResult, string> key) =>
        string.Join("; ", cells.GroupBy(key).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ({g.Count()} cells)"));
}
