using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// D_img(x, y): conditional image discriminator. The one-hot label y enters as constant channels with the image
/// and again after every block: m x [conv 5x5 stride 2 -> BN -> ReLU -> concat y], flatten, fc -> BN -> LeakyReLU(0.2)
/// -> concat y. That trunk's output (<see cref="Features"/>) feeds both the adversarial head here and the expression
/// regularizer Q. Batch norm uses batch statistics in training, so real and fake batches go through separately.
/// </summary>
public sealed class ImageDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly ModuleList<Conv2d> convs;
    readonly ModuleList<BatchNorm2d> norms;
    readonly Linear fc;
    readonly BatchNorm1d fc_norm;
    readonly Linear adversarial;

    public ImageDiscriminator(ExprGanArchitecture arch) : base(nameof(ImageDiscriminator))
    {
        arch.Validated();
        var k = arch.Classes;
        var convLayers = new Conv2d[arch.DiscriminatorWidths.Length];
        var normLayers = new BatchNorm2d[convLayers.Length];
        var input = arch.Channels;
        for (var i = 0; i < convLayers.Length; i++)
        {
            convLayers[i] = nn.Conv2d(input + k, arch.DiscriminatorWidths[i], 5, stride: 2, padding: 2, bias: true);
            normLayers[i] = nn.BatchNorm2d(arch.DiscriminatorWidths[i]);
            input = arch.DiscriminatorWidths[i];
        }
        convs = nn.ModuleList(convLayers);
        norms = nn.ModuleList(normLayers);
        var end = arch.DiscriminatorEndSize;
        fc = nn.Linear((long)(input + k) * end * end, arch.DiscriminatorFc);
        fc_norm = nn.BatchNorm1d(arch.DiscriminatorFc);
        FeatureSize = arch.DiscriminatorFc + k;
        adversarial = nn.Linear(FeatureSize, 1);
        RegisterComponents();
    }

    /// <summary>Width of the trunk output: DiscriminatorFc + K.</summary>
    public int FeatureSize { get; }

    /// <summary>The shared trunk: N x FeatureSize features of images x given one-hot labels y (N x K).</summary>
    public Tensor Features(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        // Every conv sees h ++ planes(y); CodeConvolution computes that without concatenating the planes.
        var h = x;
        for (var i = 0; i < convs.Count; i++)
            h = nn.functional.relu(norms[i].forward(CodeConvolution.Conv2d(h, y, convs[i].weight!, convs[i].bias, 2, 2)));
        h = CodeChannels.Append(h, y);
        var f = nn.functional.leaky_relu(fc_norm.forward(fc.forward(h.flatten(1))), 0.2);
        return cat([f, y.to_type(f.dtype)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>Real/fake logits (N) from trunk features.</summary>
    public Tensor Adversarial(Tensor features) => adversarial.forward(features).squeeze(1);

    /// <summary>Real/fake logits (N) for images x with one-hot labels y.</summary>
    public override Tensor forward(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        return Adversarial(Features(x, y)).MoveToOuterDisposeScope();
    }
}
