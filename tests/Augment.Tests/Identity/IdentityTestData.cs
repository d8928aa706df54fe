using Augment.Identity;
using Onnx;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

/// <summary>One ResNet18 phi (CPU) shared by the identity tests: the ONNX file takes a second or two to read.</summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Fixture()
    {
        Files = ResNet18ModelFiles.Locate();
        Phi = ResNet18IdentityNetwork.Load(new IdentityNetworkOptions(), CPU);
        Model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Files.ModelPath));
        StageNames = StageTensorNames(Model.Graph, Phi.Trunk.BlocksPerStage);
    }

    public ResNet18ModelFiles Files { get; }
    public ResNet18IdentityNetwork Phi { get; }

    /// <summary>The parsed ResNet18.onnx.</summary>
    public ModelProto Model { get; }

    /// <summary>ONNX tensor names of <see cref="CntkResNet.FeatureNames"/>: the stem's BN output and each stage's last residual sum.</summary>
    public IReadOnlyList<string> StageNames { get; }

    private static List<string> StageTensorNames(GraphProto graph, IReadOnlyList<int> blocksPerStage)
    {
        var stem = graph.Node.First(n => n.OpType == "BatchNormalization").Output[0];
        var sums = graph.Node.Where(n => n.OpType == "Add").Select(n => n.Output[0]).ToList();
        var names = new List<string> { stem };
        var end = 0;
        foreach (var blocks in blocksPerStage) names.Add(sums[(end += blocks) - 1]);
        return names;
    }

    public void Dispose() => Phi.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ResNet18Collection : ICollectionFixture<ResNet18Fixture>
{
    public const string Name = "ResNet18 identity network";
}

internal static class IdentityTestData
{
    /// <summary>A seeded, face-like-smooth test image in [-1, 1]: low-resolution noise upsampled, plus fine noise.</summary>
    public static Tensor Image(long n, long c, long size, int seed)
    {
        var g = new TorchSharp.torch.Generator((ulong)seed);
        using var coarse = rand(n, c, 8, 8, generator: g);
        using var up = nn.functional.interpolate(coarse, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        using var fine = rand(n, c, size, size, generator: g);
        return (up * 1.6f + fine * 0.4f - 1f).clamp(-1f, 1f);
    }
}
