using System.Diagnostics;
using Augment.Core;

namespace Augment.Sweep.Progress;

/// <summary>
/// The sweep's own progress line: cells done out of the cells this invocation has to run (cells finished earlier
/// are neither counted as done nor as work), and an ETA from the expected cost of the remaining work
/// (<see cref="CostModel"/>). Inner tasks (GAN training, rendering, CNN epochs) report through <see cref="Inner"/>,
/// which appends the whole sweep's ETA to their lines, so the total is visible from the first minute.
/// </summary>
public sealed class SweepProgress
{
    readonly IProgressSink _sink;
    readonly CostModel _cost;
    readonly List<WorkItem> _remaining;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly Stopwatch _current = new();
    WorkItem? _inFlight;
    int _done;

    public SweepProgress(IProgressSink sink, CostModel cost, IEnumerable<WorkItem> work)
    {
        _sink = sink;
        _cost = cost;
        _remaining = work.ToList();
        Total = _remaining.Count(w => w.ClassifierRows > 0);
        Inner = new InnerSink(this);
    }

    /// <summary>Cells this invocation runs: those planned, less those another process took.</summary>
    public int Total { get; private set; }

    public CostModel Cost => _cost;

    /// <summary>Progress sink for the work inside a step; each line gets the sweep's ETA appended.</summary>
    public IProgressSink Inner { get; }

    /// <summary>Processes sharing the run folder, this one included (each takes its own groups): the plan not yet begun
    /// is shared among them, so the ETA divides it.</summary>
    public int Processes { get; set; } = 1;

    /// <summary>Counts <see cref="Processes"/> afresh; asked at most every <see cref="RecountEvery"/>, so a process that
    /// joins while this one trains a GAN for an hour is seen within seconds, not after it.</summary>
    public Func<int>? CountProcesses { get; init; }

    public static readonly TimeSpan RecountEvery = TimeSpan.FromSeconds(20);
    TimeSpan? _counted;

    /// <summary>Expected seconds of everything not finished, counting what the current step has already spent.</summary>
    public TimeSpan Remaining(TimeSpan? currentEta = null)
    {
        if (CountProcesses != null && (_counted is not { } last || _clock.Elapsed - last >= RecountEvery))
        {
            _counted = _clock.Elapsed;
            Processes = Math.Max(1, CountProcesses());
        }
        double seconds = _remaining.Sum(_cost.Seconds) / Math.Max(1, Processes);
        if (_inFlight is { } w)
        {
            // An inner ETA covers only part of a step (a GAN's current stage of three, then its gate check; a cell's
            // rendering, then its CNN), so the expected remainder is kept when larger.
            var expected = Math.Max(0.1 * _cost.Seconds(w), _cost.Seconds(w) - _current.Elapsed.TotalSeconds);
            seconds += currentEta is { } eta ? Math.Max(eta.TotalSeconds, expected) : expected;
        }
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Starts the step of the plan with this label (the next one in plan order when called without).</summary>
    public void Begin(string? label = null)
    {
        var i = label == null ? 0 : _remaining.FindIndex(w => w.Label == label);
        _inFlight = i >= 0 && i < _remaining.Count ? _remaining[i] : null;
        if (_inFlight != null) _remaining.RemoveAt(i);
        _current.Restart();
    }

    /// <summary>Takes steps out of the plan without running them (another process runs them).</summary>
    public void Drop(IEnumerable<string> labels)
    {
        var drop = labels.ToHashSet();
        Total -= _remaining.Count(w => w.ClassifierRows > 0 && drop.Contains(w.Label));
        _remaining.RemoveAll(w => drop.Contains(w.Label));
    }

    /// <summary>Ends the current step; a cell step advances the count.</summary>
    public void End(string status = "")
    {
        if (_inFlight is { ClassifierRows: > 0 }) _done++;
        _inFlight = null;
        _current.Reset();
        Report(status);
    }

    public void Report(string status = "")
    {
        var elapsed = _clock.Elapsed;
        var rate = elapsed.TotalSeconds > 0 ? _done / elapsed.TotalSeconds : 0;
        _sink.Report(new ProgressSnapshot("sweep cells", _done, Total, rate, elapsed, Remaining(), "cells",
            Processes > 1 ? $"{status} ({Processes} processes on this run folder)".TrimStart() : status));
    }

    sealed class InnerSink(SweepProgress owner) : IProgressSink
    {
        public void Report(ProgressSnapshot s)
        {
            var total = owner.Remaining(s.Eta);
            owner._sink.Report(s with { Status = $"{s.Status} | sweep {owner._done}/{owner.Total} cells, ETA {ProgressSnapshot.Format(total)}".TrimStart() });
        }
    }
}
