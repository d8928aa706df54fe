using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Classifier;

/// <summary>The standard augmentation for aligned faces: random horizontal flip and a shift of a few pixels.</summary>
internal static class TrainingAugmentation
{
    /// <summary>Each image is flipped with probability 1/2 and shifted by up to maxShift px each way (edges replicated).
    /// The draws come from <paramref name="rng"/>, so a seeded run is repeatable.</summary>
    public static Tensor FlipAndShift(Tensor batch, Random rng, int maxShift)
    {
        using var scope = NewDisposeScope();
        var (h, w) = (batch.shape[2], batch.shape[3]);
        var padded = maxShift > 0
            ? nn.functional.pad(batch, [maxShift, maxShift, maxShift, maxShift], PaddingModes.Replicate)
            : batch;
        var images = new Tensor[batch.shape[0]];
        for (var i = 0; i < images.Length; i++)
        {
            var flip = rng.Next(2) == 1;
            var dy = rng.Next(-maxShift, maxShift + 1);
            var dx = rng.Next(-maxShift, maxShift + 1);
            var image = padded[i].narrow(1, maxShift + dy, h).narrow(2, maxShift + dx, w);
            images[i] = flip ? image.flip(2) : image;
        }
        return stack(images).MoveToOuterDisposeScope();
    }
}
