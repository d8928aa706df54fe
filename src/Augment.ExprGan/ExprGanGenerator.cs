using Augment.ExprGan.Checkpoints;
using Augment.ExprGan.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan;

/// <summary>
/// The trained ExprGAN generator (ARCHITECTURE.md): encoder + expression controller + decoder, loadable from one
/// file without the training code. State-dict names are "encoder.*" and "decoder.*"; the controller has no weights.
/// Encode/Decode run without gradients (inference); training uses the modules directly.
/// </summary>
public sealed class ExprGanGenerator : nn.Module, IExpressionGenerator
{
    readonly Encoder encoder;
    readonly Decoder decoder;
    readonly ExpressionController controller;

    ExprGanGenerator(ExprGanArchitecture arch, IReadOnlyList<string> classNames, Device device) : base(nameof(ExprGanGenerator))
    {
        arch.Validated();
        if (classNames.Count != arch.Classes)
            throw new ArgumentException($"{classNames.Count} class names for an architecture with {arch.Classes} classes.");
        encoder = new Encoder(arch);
        decoder = new Decoder(arch);
        controller = new ExpressionController(arch.Classes, arch.CodeDims);
        RegisterComponents();
        this.to(device);
        eval();
        Architecture = arch;
        Device = device;
        Info = new GeneratorInfo(classNames.ToArray(), arch.Channels, arch.ImageSize, arch.ImageSize, arch.ZDim, arch.CodeDims);
    }

    public GeneratorInfo Info { get; }
    public ExprGanArchitecture Architecture { get; }
    public Device Device { get; }
    public Encoder Encoder => encoder;
    public Decoder Decoder => decoder;
    public ExpressionController Controller => controller;

    /// <summary>A randomly initialised generator (libtorch's global generator is seeded with <paramref name="seed"/>).</summary>
    public static ExprGanGenerator Create(ExprGanArchitecture arch, IReadOnlyList<string> classNames, Device device, int seed)
    {
        random.manual_seed(seed);
        return new ExprGanGenerator(arch, classNames, device);
    }

    /// <summary>A new generator holding a copy of <paramref name="source"/>'s weights (no shared tensors).</summary>
    internal static ExprGanGenerator Copy(ExprGanGenerator source)
    {
        var g = new ExprGanGenerator(source.Architecture, source.Info.ClassNames, source.Device);
        var target = g.state_dict();
        using (no_grad())
            foreach (var (name, t) in source.state_dict()) target[name].copy_(t);
        g.TrainingSetHash = source.TrainingSetHash;
        return g;
    }

    /// <summary>Loads a generator checkpoint written by <see cref="Save(string)"/> or by the trainer.</summary>
    public static ExprGanGenerator Load(string path, Device device)
    {
        var (header, reader) = GeneratorFile.Open(path);
        using (reader)
        {
            var g = new ExprGanGenerator(header.Architecture, header.ClassNames, device);
            try
            {
                GeneratorFile.Read(path, reader, g.encoder, g.decoder);
                g.TrainingSetHash = header.TrainingSetHash;
                return g;
            }
            catch
            {
                g.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Loads a generator checkpoint that must have the expected architecture and class names; otherwise fails with
    /// a message naming each difference (for callers that built the rest of a pipeline around a shape).
    /// </summary>
    public static ExprGanGenerator Load(string path, Device device, ExprGanArchitecture expected, IReadOnlyList<string>? expectedClassNames)
    {
        var (header, reader) = GeneratorFile.Open(path);
        reader.Dispose();
        var differences = header.Architecture.Differences(expected);
        if (differences.Count > 0)
            throw new InvalidDataException($"'{path}' holds a generator of another shape (checkpoint vs expected): {string.Join("; ", differences)}.");
        if (expectedClassNames != null && !header.ClassNames.SequenceEqual(expectedClassNames))
            throw new InvalidDataException($"'{path}' was trained on classes [{string.Join(", ", header.ClassNames)}], " +
                $"not the expected [{string.Join(", ", expectedClassNames)}].");
        return Load(path, device);
    }

    /// <summary>FaceSet.ContentHash() of the images it was trained on, when known.</summary>
    public string? TrainingSetHash { get; private set; }

    /// <summary>Writes this generator (no discriminators) atomically to one file.</summary>
    public void Save(string path) =>
        GeneratorFile.Write(path, new GeneratorHeader(Architecture, Info.ClassNames.ToArray(), false, TrainingSetHash), encoder, decoder);

    /// <summary>Writes the generator plus D_img's trunk and Q, so Transfer and Retrieve can read expressions.</summary>
    public void Save(string path, ImageDiscriminator discriminator, ExpressionRegularizer regularizer) =>
        GeneratorFile.Write(path, new GeneratorHeader(Architecture, Info.ClassNames.ToArray(), true, TrainingSetHash),
            encoder, decoder, discriminator, regularizer);

    internal void SetTrainingSetHash(string? hash) => TrainingSetHash = hash;

    /// <summary>The weights by ARCHITECTURE.md name ("encoder.convs.0.weight", "decoder.fc.bias", ...).</summary>
    public Dictionary<string, Tensor> StateDict() => state_dict();

    public Tensor Encode(Tensor images)
    {
        CheckImages(images);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = images.On(Device);
        return encoder.forward(x).MoveToOuterDisposeScope();
    }

    public Tensor Decode(Tensor z, Tensor code)
    {
        if (Architecture.HasMask) throw new InvalidOperationException("The identity-preserving generator edits images, not codes: call Edit(images, code).");
        if (z.dim() != 2 || z.shape[1] != Architecture.ZDim) throw new ArgumentException($"z must be N x {Architecture.ZDim}, got [{string.Join(", ", z.shape)}].");
        if (code.dim() != 2 || code.shape[1] != Architecture.CodeSize || code.shape[0] != z.shape[0])
            throw new ArgumentException($"code must be {z.shape[0]} x {Architecture.CodeSize}, got [{string.Join(", ", code.shape)}].");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var zz = z.On(Device);
        var cc = code.On(Device);
        return decoder.forward(zz, cc).MoveToOuterDisposeScope();
    }

    public Tensor Edit(Tensor images, Tensor code)
    {
        CheckImages(images);
        if (code.dim() != 2 || code.shape[1] != Architecture.CodeSize || code.shape[0] != images.shape[0])
            throw new ArgumentException($"code must be {images.shape[0]} x {Architecture.CodeSize}, got [{string.Join(", ", code.shape)}].");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Generate(images.On(Device), code.On(Device)).Image.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The generator's forward pass with gradients (training): encode, decode with the code, blend when the design
    /// has a mask. Call inside a dispose scope.
    /// </summary>
    public DecodedFaces Generate(Tensor images, Tensor code) => Generate(encoder.Encode(images), images, code);

    /// <summary>As <see cref="Generate(Tensor, Tensor)"/> from an encoding already made (one encoding, several codes).</summary>
    public DecodedFaces Generate(EncodedFaces encoded, Tensor images, Tensor code) =>
        decoder.Render(encoded, code, Architecture.HasMask ? images : null);

    public Tensor Code(long[] targets, float[] intensities)
    {
        if (targets.Any(t => t < 0 || t >= Architecture.Classes))
            throw new ArgumentException($"Target {targets.First(t => t < 0 || t >= Architecture.Classes)} is outside the {Architecture.Classes} classes.");
        if (intensities.Any(i => !(i >= 0 && i <= 1)))
            throw new ArgumentException($"Intensity {intensities.First(i => !(i >= 0 && i <= 1))} is outside [0, 1].");
        return controller.Code(targets, intensities, Device);
    }

    void CheckImages(Tensor images)
    {
        var a = Architecture;
        if (images.dim() != 4 || images.shape[1] != a.Channels || images.shape[2] != a.ImageSize || images.shape[3] != a.ImageSize)
            throw new ArgumentException($"Images must be N x {a.Channels} x {a.ImageSize} x {a.ImageSize}, got [{string.Join(", ", images.shape)}].");
    }
}
