using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// The identity-preserving design's auxiliary expression classifier (a departure from the paper, as StarGAN's D_cls):
/// unconditional, trained on real faces, it tells the generator whether an edit shows its target class. D_img and Q see
/// the target label as input channels, so neither can by itself push an edit away from the source's own expression.
/// It has K + 1 outputs: the K expressions and "an edit" (the semi-supervised GAN's extra class), and learns to put
/// edits in the last one, so an edit can only be read as its target by looking like a real face of it: a classifier
/// trained on real faces alone was fooled by smears (a dark band read as sadness) within an epoch.
/// m x [conv 4x4 stride 2 -> LeakyReLU(0.2)] with the D_img widths, flatten, fc -> K + 1 logits. Flattened, not pooled:
/// faces are aligned, and where a feature sits (mouth, brows) is what tells expressions apart (pooled, it learned
/// nothing in 300 steps on the procedural faces).
/// State dict: convs.{i}.weight/bias, fc.weight/bias.
/// </summary>
public sealed class ExpressionClassifier : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Conv2d> convs;
    readonly Linear fc;

    public ExpressionClassifier(ExprGanArchitecture arch) : base(nameof(ExpressionClassifier))
    {
        arch.Validated();
        var layers = new Conv2d[arch.DiscriminatorWidths.Length];
        var input = arch.Channels;
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = nn.Conv2d(input, arch.DiscriminatorWidths[i], 4, stride: 2, padding: 1, bias: true);
            input = arch.DiscriminatorWidths[i];
        }
        convs = nn.ModuleList(layers);
        fc = nn.Linear((long)input * arch.DiscriminatorEndSize * arch.DiscriminatorEndSize, arch.Classes + 1);
        EditClass = arch.Classes;
        RegisterComponents();
    }

    /// <summary>Index of the "an edit" output.</summary>
    public long EditClass { get; }

    /// <param name="x">N x C x S x S images in [-1, 1].</param>
    /// <returns>N x (K + 1) logits: the K classes, then "an edit".</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        foreach (var conv in convs) h = nn.functional.leaky_relu(conv.forward(h), 0.2);
        return fc.forward(h.flatten(1)).MoveToOuterDisposeScope();
    }
}
