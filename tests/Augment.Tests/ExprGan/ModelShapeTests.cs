using Augment.ExprGan.Training;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

public class ModelShapeTests
{
    static readonly string[] Six = ["anger", "disgust", "fear", "happiness", "sadness", "surprise"];

    [Theory]
    [InlineData("tiny", 1)]
    [InlineData("tiny", 3)]
    [InlineData("cpu", 1)]
    public void EveryModuleHasTheDocumentedShapes(string preset, int channels)
    {
        var arch = ExprGanPreset.Get(preset).Architecture(channels, 6);
        random.manual_seed(1);
        using var enc = new Encoder(arch);
        using var dec = new Decoder(arch);
        using var dImg = new ImageDiscriminator(arch);
        using var q = new ExpressionRegularizer(arch, dImg.FeatureSize);
        using var dZ = new IdentityDiscriminator(arch);
        using var ctrl = new ExpressionController(arch.Classes, arch.CodeDims);
        using var scope = NewDisposeScope();
        var n = 3;
        var x = rand(n, channels, arch.ImageSize, arch.ImageSize).mul(2).sub(1);
        var y = nn.functional.one_hot(tensor(new long[] { 0, 3, 5 }), 6);
        var z = enc.forward(x);
        Assert.Equal(new long[] { n, arch.ZDim }, z.shape);
        Assert.True(z.abs().max().item<float>() <= 1f);
        var c = ctrl.forward(y, rand(n, arch.CodeDims).mul(2).sub(1));
        Assert.Equal(new long[] { n, arch.CodeSize }, c.shape);
        var xh = dec.forward(z, c);
        Assert.Equal(x.shape, xh.shape);
        var f = dImg.Features(xh, y);
        Assert.Equal(new long[] { n, arch.DiscriminatorFc + 6 }, f.shape);
        Assert.Equal(new long[] { n }, dImg.Adversarial(f).shape);
        Assert.Equal(new long[] { n, arch.CodeSize }, q.forward(f).shape);
        Assert.Equal(new long[] { n }, dZ.forward(z).shape);
    }

    [Fact]
    public void PaperPresetHasTheOriginalParameterShapes()
    {
        var arch = ExprGanPreset.Paper.Architecture(3, 6);
        using var g = ExprGanGenerator.Create(arch, Six, CPU, 1);
        var sd = g.StateDict();
        Assert.Equal(new long[] { 64, 3, 5, 5 }, sd["encoder.convs.0.weight"].shape);
        Assert.Equal(new long[] { 1024, 512, 5, 5 }, sd["encoder.convs.4.weight"].shape);
        Assert.Equal(new long[] { 50, 1024 * 4 * 4 }, sd["encoder.fc.weight"].shape);
        Assert.Equal(new long[] { 1024 * 4 * 4, 50 + 8 * 30 }, sd["decoder.fc.weight"].shape);
        Assert.Equal(new long[] { 512, 1024 + 30, 3, 3 }, sd["decoder.ups.0.weight"].shape);
        Assert.Equal(new long[] { 32, 64 + 30, 3, 3 }, sd["decoder.ups.4.weight"].shape);
        Assert.Equal(new long[] { 16, 32 + 30, 3, 3 }, sd["decoder.penultimate.weight"].shape);
        Assert.Equal(new long[] { 3, 16 + 30, 3, 3 }, sd["decoder.output.weight"].shape);
        Assert.Equal(new long[] { 3 }, sd["decoder.output.bias"].shape);
        Assert.False(sd.ContainsKey("decoder.ups.0.bias"));
        Assert.False(sd.ContainsKey("decoder.penultimate.bias"));
        Assert.All(sd.Keys, k => Assert.True(k.StartsWith("encoder.") || k.StartsWith("decoder."), k));
        using var dImg = new ImageDiscriminator(arch);
        var dsd = dImg.state_dict();
        Assert.Equal(new long[] { 16, 3 + 6, 5, 5 }, dsd["convs.0.weight"].shape);
        Assert.Equal(new long[] { 1024, (128 + 6) * 8 * 8 }, dsd["fc.weight"].shape);
        using var q = new ExpressionRegularizer(arch, dImg.FeatureSize);
        Assert.Equal(new long[] { 5, 64 }, q.state_dict()["heads.5.out.weight"].shape);
    }

    [Fact]
    public void PaperGeneratorRunsOneImage()
    {
        var arch = ExprGanPreset.Paper.Architecture(3, 6);
        using var g = ExprGanGenerator.Create(arch, Six, CPU, 1);
        using var scope = NewDisposeScope();
        var x = zeros(1, 3, 128, 128);
        var z = g.Encode(x);
        var xh = g.Decode(z, g.Code([3], [0.5f]));
        Assert.Equal(new long[] { 1, 3, 128, 128 }, xh.shape);
    }

    [Fact]
    public void ArchitectureRejectsSizesThatDoNotHalve()
    {
        var e = Assert.Throws<ArgumentException>(() => (ExprGanPreset.Tiny with { ImageSize = 18 }).Architecture(1, 6));
        Assert.Contains("divisible", e.Message);
    }

    [Fact]
    public void ControllerPutsIntensityInTheTargetBlockAndItsNegativeElsewhere()
    {
        using var ctrl = new ExpressionController(3, 2);
        using var scope = NewDisposeScope();
        var c = ctrl.forward(nn.functional.one_hot(tensor(new long[] { 1 }), 3), tensor(new[] { -0.3f, 0.8f }).unsqueeze(0));
        Assert.Equal(new[] { -0.3f, -0.8f, 0.3f, 0.8f, -0.3f, -0.8f }, c.data<float>().ToArray());
        var code = ctrl.Code([2], [0.25f], CPU);
        Assert.Equal(new[] { -0.25f, -0.25f, -0.25f, -0.25f, 0.25f, 0.25f }, code.data<float>().ToArray());
    }
}
