using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// D_z: adversarial prior on the identity code, as in an adversarial autoencoder (CAAE). Pushes encoder outputs
/// toward U(-1, 1)^ZDim so that decoding from any point of the box gives a face. [fc -> BN -> ReLU] per hidden
/// width (64, 32, 16 in the paper), then fc -> 1 logit.
/// </summary>
public sealed class IdentityDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Linear> fcs;
    readonly ModuleList<BatchNorm1d> norms;
    readonly Linear output;

    public IdentityDiscriminator(ExprGanArchitecture arch) : base(nameof(IdentityDiscriminator))
    {
        arch.Validated();
        var widths = arch.IdentityDiscriminatorHidden;
        var layers = new Linear[widths.Length];
        var normLayers = new BatchNorm1d[widths.Length];
        var input = arch.ZDim;
        for (var i = 0; i < widths.Length; i++)
        {
            layers[i] = nn.Linear(input, widths[i]);
            normLayers[i] = nn.BatchNorm1d(widths[i]);
            input = widths[i];
        }
        fcs = nn.ModuleList(layers);
        norms = nn.ModuleList(normLayers);
        output = nn.Linear(input, 1);
        RegisterComponents();
    }

    /// <param name="z">N x ZDim codes.</param>
    /// <returns>N prior-vs-encoded logits (prior = 1).</returns>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = z;
        for (var i = 0; i < fcs.Count; i++) h = nn.functional.relu(norms[i].forward(fcs[i].forward(h)));
        return output.forward(h).squeeze(1).MoveToOuterDisposeScope();
    }
}
