using Augment.Core;

namespace Augment.Sweep.Reports;

/// <summary>What the report states beside every figure so anyone can rerun it. Machine and time here describe the
/// invocation that wrote the report; what the cells were computed on comes from the cells (<see cref="CellsProvenance"/>).</summary>
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
    int CellsTotal,
    int CellsRun,
    TimeSpan Wall,
    IReadOnlyList<string> Notes)
{
    /// <summary>The generators' quality-gate results (<see cref="ISweepBackend.GeneratorGates"/>).</summary>
    public IReadOnlyList<string> GeneratorGates { get; init; } = [];

    /// <summary>The sweep's options (synthetic share cap, step budget, folds, training subjects) the report states.</summary>
    public Plan.SweepOptions Options { get; init; } = new();
}
