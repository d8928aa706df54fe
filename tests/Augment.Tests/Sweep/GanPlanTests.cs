using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Sweep;

namespace Augment.Tests.Sweep;

public class GanPlanTests
{
    static GanPlan Plan() => new("ip-small", ExprGanPreset.IdentityPreservingSmall.Architecture(1, 6),
        new ExprGanTrainingOptions([1, 1, 1], Stage2: ExprGanPreset.IdentityPreservingSmall.WeightsOf(2)), "none", 1, "abc");

    [Fact]
    public void TheCacheKeyFollowsContentsNotNames()
    {
        var plan = Plan();
        Assert.Equal(plan.Key(), Plan().Key());
        var wider = plan with { Architecture = plan.Architecture with { EncoderWidths = [16, 32, 128] } };
        Assert.Equal(plan.Preset, wider.Preset);
        Assert.NotEqual(plan.Key(), wider.Key());
        Assert.NotEqual(plan.Key(), (plan with { Options = plan.Options with { Stage2 = new LossWeights(1, 0, 1, 1, 0, 0) } }).Key());
        Assert.NotEqual(plan.Key(), (plan with { TrainingSet = "abd" }).Key());
        Assert.NotEqual(plan.Key(), (plan with { Threads = 2 }).Key());
        Assert.NotEqual(plan.Key(), (plan with { Options = plan.Options with { Epochs = [1, 1, 2] } }).Key());
    }

    /// <summary>Settings added later and off by default, and derived properties, stay out of the serialised options:
    /// otherwise every cached GAN's key would change and the sweep would retrain them all.</summary>
    [Fact]
    public void DefaultOptionsSerialiseOnlyTheOriginalSettings()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new ExprGanTrainingOptions([10, 10, 40]), Augment.ExprGan.Checkpoints.CheckpointIO.Json);
        var names = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["Epochs", "BatchSize", "LearningRate", "Beta1", "Beta2", "Seed", "FlipProbability", "Stage1", "Stage2", "Stage3",
            "GridImages", "IntensityTarget", "FullIntensityShare", "MaskLogitCap"], names);
    }
}
