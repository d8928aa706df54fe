using static TorchSharp.torch;

namespace Augment.Classifier;

internal static class PixelScaling
{
    /// <summary>Maps a batch N x C x H x W from the column's scale to the network's (about [-1, 1]).</summary>
    public static Tensor ToNetwork(Tensor images, PixelScale scale)
    {
        switch (scale)
        {
            case PixelScale.MinusOneToOne: return images.alias();
            case PixelScale.ZeroToOne: return images.mul(2f).sub_(1f);
            case PixelScale.ZeroTo255: return images.div(127.5f).sub_(1f);
            case PixelScale.PerImage:
                using (var scope = NewDisposeScope())
                {
                    var flat = images.flatten(1);
                    var mean = flat.mean([1], keepdim: true);
                    var std = flat.std(1, keepdim: true).clamp_min(1e-6f);
                    return flat.sub(mean).div_(std).view_as(images).MoveToOuterDisposeScope();
                }
            default: throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown pixel scale.");
        }
    }
}
