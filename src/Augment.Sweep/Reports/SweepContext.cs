using Augment.Core;

namespace Augment.Sweep.Reports;

/// <summary>What the report states beside every figure so anyone can rerun it.</summary>
public sealed record SweepContext(
    string Command,
    string DatasetDescription,
    string SplitDescription,
    IReadOnlyList<string> ClassNames,
    string GanDescription,
    string ClassifierDescription,
    string OptionsHash,
    MachineInfo Machine,
    DateTimeOffset Finished,
    RunTiming Timing)
{
    /// <summary>The generators' quality-gate results (<see cref="ISweepBackend.GeneratorGates"/>).</summary>
    public IReadOnlyList<string> GeneratorGates { get; init; } = [];
}

/// <summary>Wall-clock cost of the invocation that wrote the report (a resumed run counts only what it ran).</summary>
public sealed record RunTiming(TimeSpan Wall, int CellsRun, int CellsTotal, int GansPrepared, TimeSpan GanPreparation)
{
    public override string ToString() =>
        $"{Wall.TotalMinutes:0.0} min wall for {CellsRun} of {CellsTotal} cells (the rest reused from cells.csv); " +
        $"{GansPrepared} GAN(s) trained or loaded from the cache in {GanPreparation.TotalMinutes:0.0} min";
}
