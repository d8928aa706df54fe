using Augment.ExprGan.Model;
using TorchSharp;

namespace Augment.ExprGan.Checkpoints;

/// <summary>What a generator checkpoint says about itself, before its weights.</summary>
/// <param name="HasReader">Whether the file also holds D_img's trunk and Q (needed by Transfer and Retrieve).</param>
/// <param name="TrainingSetHash">FaceSet.ContentHash() of the training images, when trained by ExprGanTrainer.</param>
public sealed record GeneratorHeader(ExprGanArchitecture Architecture, string[] ClassNames, bool HasReader,
    string? TrainingSetHash = null, string? Preset = null);

/// <summary>
/// One-file generator checkpoint: header, encoder, decoder and, optionally, the image discriminator and Q so the
/// expression of an image can be read back (ExpressionReader). Loaders that only generate stop after the decoder.
/// </summary>
public static class GeneratorFile
{
    public const string Magic = "AUGMENT-EXPRGAN-GENERATOR";
    public const int Version = 1;
    public const string Kind = "ExprGAN generator checkpoint";

    public static void Write(string path, GeneratorHeader header, Encoder encoder, Decoder decoder,
        ImageDiscriminator? discriminator = null, ExpressionRegularizer? regularizer = null)
    {
        if (header.HasReader != (discriminator != null && regularizer != null))
            throw new ArgumentException("HasReader must be set exactly when the discriminator and regularizer are given.");
        CheckpointIO.Write(path, Magic, Version, header, w =>
        {
            encoder.save(w);
            decoder.save(w);
            if (discriminator == null || regularizer == null) return;
            discriminator.save(w);
            regularizer.save(w);
        });
    }

    public static (GeneratorHeader Header, BinaryReader Reader) Open(string path)
    {
        var (header, reader) = CheckpointIO.Open<GeneratorHeader>(path, Magic, Version, Kind);
        try
        {
            header.Architecture.Validated();
            if (header.ClassNames.Length != header.Architecture.Classes)
                throw new InvalidDataException($"'{path}': {header.ClassNames.Length} class names for {header.Architecture.Classes} classes.");
            return (header, reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Fills the given modules from the file (they must have the file's architecture).</summary>
    public static void Read(string path, BinaryReader reader, Encoder encoder, Decoder decoder,
        ImageDiscriminator? discriminator = null, ExpressionRegularizer? regularizer = null)
    {
        using (torch.no_grad())
        {
            CheckpointIO.LoadModule(reader, encoder, path, "encoder");
            CheckpointIO.LoadModule(reader, decoder, path, "decoder");
            if (discriminator != null) CheckpointIO.LoadModule(reader, discriminator, path, "image discriminator");
            if (regularizer != null) CheckpointIO.LoadModule(reader, regularizer, path, "expression regularizer");
        }
    }
}
