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
    ExprGanNetworks(ExprGanGenerator generator, ImageDiscriminator dImg, ExpressionRegularizer q, IdentityDiscriminator dZ)
    {
        Generator = generator;
        ImageDiscriminator = dImg;
        Regularizer = q;
        IdentityDiscriminator = dZ;
    }

    public ExprGanGenerator Generator { get; }
    public ImageDiscriminator ImageDiscriminator { get; }
    public ExpressionRegularizer Regularizer { get; }
    public IdentityDiscriminator IdentityDiscriminator { get; }
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
        return new ExprGanNetworks(g, dImg, q, dZ);
    }

    /// <summary>Training mode: discriminator batch norm uses batch statistics. Eval mode uses running statistics.</summary>
    public void Train(bool on)
    {
        Generator.train(on);
        ImageDiscriminator.train(on);
        Regularizer.train(on);
        IdentityDiscriminator.train(on);
    }

    /// <summary>Encoder and decoder: what the generator optimiser updates (the encoder gets no gradient in stage 1).</summary>
    public IEnumerable<Parameter> GeneratorParameters() => Encoder.parameters().Concat(Decoder.parameters());

    /// <summary>D_img and Q, updated together: Q shares D_img's trunk.</summary>
    public IEnumerable<Parameter> ImageDiscriminatorParameters() => ImageDiscriminator.parameters().Concat(Regularizer.parameters());

    /// <summary>The modules of a training checkpoint, in file order, with their section names.</summary>
    public IReadOnlyList<(string Name, nn.Module Module)> Sections() =>
    [
        ("encoder", Encoder), ("decoder", Decoder), ("image discriminator", ImageDiscriminator),
        ("expression regularizer", Regularizer), ("identity discriminator", IdentityDiscriminator),
    ];

    public void Dispose()
    {
        IdentityDiscriminator.Dispose();
        Regularizer.Dispose();
        ImageDiscriminator.Dispose();
        Generator.Dispose();
    }
}
