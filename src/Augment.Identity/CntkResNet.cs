using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// The convolutional trunk of the CNTK-exported ResNet18 in Microsoft.ML.DnnImageFeaturizer.ResNet18: 7x7/2 stem
/// conv + BN + ReLU + 3x3/2 max-pool, then four stages of basic blocks (64, 128, 256, 512 channels; the shipped
/// file has [2, 2, 2, 3] blocks, not torchvision's [2, 2, 2, 2]), global average pool. Fully convolutional, so it
/// runs at 48, 64, 128 or 224 pixels. Input: the network's own preprocessing (BGR, 0..255, mean subtracted).
/// </summary>
public sealed class CntkResNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Channel widths of the four stages.</summary>
    public static readonly IReadOnlyList<long> StageWidths = [64, 128, 256, 512];

    /// <summary>Names of the maps <see cref="Features"/> returns, in order.</summary>
    public static readonly IReadOnlyList<string> FeatureNames = ["stem", "layer1", "layer2", "layer3", "layer4"];

    private readonly Conv2d conv1;
    private readonly FrozenBatchNorm2d bn1;
    private readonly ModuleList<ResNetBasicBlock> layer1;
    private readonly ModuleList<ResNetBasicBlock> layer2;
    private readonly ModuleList<ResNetBasicBlock> layer3;
    private readonly ModuleList<ResNetBasicBlock> layer4;

    public CntkResNet(string name, IReadOnlyList<int> blocksPerStage, double eps, Device? device = null) : base(name)
    {
        if (blocksPerStage.Count != 4 || blocksPerStage.Any(b => b < 1))
            throw new ArgumentException($"Expected four stages of at least one block, got [{string.Join(", ", blocksPerStage)}].", nameof(blocksPerStage));
        BlocksPerStage = blocksPerStage.ToArray();
        conv1 = nn.Conv2d(3, StageWidths[0], 7, stride: 2, bias: false, device: device);
        bn1 = new FrozenBatchNorm2d("bn1", StageWidths[0], eps, device);
        layer1 = Stage(StageWidths[0], StageWidths[0], 1, blocksPerStage[0], eps, device);
        layer2 = Stage(StageWidths[0], StageWidths[1], 2, blocksPerStage[1], eps, device);
        layer3 = Stage(StageWidths[1], StageWidths[2], 2, blocksPerStage[2], eps, device);
        layer4 = Stage(StageWidths[2], StageWidths[3], 2, blocksPerStage[3], eps, device);
        RegisterComponents();
    }

    public IReadOnlyList<int> BlocksPerStage { get; }

    /// <summary>Globally average-pooled output, N x 512 x 1 x 1 (the ONNX file's output at 224x224).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = Stem(input, out _);
        foreach (var stage in Stages)
            foreach (var block in stage) x = block.forward(x);
        return nn.functional.adaptive_avg_pool2d(x, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Feature maps before ReLU, like VGG-Face's conv layers in ExprGAN: the stem's BN output (1/2 size) and each
    /// stage's last residual sum (1/4, 1/8, 1/16, 1/32), named by <see cref="FeatureNames"/>. Only the first
    /// <paramref name="maps"/> maps are computed (default all; the stages after them are skipped).
    /// </summary>
    public IReadOnlyList<Tensor> Features(Tensor input, int? maps = null)
    {
        var count = maps ?? FeatureNames.Count;
        if (count < 1 || count > FeatureNames.Count) throw new ArgumentOutOfRangeException(nameof(maps), $"Between 1 and {FeatureNames.Count} maps.");
        using var scope = NewDisposeScope();
        var x = Stem(input, out var stem);
        var features = new List<Tensor> { stem };
        foreach (var stage in Stages.Take(count - 1))
        {
            for (var i = 0; i < stage.Count - 1; i++) x = stage[i].forward(x);
            var pre = stage[^1].PreActivation(x);
            features.Add(pre);
            x = nn.functional.relu(pre);
        }
        scope.MoveToOuter(features);
        return features;
    }

    private IEnumerable<ModuleList<ResNetBasicBlock>> Stages => [layer1, layer2, layer3, layer4];

    private Tensor Stem(Tensor input, out Tensor preActivation)
    {
        preActivation = bn1.forward(conv1.forward(CntkPadding.Pad(input, 7, 2)));
        var x = nn.functional.relu(preActivation);
        return nn.functional.max_pool2d(CntkPadding.Pad(x, 3, 2, double.NegativeInfinity), 3, stride: 2);
    }

    private static ModuleList<ResNetBasicBlock> Stage(long inChannels, long outChannels, long stride, int blocks, double eps, Device? device) =>
        nn.ModuleList(Enumerable.Range(0, blocks)
            .Select(i => new ResNetBasicBlock($"block{i}", i == 0 ? inChannels : outChannels, outChannels, i == 0 ? stride : 1, eps, device))
            .ToArray());
}
