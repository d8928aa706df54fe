using Augment.Identity;
using Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

/// <summary>The plug-in path: a user's own ONNX network (here a tiny VGG-shaped one) as phi.</summary>
public sealed class OnnxIdentityNetworkTests(ITestOutputHelper output) : IDisposable
{
    private readonly string modelPath = Path.Combine(Path.GetTempPath(), $"augment-tiny-vgg-{Environment.ProcessId}.onnx");
    private static readonly ImagePreprocessing VggStyle = new(255f, ChannelOrder.Rgb, [129.1863f, 104.7624f, 93.5940f], [1f, 1f, 1f]);

    public void Dispose()
    {
        if (File.Exists(modelPath)) File.Delete(modelPath);
    }

    [Fact]
    public void MatchesOnnxRuntimeAtTheRequestedLayers()
    {
        using var scope = NewDisposeScope();
        var bytes = TinyVggOnnx.Build(seed: 11);
        File.WriteAllBytes(modelPath, bytes);
        var withOutputs = OnnxReference.WithOutputs(ModelProto.Parser.ParseFrom(bytes), [TinyVggOnnx.Conv12, TinyVggOnnx.Conv21]);
        using var net = new OnnxFeatureNetwork(modelPath, [TinyVggOnnx.Conv12, TinyVggOnnx.Conv21]);
        var x = IdentityTestData.Image(1, 3, 32, seed: 12) * 100f;
        var reference = OnnxReference.Run(withOutputs, TinyVggOnnx.Input, x, [TinyVggOnnx.Conv12, TinyVggOnnx.Conv21]);
        using var _ = no_grad();
        var ours = net.forward(x);
        for (var i = 0; i < ours.Count; i++)
        {
            var r = reference[net.Outputs[i]];
            var diff = OnnxReference.MaxAbsDiff(ours[i], r);
            output.WriteLine($"{net.Outputs[i]} {string.Join("x", r.shape)}: max |diff| {diff:E2} (values up to {OnnxReference.MaxAbs(r):F1})");
            Assert.True(diff < 1e-3f, $"{net.Outputs[i]} differs by {diff}");
        }
    }

    [Fact]
    public void WorksAsPhiThroughTheFactory()
    {
        using var scope = NewDisposeScope();
        File.WriteAllBytes(modelPath, TinyVggOnnx.Build(seed: 13));
        using var phi = IdentityNetworks.Create(new IdentityNetworkOptions
        {
            Kind = IdentityNetworks.Onnx, ModelPath = modelPath, Layers = [TinyVggOnnx.Conv12, TinyVggOnnx.Conv21], Preprocessing = VggStyle,
        }, CPU);
        Assert.Equal([1f, 1f], phi.LayerWeights);

        var gray = IdentityTestData.Image(2, 1, 48, seed: 14).requires_grad_(true);
        var features = phi.Features(gray);
        Assert.Equal(new long[] { 2, 4, 48, 48 }, features[0].shape);
        Assert.Equal(new long[] { 2, 8, 24, 24 }, features[1].shape);
        (features[0].abs().mean() + features[1].abs().mean()).backward();
        Assert.True(gray.grad!.abs().sum().item<float>() > 0f);
        Assert.All(((nn.Module)phi).parameters(), p => Assert.Null(p.grad));

        // The stated preprocessing: gray [-1, 1] -> RGB 0..255 minus the per-channel means.
        using var generic = new OnnxFeatureNetwork(modelPath, [TinyVggOnnx.Conv12]);
        using var _ = no_grad();
        var rgb = (gray.detach().repeat(1, 3, 1, 1) + 1f) * 127.5f - tensor(VggStyle.Mean.ToArray()).reshape(1, 3, 1, 1);
        Assert.True(OnnxReference.MaxAbsDiff(generic.forward(rgb)[0], features[0].detach()) < 1e-4f);
    }

    [Fact]
    public void ExplainsWhatItCannotRun()
    {
        File.WriteAllBytes(modelPath, TinyVggOnnx.Build(seed: 15));
        var unsupported = Assert.Throws<NotSupportedException>(() => new OnnxFeatureNetwork(modelPath, [TinyVggOnnx.Fc]));
        Assert.Contains("MatMul", unsupported.Message);
        Assert.Contains("Flatten", unsupported.Message);
        Assert.Contains(modelPath, unsupported.Message);
        var unknown = Assert.Throws<ArgumentException>(() => new OnnxFeatureNetwork(modelPath, ["conv9_9"]));
        Assert.Contains("conv9_9", unknown.Message);
        Assert.Contains(TinyVggOnnx.Conv21, unknown.Message);
    }
}
