using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// Differentiable augmentation for data-efficient GAN training (Zhao et al., NeurIPS 2020): every image the image
/// discriminator or the auxiliary classifier sees, real or generated, in their step and in the generator's, is
/// randomly shifted in brightness and contrast, translated by up to an eighth of its size and has a square of half
/// its size blanked. With a thousand training faces the discriminator and classifier otherwise learn them by heart,
/// and the generator can satisfy them with faint strokes; through the augmentation the gradient still reaches the
/// generator. Images are in [-1, 1]; blanked and uncovered pixels become 0 (mid grey).
/// </summary>
public static class DifferentiableAugmentation
{
    /// <summary>The augmented batch (same shape and device); random numbers drawn from <paramref name="generator"/> (CPU).</summary>
    public static Tensor Apply(Tensor x, Generator generator)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        var device = x.device;
        Tensor Rand(params long[] shape) => rand(shape, generator: generator).to(device);

        // Colour: brightness +-0.5 and contrast x[0.5, 1.5] around the image mean.
        var y = x.add(Rand(n, 1, 1, 1).sub(0.5));
        var mean = y.mean([1, 2, 3], keepdim: true);
        y = y.sub(mean).mul(Rand(n, 1, 1, 1).add(0.5)).add(mean);

        // Translation by whole pixels, up to 1/8 of the size each way, zeros coming in.
        var shiftX = Rand(n).mul(2 * (w / 8) + 1).floor().sub(w / 8);
        var shiftY = Rand(n).mul(2 * (h / 8) + 1).floor().sub(h / 8);
        var theta = zeros(n, 2, 3, device: device);
        theta[TensorIndex.Colon, 0, 0] = tensor(1f);
        theta[TensorIndex.Colon, 1, 1] = tensor(1f);
        theta[TensorIndex.Colon, 0, 2] = shiftX.mul(-2.0 / w);
        theta[TensorIndex.Colon, 1, 2] = shiftY.mul(-2.0 / h);
        var grid = nn.functional.affine_grid(theta, [n, x.shape[1], h, w], align_corners: false);
        y = nn.functional.grid_sample(y, grid, mode: GridSampleMode.Nearest, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);

        // Cutout: a square of half the size, centred anywhere in the image.
        long ch = h / 2, cw = w / 2;
        var cy = Rand(n).mul(h + 1 - ch % 2).floor().view(n, 1, 1);
        var cx = Rand(n).mul(w + 1 - cw % 2).floor().view(n, 1, 1);
        var rows = arange(h, device: device).view(1, h, 1);
        var cols = arange(w, device: device).view(1, 1, w);
        var inside = rows.ge(cy.sub(ch / 2)).logical_and(rows.lt(cy.sub(ch / 2).add(ch)))
            .logical_and(cols.ge(cx.sub(cw / 2))).logical_and(cols.lt(cx.sub(cw / 2).add(cw)));
        y = y.mul(inside.logical_not().to_type(y.dtype).unsqueeze(1));
        return y.MoveToOuterDisposeScope();
    }
}
