using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// The frozen identity feature network phi of the identity loss: features at several depths, each weighted
/// beta_l. Pluggable, so a user with VGG-Face weights can supply their own.
/// </summary>
public interface IIdentityNetwork : IDisposable
{
    /// <summary>Per-layer weights beta_l, one per feature map returned by <see cref="Features"/>.</summary>
    IReadOnlyList<float> LayerWeights { get; }

    /// <summary>A name per feature map, for logs and reports (default: layer0, layer1, ...).</summary>
    IReadOnlyList<string> LayerNames => Enumerable.Range(0, LayerWeights.Count).Select(i => $"layer{i}").ToArray();

    /// <summary>Feature maps for images N x C x H x W in [-1, 1] (grayscale is repeated to RGB inside).</summary>
    IReadOnlyList<Tensor> Features(Tensor images);
}
