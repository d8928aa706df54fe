using Augment.ExprGan.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// Every network ExprGAN trains: the generator (encoder, controller, decoder), the conditional image
/// discriminator D_img with the expression regularizer Q on its trunk, and the identity-code discriminator D_z.
/// </summary>
public sealed class ExprGanNetworks : IDisposable
{
    ExprGanNetworks(ExprGanGenerator generator, ImageDiscriminator dImg, ExpressionRegularizer q, IdentityDiscriminator dZ,
        ExpressionClassifier? classifier)
    {
        Generator = generator;
        ImageDiscriminator = dImg;
        Regularizer = q;
        IdentityDiscriminator = dZ;
        Classifier = classifier;
    }

    public ExprGanGenerator Generator { get; }
    public ImageDiscriminator ImageDiscriminator { get; }
    public ExpressionRegularizer Regularizer { get; }
    public IdentityDiscriminator IdentityDiscriminator { get; }
    /// <summary>The auxiliary expression classifier of the identity-preserving design; null for the paper's.</summary>
    public ExpressionClassifier? Classifier { get; }
    public ExprGanArchitecture Architecture => Generator.Architecture;
    public Encoder Encoder => Generator.Encoder;
    public Decoder Decoder => Generator.Decoder;
    public ExpressionController Controller => Generator.Controller;
    public Device Device => Generator.Device;

    /// <summary>Randomly initialised networks; libtorch's global generator is seeded with <paramref name="seed"/> first.</summary>
    public static ExprGanNetworks Create(ExprGanArchitecture arch, IReadOnlyList<string> classNames, Device device, int seed)
    {
        var g = ExprGanGenerator.Create(arch, classNames, device, seed);
        var dImg = new ImageDiscriminator(arch).to(device);
        var q = new ExpressionRegularizer(arch, dImg.FeatureSize).to(device);
        var dZ = new IdentityDiscriminator(arch).to(device);
        var classifier = arch.HasMask ? new ExpressionClassifier(arch).to(device) : null;
        return new ExprGanNetworks(g, dImg, q, dZ, classifier);
    }

    /// <summary>Training mode: discriminator batch norm uses batch statistics. Eval mode uses running statistics.</summary>
    public void Train(bool on)
    {
        Generator.train(on);
        ImageDiscriminator.train(on);
        Regularizer.train(on);
        IdentityDiscriminator.train(on);
        Classifier?.train(on);
    }

    /// <summary>Encoder and decoder: what the generator optimiser updates (the encoder gets no gradient in stage 1).</summary>
    public IEnumerable<Parameter> GeneratorParameters() => Encoder.parameters().Concat(Decoder.parameters());

    /// <summary>D_img and Q, updated together: Q shares D_img's trunk (and the auxiliary classifier, trained in the same step).</summary>
    public IEnumerable<Parameter> ImageDiscriminatorParameters() => ImageDiscriminator.parameters().Concat(Regularizer.parameters())
        .Concat(Classifier?.parameters() ?? []);

    /// <summary>The modules of a training checkpoint, in file order, with their section names.</summary>
    public IReadOnlyList<(string Name, nn.Module Module)> Sections()
    {
        List<(string, nn.Module)> sections =
        [
            ("encoder", Encoder), ("decoder", Decoder), ("image discriminator", ImageDiscriminator),
            ("expression regularizer", Regularizer), ("identity discriminator", IdentityDiscriminator),
        ];
        if (Classifier != null) sections.Add(("expression classifier", Classifier));
        return sections;
    }

    public void Dispose()
    {
        Classifier?.Dispose();
        IdentityDiscriminator.Dispose();
        Regularizer.Dispose();
        ImageDiscriminator.Dispose();
        Generator.Dispose();
    }
}
