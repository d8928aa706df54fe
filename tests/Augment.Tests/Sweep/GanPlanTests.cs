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
}
