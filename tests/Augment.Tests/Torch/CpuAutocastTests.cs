using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Tests.ExprGan;
using Augment.Torch;
using static TorchSharp.torch;

namespace Augment.Tests.Torch;

public class CpuAutocastTests
{
    [Fact]
    public void ScopeRunsConvolutionsInBfloat16AndRestores()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 4, 8, 8);
        var w = randn(8, 4, 3, 3);
        using (CpuAutocast.Scope(true))
        {
            Assert.True(CpuAutocast.Enabled);
            Assert.Equal(ScalarType.BFloat16, nn.functional.conv2d(x, w).dtype);
        }
        Assert.False(CpuAutocast.Enabled);
        Assert.Equal(ScalarType.Float32, nn.functional.conv2d(x, w).dtype);
    }

    /// <summary>Precision BFloat16 runs ExprGanStep under autocast, and only inside the step: every stage's losses come
    /// back finite and differ from the same step in float32 (same weights, data and seed).</summary>
    [Theory]
    [InlineData("tiny")]
    [InlineData("ip-small")]
    public void TrainingStepRunsUnderBfloat16WhenAsked(string preset)
    {
        var p = ExprGanPreset.Get(preset);
        using var set = TinyFaces.Create(size: p.ImageSize);
        var arch = p.Architecture(set.Channels, set.ClassNames.Count);
        float FirstLoss(TrainingPrecision precision)
        {
            using var nets = ExprGanNetworks.Create(arch, set.ClassNames, CPU, 3);
            using var step = new ExprGanStep(nets, null, new ExprGanTrainingOptions([1, 1, 1], BatchSize: 8, Seed: 3) { Precision = precision });
            using var gen = new Generator(3, CPU);
            var first = float.NaN;
            for (var stage = 1; stage <= 3; stage++)
            {
                step.BeginStage(stage);
                using var scope = NewDisposeScope();
                var losses = step.Run(set.Images.narrow(0, 0, 8), tensor(set.Labels.Take(8).Select(l => (long)l).ToArray()), gen);
                Assert.True(float.IsFinite(losses.Generator), $"{precision} stage {stage}: {losses}");
                Assert.False(CpuAutocast.Enabled);
                if (stage == 1) first = losses.Generator;
            }
            return first;
        }
        Assert.NotEqual(FirstLoss(TrainingPrecision.Float32), FirstLoss(TrainingPrecision.BFloat16));
    }
}
