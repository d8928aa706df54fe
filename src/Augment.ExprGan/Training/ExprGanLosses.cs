using Augment.Identity;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>The loss terms of ExprGAN, each a scalar mean so weights are comparable across image sizes.</summary>
public static class ExprGanLosses
{
    /// <summary>L_pixel: mean absolute error between reconstruction and input.</summary>
    public static Tensor Pixel(Tensor xHat, Tensor x) => nn.functional.l1_loss(xHat, x);

    /// <summary>
    /// L_id = sum_l beta_l * mean |phi_l(x_hat) - phi_l(x)| with a frozen phi. The input's features carry no
    /// gradient; the reconstruction's pass it back to the generator.
    /// </summary>
    public static Tensor Identity(IIdentityNetwork phi, Tensor xHat, Tensor x)
    {
        IReadOnlyList<Tensor> target;
        using (no_grad()) target = phi.Features(x);
        var features = phi.Features(xHat);
        if (features.Count != target.Count || features.Count != phi.LayerWeights.Count)
            throw new InvalidOperationException($"The identity network returned {features.Count} feature maps for {phi.LayerWeights.Count} layer weights.");
        Tensor? sum = null;
        for (var l = 0; l < features.Count; l++)
        {
            var term = nn.functional.l1_loss(features[l], target[l]).mul(phi.LayerWeights[l]);
            sum = sum is null ? term : sum.add(term);
        }
        return sum ?? zeros(1, device: xHat.device).squeeze();
    }

    /// <summary>L_Q: mean squared error between Q's predicted code and the code the image was generated from.</summary>
    public static Tensor Regularizer(Tensor predicted, Tensor code) => nn.functional.mse_loss(predicted, code);

    /// <summary>Binary cross-entropy with logits against an all-real (1) or all-fake (0) target.</summary>
    public static Tensor Adversarial(Tensor logits, bool real) =>
        nn.functional.binary_cross_entropy_with_logits(logits, real ? ones_like(logits) : zeros_like(logits));

    /// <summary>L_tv: mean absolute difference between vertically and horizontally neighbouring pixels.</summary>
    public static Tensor TotalVariation(Tensor x)
    {
        x = x.to_type(ScalarType.Float32);   // under bf16 autocast x_hat is bfloat16; the loss stays float32 like the others
        var h = x.shape[2];
        var w = x.shape[3];
        var dv = x.narrow(2, 1, h - 1).sub(x.narrow(2, 0, h - 1)).abs().mean();
        var dh = x.narrow(3, 1, w - 1).sub(x.narrow(3, 0, w - 1)).abs().mean();
        return dv.add(dh);
    }
}
