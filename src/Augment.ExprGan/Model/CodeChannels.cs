using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>Conditioning by concatenation: a per-image vector appended to feature maps as constant channels.</summary>
public static class CodeChannels
{
    /// <summary>N x C x H x W features ++ N x K (broadcast over H, W) -> N x (C+K) x H x W; the vector goes AFTER the features.</summary>
    public static Tensor Append(Tensor features, Tensor vector)
    {
        var planes = vector.to_type(features.dtype).unsqueeze(-1).unsqueeze(-1)
            .expand(vector.shape[0], vector.shape[1], features.shape[2], features.shape[3]);
        return cat([features, planes], 1);
    }
}
