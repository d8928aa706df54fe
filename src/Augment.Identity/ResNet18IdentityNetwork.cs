using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// phi = the CNTK ResNet18 (ImageNet-trained, not a face network) with its own preprocessing: images in [-1, 1]
/// become BGR 0..255 minus the mean image at 224x224 or minus the per-channel means at any other size. Returns the
/// pre-ReLU maps selected from <see cref="CntkResNet.FeatureNames"/>.
/// </summary>
public sealed class ResNet18IdentityNetwork : nn.Module, IIdentityNetwork
{
    private readonly ImageNormalizer preprocess;
    private readonly CntkResNet trunk;
    private readonly int[] selected;

    public ResNet18IdentityNetwork(ImageNormalizer preprocess, CntkResNet trunk, IReadOnlyList<string>? layers = null, IReadOnlyList<float>? layerWeights = null)
        : base("phi")
    {
        LayerNames = layers?.ToArray() ?? CntkResNet.FeatureNames.ToArray();
        if (LayerNames.Count == 0) throw new ArgumentException("Select at least one feature layer.", nameof(layers));
        selected = LayerNames.Select(l => CntkResNet.FeatureNames.ToList().IndexOf(l) is var i && i >= 0 ? i
            : throw new ArgumentException($"Unknown ResNet18 feature layer '{l}': use {string.Join(", ", CntkResNet.FeatureNames)}.", nameof(layers))).ToArray();
        LayerWeights = IdentityNetworks.LayerWeights(layerWeights, LayerNames.Count);
        this.preprocess = preprocess;
        this.trunk = trunk;
        RegisterComponents();
        IdentityNetworks.Freeze(this);
    }

    public IReadOnlyList<string> LayerNames { get; }

    public IReadOnlyList<float> LayerWeights { get; }

    public CntkResNet Trunk => trunk;

    public ImageNormalizer Preprocess => preprocess;

    public static ResNet18IdentityNetwork Load(IdentityNetworkOptions options, Device device)
    {
        var files = ResNet18ModelFiles.Locate(options.ModelPath);
        var trunk = CntkResNetLoader.Load(files.ModelPath, device);
        var preprocess = CntkResNetPreprocess.CreateNormalizer(files.PreprocessPath).to(device);
        return new ResNet18IdentityNetwork(preprocess, trunk, options.Layers, options.LayerWeights);
    }

    public IReadOnlyList<Tensor> Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var all = trunk.Features(preprocess.forward(images), selected.Max() + 1);
        var features = selected.Select(i => all[i]).ToList();
        scope.MoveToOuter(features);
        return features;
    }
}
