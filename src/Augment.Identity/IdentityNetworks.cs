using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// Creates the identity feature network phi. Any other phi can be plugged in by implementing
/// <see cref="IIdentityNetwork"/> directly (frozen parameters, gradients flowing to the input).
/// </summary>
public static class IdentityNetworks
{
    public const string ResNet18 = "resnet18";
    public const string Onnx = "onnx";

    public static IReadOnlyList<string> Kinds { get; } = [ResNet18, Onnx];

    public static IIdentityNetwork Create(IdentityNetworkOptions options, Device device) => options.Kind.Trim().ToLowerInvariant() switch
    {
        ResNet18 => ResNet18IdentityNetwork.Load(options, device),
        Onnx => OnnxIdentityNetwork.Load(options, device),
        _ => throw new ArgumentException($"Unknown identity network '{options.Kind}': use {string.Join(" or ", Kinds)}."),
    };

    /// <summary>beta_l: the given weights (one per layer, finite, non-negative) or 1 for every layer.</summary>
    internal static IReadOnlyList<float> LayerWeights(IReadOnlyList<float>? weights, int layers)
    {
        if (weights is null) return Enumerable.Repeat(1f, layers).ToArray();
        if (weights.Count != layers)
            throw new ArgumentException($"Got {weights.Count} layer weights for {layers} feature layers.");
        if (weights.Any(w => !float.IsFinite(w) || w < 0))
            throw new ArgumentException($"Layer weights must be finite and non-negative, got [{string.Join(", ", weights)}].");
        return weights.ToArray();
    }

    /// <summary>phi is never trained: no parameter takes gradients, and BN/dropout stay in inference mode.</summary>
    internal static void Freeze(nn.Module module)
    {
        foreach (var p in module.parameters()) p.requires_grad = false;
        module.eval();
    }
}
