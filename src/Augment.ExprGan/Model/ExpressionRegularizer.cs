using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// Q(c | x, y): recovers the expression code from the image discriminator's trunk features, so the decoder has to
/// make intensity visible in the image (the mutual-information term). fc -> BN -> LeakyReLU(0.2), then one head per
/// class: fc -> BN -> LeakyReLU(0.2) -> fc d -> tanh. Output N x K*d, class-major like the controller's code.
/// </summary>
public sealed class ExpressionRegularizer : nn.Module<Tensor, Tensor>
{
    readonly Linear fc;
    readonly BatchNorm1d fc_norm;
    readonly ModuleList<Sequential> heads;

    public ExpressionRegularizer(ExprGanArchitecture arch, int featureSize) : base(nameof(ExpressionRegularizer))
    {
        arch.Validated();
        fc = nn.Linear(featureSize, arch.RegularizerFc);
        fc_norm = nn.BatchNorm1d(arch.RegularizerFc);
        var perClass = new Sequential[arch.Classes];
        for (var k = 0; k < perClass.Length; k++)
            perClass[k] = nn.Sequential(
                ("fc", nn.Linear(arch.RegularizerFc, arch.RegularizerClassFc)),
                ("norm", nn.BatchNorm1d(arch.RegularizerClassFc)),
                ("act", nn.LeakyReLU(0.2)),
                ("out", nn.Linear(arch.RegularizerClassFc, arch.CodeDims)),
                ("tanh", nn.Tanh()));
        heads = nn.ModuleList(perClass);
        RegisterComponents();
    }

    /// <param name="features">N x FeatureSize output of <see cref="ImageDiscriminator.Features"/>.</param>
    /// <returns>N x K*d predicted expression code.</returns>
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(fc_norm.forward(fc.forward(features)), 0.2);
        return cat(heads.Select(head => head.forward(h)).ToList(), 1).MoveToOuterDisposeScope();
    }
}
