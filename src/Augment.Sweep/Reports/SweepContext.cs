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
    DateTimeOffset Finished);
