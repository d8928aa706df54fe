using Augment.Evaluation.Gates;
using Augment.Evaluation.Identity;
using Augment.Sweep.Gates;

namespace Augment.Tests.Evaluation;

/// <summary>The gates' arithmetic on constructed numbers, and the sweep's refusal built on it.</summary>
public class QualityGateTests
{
    static readonly string[] Classes = ["anger", "happy", "surprise"];

    /// <summary>Numbers that clear every default bar: 0.9 x 0.9 = 0.81 <= 0.85; rho >= 0.8; 0.5 >= 0.6 x 0.75 and >= 5 x 0.0625.</summary>
    static GateInputs Good() => new(Classes, EditAccuracy: 0.85, RealAccuracy: 0.9, Spearman: [0.95, 0.8, 0.9],
        FeatureSpaces.Phi, 1f, IdentityShare: 0.5, IdentityCeiling: 0.75, IdentityChance: 0.0625);

    [Fact]
    public void GoodNumbersPassEveryGateAndBoundariesCountAsPass()
    {
        var report = QualityGates.Check(Good(), new QualityGateOptions());
        Assert.True(report.Passed, string.Join("\n", report.Gates));
        Assert.Equal(1 + Classes.Length + 2, report.Gates.Count);
        var byKey = report.Gates.ToLookup(g => g.Key);
        Assert.Equal(0.81, byKey["gate_edit_accuracy"].Single().Threshold, 12);
        Assert.Equal(0.8, byKey["gate_intensity_spearman"].Single(g => g.Class == "happy").Value);   // exactly at the bar
        Assert.Equal(0.45, byKey["gate_identity_vs_ceiling"].Single().Threshold, 12);
        Assert.Equal(0.3125, byKey["gate_identity_vs_chance"].Single().Threshold, 12);
        Assert.Contains("phi", byKey["gate_identity_vs_chance"].Single().Name);
    }

    [Theory]
    [InlineData("gate_edit_accuracy")]
    [InlineData("gate_intensity_spearman")]
    [InlineData("gate_identity_vs_ceiling")]
    [InlineData("gate_identity_vs_chance")]
    public void EachGateFailsOnItsOwnShortfall(string key)
    {
        var m = key switch
        {
            "gate_edit_accuracy" => Good() with { EditAccuracy = 0.8 },                       // < 0.81
            "gate_intensity_spearman" => Good() with { Spearman = [0.95, 0.79, 0.9] },
            "gate_identity_vs_ceiling" => Good() with { IdentityCeiling = 0.9 },              // 0.5 < 0.54
            _ => Good() with { IdentityChance = 0.11 },                                       // 0.5 < 0.55
        };
        var report = QualityGates.Check(m, new QualityGateOptions());
        Assert.False(report.Passed);
        var failed = Assert.Single(report.Failed);
        Assert.Equal(key, failed.Key);
        Assert.StartsWith("FAIL ", failed.ToString());
    }

    [Fact]
    public void UnmeasuredValuesFailAndThresholdsComeFromTheOptions()
    {
        var report = QualityGates.Check(Good() with { Spearman = [0.95, double.NaN, 0.9] }, new QualityGateOptions());
        Assert.Equal("happy", Assert.Single(report.Failed).Class);

        var strict = new QualityGateOptions { EditAccuracyRatio = 1, MinSpearman = 0.99, IdentityCeilingRatio = 1, IdentityChanceRatio = 10 };
        Assert.Equal(1 + Classes.Length + 2, QualityGates.Check(Good(), strict).Failed.Count);
        var lax = new QualityGateOptions { EditAccuracyRatio = 0, MinSpearman = -1, IdentityCeilingRatio = 0, IdentityChanceRatio = 0 };
        Assert.True(QualityGates.Check(Good() with { EditAccuracy = 0, Spearman = [-1, -1, -1], IdentityShare = 0 }, lax).Passed);
        Assert.Throws<ArgumentException>(() => QualityGates.Check(Good(), new QualityGateOptions { MinSpearman = 2 }));

        // Four held-out subjects: chance about 1/4, so 5 x chance is above 1 and the report says the gate cannot be met.
        var few = QualityGates.Check(Good() with { IdentityChance = 0.25 }, new QualityGateOptions()).Failed.Single();
        Assert.Equal(1.25, few.Threshold, 12);
        Assert.Contains("unreachable", few.Rule);
    }

    [Fact]
    public void TheSweepRefusesAWeakGeneratorUnlessAllowedAndSaysHowToOverride()
    {
        var weak = QualityGates.Check(Good() with { EditAccuracy = 0.3, IdentityShare = 0.07 }, new QualityGateOptions());
        var e = Assert.Throws<WeakGeneratorException>(() => GeneratorGate.Enforce(weak, "the GAN of split 0, seed 1", allowWeak: false));
        Assert.Contains("the GAN of split 0, seed 1", e.Message);
        Assert.Contains("3 of 6 quality gates failed", e.Message);
        foreach (var gate in weak.Failed) Assert.Contains(gate.Name, e.Message);
        Assert.Contains(GeneratorGate.OverrideOption, e.Message);

        var allowed = GeneratorGate.Enforce(weak, "the GAN of split 0, seed 1", allowWeak: true);
        Assert.True(allowed.Overridden);
        Assert.Contains("FAILED 3 of 6", allowed.Summary);
        Assert.Contains(GeneratorGate.OverrideOption, allowed.Summary);

        var good = GeneratorGate.Enforce(QualityGates.Check(Good(), new QualityGateOptions()), "g", allowWeak: false);
        Assert.False(good.Overridden);
        Assert.Contains("all 6 quality gates passed", good.Summary);
    }
}
