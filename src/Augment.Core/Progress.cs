using System.Diagnostics;

namespace Augment.Core;

/// <summary>One moment of a long job: how far, how fast, how long to go, and the latest figures.</summary>
/// <remarks>CountUnit names what Done/Total count when it is not the rate's unit (e.g. steps counted, images/s
/// shown); null when they are the same.</remarks>
public sealed record ProgressSnapshot(string Task, long Done, long Total, double RatePerSecond, TimeSpan Elapsed, TimeSpan? Eta, string Unit, string Status,
    string? CountUnit = null)
{
    public override string ToString()
    {
        var pct = Total > 0 ? 100.0 * Done / Total : 0;
        var eta = Eta is { } e ? Format(e) : "?";
        var counted = CountUnit is { } c ? $" {c}" : "";
        return $"{Task} {Done}/{Total}{counted} ({pct:0}%) {Rate(RatePerSecond, Unit)} elapsed {Format(Elapsed)} ETA {eta} {Status}".TrimEnd();
    }

    /// <summary>Per second, or per minute / hour when slower, so a slow job never shows "0.0 cells/s".</summary>
    public static string Rate(double perSecond, string unit) =>
        perSecond >= 0.1 || perSecond <= 0 ? $"{perSecond:0.0} {unit}/s"
        : perSecond * 60 >= 0.1 ? $"{perSecond * 60:0.0} {unit}/min" : $"{perSecond * 3600:0.00} {unit}/h";

    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}

/// <summary>Receives progress; the CLI renders it, tests collect it, libraries never print directly.</summary>
public interface IProgressSink
{
    void Report(ProgressSnapshot snapshot);
}

public sealed class NullProgress : IProgressSink
{
    public static readonly NullProgress Instance = new();
    public void Report(ProgressSnapshot snapshot) { }
}

/// <summary>Counts work done against a total and derives rate and ETA; rate is in 'unit' (e.g. images) per second.</summary>
public sealed class ProgressTracker
{
    readonly IProgressSink _sink;
    readonly string _task;
    readonly string _unit;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    long _units;
    bool _unitsDiffer;

    public ProgressTracker(IProgressSink sink, string task, long total, string unit = "it")
    {
        _sink = sink; _task = task; Total = total; _unit = unit;
    }

    public long Done { get; private set; }
    public long Total { get; }

    /// <summary>Advance by 'steps' toward Total; 'units' (default = steps) feed the rate, e.g. images in a batch.</summary>
    public void Advance(long steps = 1, long? units = null, string status = "")
    {
        Done += steps;
        _units += units ?? steps;
        _unitsDiffer |= units is { } u && u != steps;
        var elapsed = _clock.Elapsed;
        var rate = elapsed.TotalSeconds > 0 ? _units / elapsed.TotalSeconds : 0;
        TimeSpan? eta = Done > 0 && Total >= Done ? TimeSpan.FromSeconds(elapsed.TotalSeconds / Done * (Total - Done)) : null;
        // Steps counted but another unit per second (ExprGAN: batches done, images/s): say what the count counts.
        _sink.Report(new ProgressSnapshot(_task, Done, Total, rate, elapsed, eta, _unit, status, _unitsDiffer ? "steps" : null));
    }
}
