using Augment.ExprGan.Training;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>Differentiable augmentation: what it does to a batch, that gradients pass it, and its training option.</summary>
public class DifferentiableAugmentationTests
{
    static Tensor Apply(Tensor x, long seed)
    {
        using var g = new Generator((ulong)seed);
        return DifferentiableAugmentation.Apply(x, g);
    }

    [Fact]
    public void ItShiftsBlanksAndPassesGradients()
    {
        using var x = rand(new long[] { 6, 1, 16, 16 }, generator: new Generator(3)).mul(2).sub(1).requires_grad_();
        using var a = Apply(x, 5);
        using var b = Apply(x, 5);
        using var c = Apply(x, 6);
        Assert.Equal(x.shape, a.shape);
        Assert.True(a.allclose(b, 0, 0), "the same seed gives the same augmentation");
        Assert.False(a.allclose(c), "another seed gives another");
        Assert.False(a.allclose(x), "the batch is changed");
        // Cutout: every image has at least a 4 x 4 corner of its 8 x 8 square inside it, set to exactly 0.
        for (var i = 0; i < 6; i++)
            Assert.True(a[i].eq(0).sum().item<long>() >= 16, $"image {i} has {a[i].eq(0).sum().item<long>()} blank pixels");
        a.sum().backward();
        Assert.True(x.grad is { } grad && grad.abs().sum().item<float>() > 0, "gradients reach the input");
    }

    [Fact]
    public void TheOptionIsRecordedOnlyWhenOnAndRefusedForThePaperDesign() => TrainingSwitches.RecordedOnlyWhenOn(
        nameof(ExprGanTrainingOptions.DifferentiableAugmentation), o => o with { DifferentiableAugmentation = true }, "--diff-augment",
        o => o.DifferentiableAugmentation);

    /// <summary>The identity-preserving design trains through it: finite losses, and not the run without it.</summary>
    [Fact]
    public void TheIdentityPreservingDesignTrainsThroughIt() => TrainingSwitches.ChangesTheRun(o => o with { DifferentiableAugmentation = true });
}
