using Augment.Core;
using Augment.Sweep.Plan;

namespace Augment.Sweep;

/// <summary>What a cell measured; the runner turns it into a <see cref="Results.CellResult"/>.</summary>
public sealed record CellMeasurement(int[,] Confusion, int TestImages, int TrainRealImages, int TrainSyntheticImages,
    double TrainSeconds, double GenerationSeconds, ClassifierRun? Classifier = null);

/// <summary>What a cell's classifier fit did (ExpressionCnn's training summary): its optimiser steps, equal for every
/// count by design (the step budget), and the real and synthetic rows its batches held.</summary>
public sealed record ClassifierRun(int Steps, long RealRowsSeen, long SyntheticRowsSeen)
{
    /// <summary>The synthetic share of the rows the batches held: the data's share when pooled, at most the cap when capped.</summary>
    public double SyntheticShareSeen => RealRowsSeen + SyntheticRowsSeen > 0 ? (double)SyntheticRowsSeen / (RealRowsSeen + SyntheticRowsSeen) : double.NaN;
}

/// <summary>
/// The data, GAN and classifier behind a sweep. The runner owns ordering, resumption and reports; the backend
/// owns the learning. Tests plug in a fake backend to check resumption without training anything.
/// </summary>
public interface ISweepBackend
{
    IReadOnlyList<string> ClassNames { get; }
    int SplitCount { get; }
    /// <summary>Hash of the loaded data, part of the options hash so other data never reuses cells.</summary>
    string DataHash { get; }
    string DatasetDescription { get; }
    string SplitDescription { get; }
    string GanDescription { get; }
    string ClassifierDescription { get; }
    /// <summary>One line per split whose generator was checked against the quality gates so far (passed, or failed and
    /// let through), by split.</summary>
    IReadOnlyDictionary<int, string> GeneratorGates => new Dictionary<int, string>();

    /// <summary>Images x epochs the GAN of this split and seed still has to train, weighted by its cost per image
    /// relative to the GAN the ETA's prior was measured on: 0 when cached (or no GAN is needed). Only feeds the ETA.</summary>
    double GanWork(int split, int seed);

    /// <summary>What rendering one synthetic image costs relative to the generator the ETA's prior was measured on (1 when
    /// there is no generator to weigh). Only feeds the ETA.</summary>
    double RenderCost => 1;

    /// <summary>Whether another process is training this split's GAN right now (so a process sharing the run folder
    /// can take other work first). Only a preference: the GAN's own lock keeps two processes from training it at once.</summary>
    bool GanBusy(int split) => false;

    /// <summary>Trains (or loads from cache) the GAN of one split and seed; called only when a cell of it is unfinished.</summary>
    ISplitRunner Prepare(int split, int seed, IProgressSink progress);
}

public interface ISplitRunner : IDisposable
{
    /// <summary>How the (split, seed)'s GAN was made ready; recorded with each of its cells.</summary>
    GanPreparation Preparation => GanPreparation.None;

    CellMeasurement Run(SweepCell cell, IProgressSink progress);
}

/// <summary>Where a split's GAN came from when a (split, seed) was prepared: trained, resumed from a checkpoint, loaded
/// from the cache, or none (no synthetic counts); unrecorded in cells written before it was.</summary>
public enum GanSource { Unrecorded, None, Trained, Resumed, Cached }

/// <summary>How a (split, seed)'s GAN was made ready, and how much of the preparation the quality gates took (they are
/// checked once per split, so 0 for its later seeds).</summary>
public sealed record GanPreparation(GanSource Source, double GateSeconds)
{
    public static GanPreparation None { get; } = new(GanSource.None, 0);
}
