using Augment.Identity;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

/// <summary>The TorchSharp port against ONNX Runtime on the shipped files, at the files' own size (224x224).</summary>
[Collection(ResNet18Collection.Name)]
public sealed class ResNet18ParityTests(ResNet18Fixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void PortMatchesOnnxRuntimeAtOutputAndEveryStage()
    {
        using var scope = NewDisposeScope();
        var image = IdentityTestData.Image(1, 3, 224, seed: 7);

        // Reference: ML.NET's own pipeline, RGB 0..255 -> ResNetPreprocess.onnx -> ResNet18.onnx (+ stage outputs).
        var rgb255 = (image + 1f) * 127.5f;
        var prep = OnnxReference.Run(File.ReadAllBytes(fixture.Files.PreprocessPath), "OriginalInput", rgb255, ["PreprocessedInput"])["PreprocessedInput"];
        var stageNames = fixture.StageNames;
        var model = OnnxReference.WithOutputs(fixture.Model, stageNames);
        var reference = OnnxReference.Run(model, "Input247", prep, [.. stageNames, "Pooling395_Output_0"]);

        using var _ = no_grad();
        var ours = fixture.Phi.Preprocess.forward(image);
        var prepDiff = OnnxReference.MaxAbsDiff(ours, prep);
        output.WriteLine($"preprocessing: max |diff| {prepDiff:E2} (values up to {OnnxReference.MaxAbs(prep):F1})");
        Assert.True(prepDiff < 1e-3f, $"preprocessing differs by {prepDiff}");

        var pooled = fixture.Phi.Trunk.forward(ours);
        var outDiff = OnnxReference.MaxAbsDiff(pooled, reference["Pooling395_Output_0"]);
        output.WriteLine($"output (N x 512 x 1 x 1): max |diff| {outDiff:E2} (values up to {OnnxReference.MaxAbs(pooled):F3})");
        Assert.True(outDiff < 1e-3f, $"pooled output differs by {outDiff}");

        var features = fixture.Phi.Features(image);
        for (var i = 0; i < features.Count; i++)
        {
            var r = reference[stageNames[i]];
            var diff = OnnxReference.MaxAbsDiff(features[i], r);
            var scale = OnnxReference.MaxAbs(r);
            output.WriteLine($"{CntkResNet.FeatureNames[i]} {string.Join("x", r.shape)}: max |diff| {diff:E2}, relative to max |value| {diff / scale:E2}");
            Assert.True(diff < 1e-3f && diff / scale < 1e-5f, $"{CntkResNet.FeatureNames[i]} differs by {diff} (max value {scale})");
        }
    }

    [Fact]
    public void GenericOnnxLoaderMatchesThePortOnTheSameFile()
    {
        using var scope = NewDisposeScope();
        var stageNames = fixture.StageNames;
        using var generic = new OnnxFeatureNetwork(fixture.Files.ModelPath, stageNames);
        using var _ = no_grad();
        var x = fixture.Phi.Preprocess.forward(IdentityTestData.Image(1, 3, 224, seed: 8));
        var ours = fixture.Phi.Trunk.Features(x);
        var theirs = generic.forward(x);
        for (var i = 0; i < ours.Count; i++)
        {
            var diff = OnnxReference.MaxAbsDiff(ours[i], theirs[i]);
            output.WriteLine($"{stageNames[i]}: max |diff| {diff:E2}");
            Assert.True(diff / OnnxReference.MaxAbs(ours[i]) < 1e-5f, $"{stageNames[i]} differs by {diff}");
        }
    }

}
