namespace Augment.Identity;

/// <summary>
/// Which phi the identity loss uses. <see cref="Kind"/> "resnet18" (default): the CNTK ResNet18 of
/// Microsoft.ML.DnnImageFeaturizer.ResNet18, <see cref="Layers"/> from <see cref="CntkResNet.FeatureNames"/> (default: all),
/// <see cref="ModelPath"/> an optional DnnImageModels folder. Kind "onnx": a user's own network (e.g. VGG-Face
/// exported to ONNX) run by <see cref="OnnxFeatureNetwork"/>; <see cref="ModelPath"/> is the .onnx file,
/// <see cref="Layers"/> the graph tensors to return (e.g. its conv outputs) and <see cref="Preprocessing"/> is required.
/// <see cref="LayerWeights"/> are beta_l, one per layer (default 1 each).
/// </summary>
public sealed record IdentityNetworkOptions
{
    public string Kind { get; init; } = IdentityNetworks.ResNet18;
    public IReadOnlyList<string>? Layers { get; init; }
    public IReadOnlyList<float>? LayerWeights { get; init; }
    public string? ModelPath { get; init; }
    public ImagePreprocessing? Preprocessing { get; init; }
}
