using Augment.Core;
using Augment.Evaluation;
using Augment.Evaluation.Gates;
using Augment.Evaluation.Identity;
using Xunit.Abstractions;

namespace Augment.Tests.Evaluation;

/// <summary>
/// The nearest-face identity measure on generators whose answer is known: one that returns its input (share = the
/// real-image ceiling) and one that draws the same face per target for everybody (share = chance).
/// </summary>
public class NearestFaceTests(EvaluationFixture f, ITestOutputHelper output) : IClassFixture<EvaluationFixture>
{
    static readonly EvaluationOptions Options = new() { EditBatch = 96 };

    NearestFaceIdentity Measure(Augment.ExprGan.IExpressionGenerator generator)
    {
        var r = IdentityEditSweep.Run(generator, f.Test, f.Phi, "random conv", Options, NullProgress.Instance);
        foreach (var s in r.Shares) output.WriteLine($"{s.Features} @{s.Intensity}: share {s.Share:0.000} chance {s.Chance:0.000} ceiling {s.Ceiling:0.000} edits {s.Edits} per target [{string.Join(", ", s.PerTarget.Select(v => v.ToString("0.00")))}]");
        foreach (var s in r.Spread) output.WriteLine($"{s.Features} @{s.Intensity}: edits cos {s.EditCosine:0.000} dist {s.EditDistance:0.000} ({s.EditPairs}), real cos {s.RealCosine:0.000} dist {s.RealDistance:0.000} ({s.RealPairs})");
        output.WriteLine($"{r.SequenceRule}; {r.EligibleSources} of {r.Sources} sources, {r.Subjects} subjects");
        return r;
    }

    [Fact]
    public void AGeneratorThatReturnsItsInputScoresTheCeiling()
    {
        using var generator = new PassThroughGenerator(f.Test.ClassNames, 1, f.Test.Height);
        var r = Measure(generator);
        Assert.Equal(SequenceKeys.FromSubjectAndLabel, r.SequenceRule);
        Assert.Equal(3 * 2, r.Shares.Count);   // phi, pixels, z at 0.5 and 1
        Assert.True(r.EligibleSources > 0);
        foreach (var s in r.Shares)
        {
            Assert.Equal(r.EligibleSources * f.Test.ClassCount, s.Edits);
            // Edits are their inputs, so each finds what its input finds. The tolerance lets two sources' K edits flip on
            // a near-tie, should features computed in a batch of another size differ in the last bits on another CPU.
            Assert.InRange(s.Share, s.Ceiling - 2.0 / r.EligibleSources - 1e-9, s.Ceiling + 2.0 / r.EligibleSources + 1e-9);
            Assert.True(s.Ceiling > s.Chance + 0.25, $"{s.Features}: ceiling {s.Ceiling:0.000}, chance {s.Chance:0.000}: the fixture cannot tell people apart");
        }
        foreach (var s in r.Spread)
        {
            Assert.Equal(s.RealCosine, s.EditCosine, 4);
            Assert.Equal(s.RealDistance, s.EditDistance, 3);
        }
    }

    [Fact]
    public void AGeneratorThatDrawsOneFacePerTargetScoresChance()
    {
        using var generator = new FixedFaceGenerator(f.Train);
        var r = Measure(generator);
        foreach (var s in r.Shares)
        {
            // Every edit into a target is the same image, so its nearest real face is one fixed person for (almost) every
            // source: the share is the share of sources that happen to be that person, about chance. The band is
            // narrower than the distance from chance to a good generator (the ceiling).
            Assert.InRange(s.Share, s.Chance - 0.1, s.Chance + 0.1);
            Assert.True(s.Ceiling > s.Chance + 0.2, $"{s.Features}: a generator that kept identity would not fall outside the band");
        }
        foreach (var s in r.Spread)
        {
            Assert.Equal(1.0, s.EditCosine, 4);
            Assert.Equal(0.0, s.EditDistance, 3);
            Assert.True(s.RealCosine < 0.999);
        }
        var gates = QualityGates.Check(new GateInputs(f.Test.ClassNames, 1, 1, Enumerable.Repeat(1.0, f.Test.ClassCount).ToArray(),
            FeatureSpaces.Phi, 1f, r.Share(FeatureSpaces.Phi, 1f).Share, r.Share(FeatureSpaces.Phi, 1f).Ceiling, r.Share(FeatureSpaces.Phi, 1f).Chance), new QualityGateOptions());
        Assert.False(gates.Passed);
        Assert.Contains(gates.Failed, g => g.Key == "gate_identity_vs_chance");
    }
}
