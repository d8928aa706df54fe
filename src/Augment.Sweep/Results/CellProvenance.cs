using Augment.Core;

namespace Augment.Sweep.Results;

/// <summary>
/// Where, how and how long one cell was computed, stored with it in cells.csv, so a summary describes the cells it
/// summarises (not whichever invocation last rewrote the report). GanSeconds is the (split, seed) GAN's preparation
/// time (training or loading the GAN, then its quality gates), repeated on each cell of that group that ran in the same
/// invocation; <see cref="GanSource"/> says whether it was trained or loaded and <see cref="GateSeconds"/> how much of it
/// the gates took (both unrecorded in cells written before they were).
/// </summary>
public sealed record CellProvenance(double CellSeconds, double GanSeconds, int Threads, string Cpu, string Commit, DateTimeOffset Finished)
{
    public GanSource GanSource { get; init; } = GanSource.Unrecorded;
    public double GateSeconds { get; init; } = double.NaN;

    /// <summary>For cells written before provenance was recorded per cell.</summary>
    public static CellProvenance Unknown { get; } = new(double.NaN, double.NaN, 0, "unknown", "unknown", DateTimeOffset.MinValue);

    public bool IsKnown => Cpu != "unknown" || Commit != "unknown";

    public static CellProvenance Now(double cellSeconds, double ganSeconds, GanPreparation gan, MachineInfo machine) =>
        new(cellSeconds, ganSeconds, machine.TorchThreads, machine.Cpu, machine.GitCommit, DateTimeOffset.UtcNow)
        {
            GanSource = gan.Source, GateSeconds = gan.GateSeconds,
        };
}
