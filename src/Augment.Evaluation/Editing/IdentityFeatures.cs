using Augment.Identity;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Evaluation.Editing;

/// <summary>
/// phi's identity descriptor of an image: the deepest feature map phi returns, globally average-pooled and flattened
/// (N x channels; for ResNet18's layer4 the network's own 512-d embedding).
/// </summary>
public static class IdentityFeatures
{
    public static Tensor Pooled(IIdentityNetwork phi, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var maps = phi.Features(images);
        if (maps.Count == 0) throw new InvalidOperationException("The identity network returned no feature maps.");
        var deepest = maps[^1];
        var pooled = deepest.dim() == 4 ? nn.functional.adaptive_avg_pool2d(deepest, 1).flatten(1) : deepest.flatten(1);
        return pooled.cpu().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The deepest ResNet18 stage whose map is still at least 1x1 at this image size. Every strided layer of the shipped
    /// network (stem conv, max-pool, first conv of layer2..4) maps a side s >= 2 to floor(s / 2) and fails below 2.
    /// </summary>
    public static string ResNet18LayerFor(int imageSize)
    {
        var names = CntkResNet.FeatureNames;                     // stem, layer1 (after the max-pool), layer2, layer3, layer4
        if (imageSize < 2) throw new ArgumentException($"Images of {imageSize} px are too small for ResNet18.");
        var size = imageSize / 2;                                // stem
        var layer = 0;
        while (layer + 1 < names.Count && size >= 2)
        {
            size /= 2;
            layer++;
        }
        return names[layer];
    }
}
