using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>phi from a user's ONNX file (<see cref="OnnxFeatureNetwork"/>) with the user's stated preprocessing.</summary>
public sealed class OnnxIdentityNetwork : nn.Module, IIdentityNetwork
{
    private readonly ImageNormalizer preprocess;
    private readonly OnnxFeatureNetwork network;

    public OnnxIdentityNetwork(ImageNormalizer preprocess, OnnxFeatureNetwork network, IReadOnlyList<float>? layerWeights = null) : base("phi")
    {
        LayerWeights = IdentityNetworks.LayerWeights(layerWeights, network.Outputs.Count);
        this.preprocess = preprocess;
        this.network = network;
        RegisterComponents();
        IdentityNetworks.Freeze(this);
    }

    public IReadOnlyList<float> LayerWeights { get; }

    public IReadOnlyList<string> LayerNames => network.Outputs;

    public static OnnxIdentityNetwork Load(IdentityNetworkOptions options, Device device)
    {
        var path = options.ModelPath ?? throw new ArgumentException("The onnx identity network needs ModelPath (the .onnx file).");
        var layers = options.Layers is { Count: > 0 } l ? l
            : throw new ArgumentException($"The onnx identity network needs Layers: the names of the tensors in {path} to use as features.");
        var preprocessing = options.Preprocessing
            ?? throw new ArgumentException($"The onnx identity network needs Preprocessing: how {path} expects its pixels (range, channel order, mean, std).");
        var network = new OnnxFeatureNetwork(path, layers).to(device);
        return new OnnxIdentityNetwork(new ImageNormalizer("preprocess", preprocessing).to(device), network, options.LayerWeights);
    }

    public IReadOnlyList<Tensor> Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var features = network.forward(preprocess.forward(images)).ToList();
        scope.MoveToOuter(features);
        return features;
    }
}
