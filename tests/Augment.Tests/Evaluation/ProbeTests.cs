using Augment.Evaluation.Editing;
using Augment.Evaluation.Probes;
using static TorchSharp.torch;

namespace Augment.Tests.Evaluation;

public class ProbeTests
{
    [Fact]
    public void RidgeRecoversALinearMapInBothForms()
    {
        random.manual_seed(11);
        using var w = randn(12, 3);
        using var b = tensor(new[] { 0.5f, -1f, 2f });
        // Primal (more rows than inputs): the fitted map predicts new rows.
        using var x = randn(60, 12);
        using var y = x.matmul(w).add(b);
        using var primal = RidgeRegression.FitWith(x, y, 1e-6);
        using var xNew = randn(5, 12);
        using var predicted = primal.Predict(xNew);
        Assert.True(predicted.allclose(xNew.matmul(w).add(b), rtol: 1e-3, atol: 1e-3));

        // Dual (fewer rows than inputs, as with pixels): training rows are fitted exactly.
        using var wide = randn(8, 40);
        using var yWide = wide.matmul(randn(40, 2));
        using var dual = RidgeRegression.FitWith(wide.view(8, 1, 5, 8), yWide, 1e-8);
        using var fitted = dual.Predict(wide.view(8, 1, 5, 8));
        Assert.True(fitted.allclose(yWide, rtol: 1e-3, atol: 1e-3));
    }

    [Fact]
    public void CrossValidationOverSubjectsPicksALowPenaltyForCleanDataAndAHighOneForNoise()
    {
        random.manual_seed(12);
        using var x = randn(80, 10);
        var groups = Enumerable.Range(0, 80).Select(i => $"S{i / 4}").ToArray();
        using var clean = x.matmul(randn(10, 1));
        using var cleanFit = RidgeRegression.Fit(x, clean, groups);
        Assert.Equal(RidgeRegression.RelativePenalties[0], cleanFit.Penalty);

        using var noise = randn(80, 1);   // nothing to learn: shrinking to the mean generalises best
        using var noiseFit = RidgeRegression.Fit(x, noise, groups);
        Assert.True(noiseFit.Penalty >= 1, $"penalty {noiseFit.Penalty}");
    }

    [Fact]
    public void ResNetLayerIsTheDeepestThatFits()
    {
        Assert.Equal("layer2", IdentityFeatures.ResNet18LayerFor(8));
        Assert.Equal("layer3", IdentityFeatures.ResNet18LayerFor(16));
        Assert.Equal("layer4", IdentityFeatures.ResNet18LayerFor(32));
        Assert.Equal("layer4", IdentityFeatures.ResNet18LayerFor(48));
        Assert.Equal("layer4", IdentityFeatures.ResNet18LayerFor(64));
    }
}
