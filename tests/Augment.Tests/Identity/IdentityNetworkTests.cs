using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

/// <summary>What the identity loss relies on: shapes at the project's sizes, a frozen phi, gradients to the input, determinism.</summary>
[Collection(ResNet18Collection.Name)]
public sealed class IdentityNetworkTests(ResNet18Fixture fixture)
{
    [Theory]
    [InlineData(64, new long[] { 32, 16, 8, 4, 2 })]
    [InlineData(48, new long[] { 24, 12, 6, 3, 2 })]
    [InlineData(128, new long[] { 64, 32, 16, 8, 4 })]
    public void GrayscaleFeaturesHaveTheExpectedShapes(long size, long[] sides)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var features = fixture.Phi.Features(IdentityTestData.Image(2, 1, size, seed: 1));
        Assert.Equal(CntkResNet.FeatureNames.Count, features.Count);
        Assert.Equal(Enumerable.Repeat(1f, features.Count), fixture.Phi.LayerWeights);
        long[] channels = [64, 64, 128, 256, 512];
        for (var i = 0; i < features.Count; i++)
        {
            Assert.Equal(new[] { 2, channels[i], sides[i], sides[i] }, features[i].shape);
            Assert.True(features[i].isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void GrayscaleEqualsTheSameImageRepeatedToRgb()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var gray = IdentityTestData.Image(1, 1, 48, seed: 2);
        var a = fixture.Phi.Features(gray);
        var b = fixture.Phi.Features(gray.repeat(1, 3, 1, 1));
        for (var i = 0; i < a.Count; i++) Assert.True(a[i].eq(b[i]).all().item<bool>());
    }

    [Fact]
    public void NetworkIsFrozenButPassesGradientsToTheInput()
    {
        using var scope = NewDisposeScope();
        Assert.NotEmpty(fixture.Phi.parameters());
        Assert.All(fixture.Phi.parameters(), p => Assert.False(p.requires_grad));

        var real = IdentityTestData.Image(2, 1, 64, seed: 3);
        var fake = IdentityTestData.Image(2, 1, 64, seed: 4).requires_grad_(true);
        IReadOnlyList<Tensor> target;
        using (no_grad()) target = fixture.Phi.Features(real);
        var produced = fixture.Phi.Features(fake);
        var loss = zeros(1);
        for (var i = 0; i < produced.Count; i++)
            loss = loss + fixture.Phi.LayerWeights[i] * (produced[i] - target[i]).abs().mean();
        loss.backward();

        Assert.NotNull(fake.grad);
        Assert.True(fake.grad!.isfinite().all().item<bool>());
        Assert.True(fake.grad.abs().sum().item<float>() > 0f);
        Assert.All(fixture.Phi.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void StaysInInferenceModeWhenSwitchedToTraining()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = IdentityTestData.Image(4, 1, 48, seed: 5);
        var before = fixture.Phi.Features(x);
        fixture.Phi.train();
        try
        {
            var during = fixture.Phi.Features(x);
            for (var i = 0; i < before.Count; i++) Assert.True(before[i].eq(during[i]).all().item<bool>());
        }
        finally { fixture.Phi.eval(); }
    }

    [Fact]
    public void IsDeterministicAcrossCallsAndLoadsAndSelectsLayers()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = IdentityTestData.Image(2, 1, 64, seed: 6);
        var first = fixture.Phi.Features(x);
        var again = fixture.Phi.Features(x);
        for (var i = 0; i < first.Count; i++) Assert.True(first[i].eq(again[i]).all().item<bool>());

        using var other = IdentityNetworks.Create(new IdentityNetworkOptions { Kind = "ResNet18", Layers = ["layer1", "layer3"], LayerWeights = [0.5f, 2f] }, CPU);
        var some = other.Features(x);
        Assert.Equal([0.5f, 2f], other.LayerWeights);
        Assert.True(some[0].eq(first[1]).all().item<bool>());
        Assert.True(some[1].eq(first[3]).all().item<bool>());
    }

    [Fact]
    public void RejectsBadOptionsAndInputs()
    {
        var e = Assert.Throws<ArgumentException>(() => new ResNet18IdentityNetwork(fixture.Phi.Preprocess, fixture.Phi.Trunk, ["conv5_2"]));
        Assert.Contains("conv5_2", e.Message);
        Assert.Throws<ArgumentException>(() => new ResNet18IdentityNetwork(fixture.Phi.Preprocess, fixture.Phi.Trunk, null, [1f, 1f]));
        Assert.Throws<ArgumentException>(() => IdentityNetworks.Create(new IdentityNetworkOptions { Kind = "vggface" }, CPU));
        Assert.Throws<ArgumentException>(() => IdentityNetworks.Create(new IdentityNetworkOptions { Kind = "onnx" }, CPU));
        using var twoChannels = zeros(1, 2, 64, 64);
        Assert.Throws<ArgumentException>(() => fixture.Phi.Features(twoChannels));
    }

    [Fact]
    public void MissingModelFolderErrorNamesWhereItLooked()
    {
        var missing = Path.Combine(Path.GetTempPath(), "augment-no-such-models");
        var e = Assert.Throws<FileNotFoundException>(() => ResNet18ModelFiles.Locate(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("ResNet18.onnx", e.Message);
        Assert.StartsWith(AppContext.BaseDirectory, fixture.Files.ModelPath);
    }
}
