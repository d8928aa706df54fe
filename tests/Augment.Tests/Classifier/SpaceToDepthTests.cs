using System.Globalization;
using Augment.Classifier;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Augment.Tests.Classifier;

/// <summary>The space-to-depth stem (CnnArchitecture.SpaceToDepth): same output and state-dict names as the plain
/// stem, saved and read back in the ML.NET model file, and models written before the flag existed still load.</summary>
public class SpaceToDepthTests
{
    [Fact]
    public void ParsesThePresetAndTheSuffix()
    {
        Assert.True(CnnArchitecture.Parse("s2d").SpaceToDepth);
        Assert.Equal(CnnArchitecture.Default.Widths, CnnArchitecture.Parse("s2d").Widths);
        Assert.False(CnnArchitecture.Parse("default").SpaceToDepth);
        var custom = CnnArchitecture.Parse("8-16/fc32/s2d");
        Assert.True(custom.SpaceToDepth);
        Assert.Equal([8, 16], custom.Widths);
        Assert.Contains("space-to-depth", custom.ToString());
        Assert.Contains("s2d", Assert.Throws<ArgumentException>(() => CnnArchitecture.Parse("8-16/s3d")).Message);
    }

    [Fact]
    public void KeepsTheOutputSizeAndTheStateDictNames()
    {
        using var plain = new ExpressionCnn(CnnArchitecture.Default, 1, 48, 48, 7);
        using var folded = new ExpressionCnn(CnnArchitecture.SpaceToDepthDefault, 1, 48, 48, 7);
        Assert.Equal(plain.state_dict().Keys.Order(), folded.state_dict().Keys.Order());
        // The first convolution reads the 4 sub-pixels of each 2x2 block; every later shape is the plain stem's.
        Assert.Equal([16L, 4, 3, 3], folded.state_dict()["features.conv0_0.weight"].shape);
        Assert.Equal(plain.state_dict()["classifier.fc0.weight"].shape, folded.state_dict()["classifier.fc0.weight"].shape);
        folded.eval();
        using var x = randn(2, 1, 48, 48);
        using var y = folded.forward(x);
        Assert.Equal([2L, 7], y.shape);
    }

    [Fact]
    public void RefusesOddSides()
    {
        var e = Assert.Throws<ArgumentException>(() => new ExpressionCnn(CnnArchitecture.SpaceToDepthDefault, 1, 47, 48, 7));
        Assert.Contains("even", e.Message);
    }

    [Fact]
    public void SavesAndLoadsTheStem()
    {
        var ml = new MLContext(seed: 1);
        using var train = SyntheticPatterns.Make(6, 16, seed: 1);
        var data = train.ToDataView(ml);
        var options = ExpressionCnnTrainerTests.SmallOptions() with { Epochs = 1, ValidationFraction = 0, Architecture = CnnArchitecture.Small with { SpaceToDepth = true } };
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(options).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext();
        fresh.ComponentCatalog.RegisterExpressionCnn();
        // Read back as the plain stem, the first convolution's weights (4 input channels) would not fit.
        var loaded = fresh.Model.Load(stream, out _);
        Assert.Equal(model.Transform(data).GetColumn<float[]>("Score").ToArray(), loaded.Transform(data).GetColumn<float[]>("Score").ToArray());
    }

    /// <summary>A model file written by the version before the flag (0x00010001, written by commit 9448dc5's code; a 1-epoch
    /// 'small' CNN on the test patterns, no faces) loads with the plain stem and scores as it did when it was saved.</summary>
    [Fact]
    public void ReadsModelsWrittenBeforeTheFlag()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var fresh = new MLContext();
        fresh.ComponentCatalog.RegisterExpressionCnn();
        var loaded = fresh.Model.Load(Path.Combine(folder, "expression-cnn-v00010001.zip"), out _);
        using var test = SyntheticPatterns.Make(3, 16, seed: 2);
        var scores = loaded.Transform(test.ToDataView(fresh)).GetColumn<float[]>("Score").ToArray();
        var expected = File.ReadAllLines(Path.Combine(folder, "expression-cnn-v00010001.scores.txt"))
            .Select(l => l.Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(expected.Length, scores.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.All(expected[i].Zip(scores[i]), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }
}
