using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Torch;
using static TorchSharp.torch;

namespace Augment.Tests.Torch;

/// <summary>ExprGAN on oneDNN's channel blocks: which architectures qualify, and that a training pass inside
/// <see cref="ConvolutionGuard.AlignedScope"/> computes what it computes outside it.</summary>
public class ExprGanAlignmentTests
{
    [Theory]
    [InlineData("ip-skip-avg", true)]
    [InlineData("ip-small", true)]
    [InlineData("cpu", true)]
    [InlineData("tiny", false)]    // 8-channel layers
    [InlineData("small", true)]
    public void PresetsWithWidthsOnTheBlocksAreAligned(string preset, bool aligned) =>
        Assert.Equal(aligned, ExprGanPreset.Get(preset).Architecture(1, 6).ConvolutionsAligned);

    [Fact]
    public void AnEncoderWidthOffTheBlocksIsNotAligned()
    {
        var arch = ExprGanPreset.IdentityPreservingAveraged.Architecture(1, 6);
        Assert.False((arch with { EncoderWidths = [32, 64, 120, 256] }).ConvolutionsAligned);
        Assert.False((arch with { DiscriminatorWidths = [16, 24, 64, 128] }).ConvolutionsAligned);
        Assert.True((arch with { DecoderWidths = [100, 50, 30, 10] }).ConvolutionsAligned);   // padded by CodeConvolution
    }

    /// <summary>
    /// The procedural recipe's networks (ip-skip-avg at 32x32, two skips; batch 8): an edit, its cycle back, D_img's
    /// features and the classifier's logits, and every parameter's gradient, inside the scope and outside it, agree to
    /// float rounding. Where oneDNN is right or the scope changes nothing, both passes run the same kernels.
    /// </summary>
    [Fact]
    public void ATrainingPassIsTheSameInsideTheAlignedScope()
    {
        var arch = ExprGanPreset.IdentityPreservingAveraged.Architecture(1, 6) with { ImageSize = 32, SkipLevels = 2 };
        Assert.True(arch.ConvolutionsAligned);
        using var nets = ExprGanNetworks.Create(arch, ["a", "b", "c", "d", "e", "f"], CPU, 5);
        nets.Train(true);
        random.manual_seed(9);
        using var x = rand(8, 1, 32, 32).mul(2).sub(1);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 4, 5, 0, 1 });
        var (y0, g0) = Pass(nets, x, labels, scoped: false);
        var (y1, g1) = Pass(nets, x, labels, scoped: true);
        foreach (var (a, b) in y0.Zip(y1)) Assert.True(RelativeError(a, b) < 1e-4, $"output {RelativeError(a, b):E1}; {ConvolutionGuard.Outcome}");
        // Relative to the larger of the gradient and a hundredth of the largest: a conv's bias before batch norm has a
        // true gradient of 0, so its computed one is rounding noise under either kernel.
        var floor = 1e-2 * g1.Max(g => g.abs().max().item<float>());
        var names = nets.Sections().SelectMany(s => s.Module.named_parameters().Where(p => p.parameter.grad is not null).Select(p => $"{s.Name}.{p.name}")).ToArray();
        var bad = string.Join(", ", g0.Zip(g1, names).Where(t => RelativeError(t.First, t.Second, floor) >= 1e-3).Select(t => $"{t.Third} {RelativeError(t.First, t.Second, floor):E1}"));
        Assert.True(bad.Length == 0, $"gradients: {bad}; {ConvolutionGuard.Outcome}");
    }

    static (Tensor[] Outputs, Tensor[] Grads) Pass(ExprGanNetworks nets, Tensor x, Tensor labels, bool scoped)
    {
        var modules = nets.Sections().Select(s => s.Module).ToArray();
        foreach (var m in modules) m.zero_grad();
        using var scope = NewDisposeScope();
        Tensor[] outputs;
        using (ConvolutionGuard.AlignedScope(scoped))
        {
            var y = nn.functional.one_hot(labels, 6).to_type(ScalarType.Float32);
            var code = nets.Controller.forward(y, ones(8, nets.Architecture.CodeDims).mul(0.7));
            var edit = nets.Generator.Generate(x, code).Image;
            var back = nets.Generator.Generate(edit, code).Image;
            var features = nets.ImageDiscriminator.Features(edit, y);
            var logits = nets.Classifier!.forward(back);
            back.square().sum().add(features.square().sum()).add(logits.square().sum()).backward();
            outputs = [edit.detach().MoveToOuterDisposeScope(), back.detach().MoveToOuterDisposeScope(), features.detach().MoveToOuterDisposeScope(),
                logits.detach().MoveToOuterDisposeScope()];
        }
        var grads = modules.SelectMany(m => m.parameters()).Where(p => p.grad is not null).Select(p => p.grad!.clone().MoveToOuterDisposeScope()).ToArray();
        return (outputs, grads);
    }

    static double RelativeError(Tensor a, Tensor b, double floor = 1e-12) => a.sub(b).abs().max().item<float>() / Math.Max(floor, b.abs().max().item<float>());
}
