using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// STAND-IN identity network for tests and smoke runs, NOT a face network: three fixed, randomly initialised
/// 3x3 convolutions (stride 2 after the first), features taken before each ReLU. Random conv features still
/// measure local structure, which exercises the identity-loss path (gradient flow, weights, shapes) without
/// the pretrained ResNet18 the identity branch provides. Frozen: no parameter requires a gradient.
/// </summary>
public sealed class RandomConvIdentity : nn.Module<Tensor, Tensor>, IIdentityNetwork
{
    readonly ModuleList<Conv2d> convs;

    public RandomConvIdentity(int seed, int width = 8, Device? device = null) : base(nameof(RandomConvIdentity))
    {
        var layers = new[]
        {
            nn.Conv2d(3, width, 3, stride: 1, padding: 1),
            nn.Conv2d(width, width * 2, 3, stride: 2, padding: 1),
            nn.Conv2d(width * 2, width * 4, 3, stride: 2, padding: 1),
        };
        convs = nn.ModuleList(layers);
        RegisterComponents();
        // Own generator, so the stand-in is the same whatever else seeded libtorch's global one.
        using var gen = new Generator((ulong)seed, CPU);
        using (no_grad())
            foreach (var p in parameters())
            {
                var fanIn = p.dim() > 1 ? p.shape.Skip(1).Aggregate(1L, (a, b) => a * b) : width;
                p.copy_(randn(p.shape, generator: gen).mul(Math.Sqrt(2.0 / fanIn)));
            }
        foreach (var p in parameters()) p.requires_grad = false;
        if (device != null) this.to(device);
        eval();
        LayerWeights = [1f, 1f, 1f];
    }

    public IReadOnlyList<float> LayerWeights { get; }

    public IReadOnlyList<Tensor> Features(Tensor images)
    {
        var h = images.shape[1] == 1 ? images.expand(-1, 3, -1, -1) : images;
        var features = new List<Tensor>();
        for (var i = 0; i < convs.Count; i++)
        {
            var pre = convs[i].forward(h);
            features.Add(pre);
            h = nn.functional.relu(pre);
        }
        return features;
    }

    /// <summary>The deepest feature map.</summary>
    public override Tensor forward(Tensor images) => Features(images)[^1];
}
