using Augment.ExprGan.Checkpoints;
using Augment.ExprGan.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Editing;

/// <summary>What Q read from an image: its most consistent class, the intensity per code dimension and the code.</summary>
public sealed record ExpressionReading(long[] Labels, Tensor Intensities, Tensor Codes);

/// <summary>
/// Reads the expression code of real images through Q on D_img's trunk (eval mode: batch norm uses its running
/// statistics, so images are read one by one, independently of the batch). D_img is conditioned on a label, so an
/// image of unknown label is read under every class and the class whose sign pattern Q's output agrees with most is
/// taken; the reading is then projected onto a valid controller code (class, |z_y| clamped to [0, 1]).
/// The weights come from a generator checkpoint written with its reader section (the trainer always writes one).
/// </summary>
public sealed class ExpressionReader : IDisposable
{
    readonly ImageDiscriminator discriminator;
    readonly ExpressionRegularizer regularizer;
    readonly ExpressionController controller;
    readonly bool owned;

    public ExpressionReader(ExprGanArchitecture architecture, ImageDiscriminator discriminator, ExpressionRegularizer regularizer,
        Device device, bool ownsModules = false)
    {
        Architecture = architecture;
        Device = device;
        this.discriminator = discriminator;
        this.regularizer = regularizer;
        controller = new ExpressionController(architecture.Classes, architecture.CodeDims);
        owned = ownsModules;
    }

    public ExprGanArchitecture Architecture { get; }
    public Device Device { get; }

    /// <summary>Loads the reader section of a generator checkpoint; fails, naming the file, when it has none.</summary>
    public static ExpressionReader Load(string path, Device device)
    {
        var (header, reader) = GeneratorFile.Open(path);
        using (reader)
        {
            if (!header.HasReader)
                throw new InvalidDataException($"'{path}' holds no expression reader (D_img trunk + Q): save it from the trainer or with " +
                    "ExprGanGenerator.Save(path, discriminator, regularizer) to use Transfer and Retrieve.");
            var arch = header.Architecture;
            using var encoder = new Encoder(arch);
            using var decoder = new Decoder(arch);
            var dImg = new ImageDiscriminator(arch);
            var q = new ExpressionRegularizer(arch, dImg.FeatureSize);
            GeneratorFile.Read(path, reader, encoder, decoder, dImg, q);
            dImg.to(device);
            q.to(device);
            return new ExpressionReader(arch, dImg, q, device, ownsModules: true);
        }
    }

    /// <summary>Q's raw output (N x K*d) for images read as the given one-hot classes.</summary>
    public Tensor Predict(Tensor images, Tensor oneHot)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var wasTraining = discriminator.training;
        discriminator.eval();
        regularizer.eval();
        var x = images.On(Device);
        var q = regularizer.forward(discriminator.Features(x, oneHot.On(Device).to_type(ScalarType.Float32)));
        discriminator.train(wasTraining);
        regularizer.train(wasTraining);
        return q.MoveToOuterDisposeScope();
    }

    /// <summary>Reads images of unknown expression (the most self-consistent class is chosen).</summary>
    public ExpressionReading Read(Tensor images)
    {
        var k = Architecture.Classes;
        var n = images.shape[0];
        using var scope = NewDisposeScope();
        var scores = new List<Tensor>();
        var intensities = new List<Tensor>();
        for (var c = 0; c < k; c++)
        {
            var y = nn.functional.one_hot(full(n, (long)c, ScalarType.Int64, device: Device), k);
            var (agreement, intensity) = Project(Predict(images, y), c);
            scores.Add(agreement);
            intensities.Add(intensity);
        }
        var best = stack(scores, 1).argmax(1);                                              // N
        var chosen = stack(intensities, 1).gather(1, best.view(n, 1, 1).expand(n, 1, Architecture.CodeDims)).squeeze(1);
        var labels = best.cpu().data<long>().ToArray();
        return Finish(labels, chosen);
    }

    /// <summary>Reads images whose expression class is known.</summary>
    public ExpressionReading Read(Tensor images, long[] labels)
    {
        if (labels.Length != images.shape[0]) throw new ArgumentException($"{labels.Length} labels for {images.shape[0]} images.");
        using var scope = NewDisposeScope();
        var y = nn.functional.one_hot(tensor(labels, device: Device), Architecture.Classes);
        var q = Predict(images, y).view(labels.Length, Architecture.Classes, Architecture.CodeDims);
        var signs = y.to_type(ScalarType.Float32).mul(2).sub(1).unsqueeze(2);
        return Finish(labels, q.mul(signs).mean([1]));
    }

    /// <summary>Agreement of Q's output with class c's sign pattern, and the implied |z_y| per dimension.</summary>
    (Tensor Agreement, Tensor Intensity) Project(Tensor q, int c)
    {
        var k = Architecture.Classes;
        var signs = full(k, -1f, device: Device);
        signs[c] = tensor(1f, device: Device);
        var signed = q.view(q.shape[0], k, Architecture.CodeDims).mul(signs.view(1, k, 1));
        return (signed.mean([1, 2]), signed.mean([1]));
    }

    ExpressionReading Finish(long[] labels, Tensor intensity)
    {
        var clamped = intensity.clamp(0, 1);
        var code = controller.forward(nn.functional.one_hot(tensor(labels, device: Device), Architecture.Classes), clamped);
        return new ExpressionReading(labels, clamped.MoveToOuterDisposeScope(), code.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        controller.Dispose();
        if (!owned) return;
        regularizer.Dispose();
        discriminator.Dispose();
    }
}
