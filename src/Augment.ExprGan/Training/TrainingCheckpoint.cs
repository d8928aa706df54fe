using Augment.ExprGan.Checkpoints;
using Augment.ExprGan.Model;
using TorchSharp;

namespace Augment.ExprGan.Training;

/// <summary>
/// What a training checkpoint says about itself. CompletedEpochs counts finished epochs per stage; Stage is the stage
/// of the last finished epoch (its optimiser states follow the weights). No RNG state is stored: every epoch draws
/// from generators seeded with Seeding.Derive(seed, "exprgan", stage, epoch), so resuming at an epoch boundary
/// replays exactly what an uninterrupted run would have drawn.
/// </summary>
public sealed record TrainingHeader(
    ExprGanArchitecture Architecture, string[] ClassNames, string TrainingSetHash, int TrainingSetCount,
    ExprGanTrainingOptions Options, int[] CompletedEpochs, int Stage, string? Preset, string RandomScheme);

/// <summary>
/// The full training state in one atomically written file: header, the weights of all five networks (including
/// batch-norm running statistics), the generator average once stage 3 has begun with averaging on, and the three Adam
/// states of the current stage. It lives with the trainer, whose networks and optimisers it saves, so Checkpoints (the
/// file format) does not depend on Training.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Magic = "AUGMENT-EXPRGAN-TRAINING";
    public const int Version = 1;
    public const string Kind = "ExprGAN training checkpoint";
    public const string RandomScheme = "per-epoch generators seeded with Seeding.Derive(seed, \"exprgan\", stage, epoch)";

    /// <param name="average">The generator average, once stage 3 has begun with averaging on (written after the networks).</param>
    public static void Write(string path, TrainingHeader header, ExprGanNetworks nets, ExprGanStep step, GeneratorAverage? average = null) =>
        CheckpointIO.Write(path, Magic, Version, header, w =>
        {
            foreach (var (_, module) in nets.Sections()) module.save(w);
            if (HasAverage(header) != (average != null))
                throw new InvalidOperationException("A checkpoint holds the generator average exactly when averaging is on and stage 3 has begun.");
            average?.Generator.Encoder.save(w);
            average?.Generator.Decoder.save(w);
            if (step.GeneratorOptimizer is null || step.ImageDiscriminatorOptimizer is null || step.IdentityDiscriminatorOptimizer is null)
                throw new InvalidOperationException("No optimiser state to checkpoint: the stage has not begun.");
            step.GeneratorOptimizer.save_state_dict(w);
            step.ImageDiscriminatorOptimizer.save_state_dict(w);
            step.IdentityDiscriminatorOptimizer.save_state_dict(w);
        });

    public static (TrainingHeader Header, BinaryReader Reader) Open(string path) =>
        CheckpointIO.Open<TrainingHeader>(path, Magic, Version, Kind);

    /// <summary>Throws, naming the mismatch, when the checkpoint does not belong to this model or training set.</summary>
    public static void CheckCompatible(string path, TrainingHeader header, ExprGanArchitecture arch,
        IReadOnlyList<string> classNames, string trainingSetHash, ExprGanTrainingOptions options)
    {
        if (!header.ClassNames.SequenceEqual(classNames))
            throw new InvalidDataException($"'{path}' was trained on classes [{string.Join(", ", header.ClassNames)}], " +
                $"not [{string.Join(", ", classNames)}].");
        var arch2 = header.Architecture.Differences(arch);
        if (arch2.Count > 0)
            throw new InvalidDataException($"'{path}' holds a model of another shape (checkpoint vs now): {string.Join("; ", arch2)}.");
        if (header.TrainingSetHash != trainingSetHash)
            throw new InvalidDataException($"'{path}' was trained on a different training set (content hash {header.TrainingSetHash}, " +
                $"{header.TrainingSetCount} images) than the one given now (hash {trainingSetHash}): resume with the same data.");
        var opt = header.Options.ResumeDifferences(options, header.CompletedEpochs);
        if (opt.Count > 0)
            throw new InvalidDataException($"'{path}' was trained with other settings: {string.Join("; ", opt)}.");
        if (header.RandomScheme != RandomScheme)
            throw new InvalidDataException($"'{path}' used another random scheme ('{header.RandomScheme}'); it cannot be resumed exactly.");
    }

    /// <summary>Loads the weights of all networks from a reader positioned after the header.</summary>
    public static void ReadWeights(string path, BinaryReader reader, ExprGanNetworks nets)
    {
        using (torch.no_grad())
            foreach (var (name, module) in nets.Sections()) CheckpointIO.LoadModule(reader, module, path, name);
    }

    /// <summary>Whether a checkpoint with this header holds a generator average (after the networks' weights).</summary>
    public static bool HasAverage(TrainingHeader header) => header.Options.AveragesIn(header.Stage);

    /// <summary>Loads the generator average (after ReadWeights, when <see cref="HasAverage"/>).</summary>
    public static void ReadAverage(string path, BinaryReader reader, GeneratorAverage average)
    {
        using (torch.no_grad())
        {
            CheckpointIO.LoadModule(reader, average.Generator.Encoder, path, "encoder average");
            CheckpointIO.LoadModule(reader, average.Generator.Decoder, path, "decoder average");
        }
    }

    /// <summary>Loads the three Adam states (after ReadWeights) into optimisers made for the checkpoint's stage.</summary>
    public static void ReadOptimizers(string path, BinaryReader reader, ExprGanStep step)
    {
        if (step.GeneratorOptimizer is null || step.ImageDiscriminatorOptimizer is null || step.IdentityDiscriminatorOptimizer is null)
            throw new InvalidOperationException("Begin the stage before loading its optimiser states.");
        try
        {
            step.GeneratorOptimizer.load_state_dict(reader);
            step.ImageDiscriminatorOptimizer.load_state_dict(reader);
            step.IdentityDiscriminatorOptimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}': the optimiser states do not fit: {e.Message}", e);
        }
    }
}
