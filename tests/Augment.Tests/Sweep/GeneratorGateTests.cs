using Augment.Core;
using Augment.Evaluation.Gates;
using Augment.Sweep.Gates;
using Augment.Tests.Evaluation;

namespace Augment.Tests.Sweep;

/// <summary>The sweep's gate check measured for real (judge, edits, nearest face) on a generator that edits nothing.</summary>
public class GeneratorGateTests(EvaluationFixture f) : IClassFixture<EvaluationFixture>
{
    static readonly GeneratorGateOptions Options = new() { JudgeEpochs = 3, IntensityLevels = 3 };

    [Fact]
    public void AGeneratorThatEditsNothingIsRefusedUnlessWeakGeneratorsAreAllowed()
    {
        using var generator = new PassThroughGenerator(f.Test.ClassNames, 1, f.Test.Height);
        GateVerdict Check(GeneratorGateOptions o) =>
            GeneratorGate.Check(generator, "the pass-through", f.Train, f.Test, f.Phi, "random conv", o, seed: 1, threads: 1, DeviceKind.Cpu, NullProgress.Instance);

        var e = Assert.Throws<WeakGeneratorException>(() => Check(Options));
        // It keeps identity perfectly but never changes the expression.
        Assert.Contains("edit accuracy at intensity 1", e.Message);
        Assert.Contains("intensity Spearman", e.Message);
        Assert.DoesNotContain("identity nearest-face share vs ceiling", e.Message);

        var verdict = Check(Options with { AllowWeakGenerator = true });
        Assert.True(verdict.Overridden);
        Assert.Contains(verdict.Report.Failed, g => g.Key == "gate_edit_accuracy");
        Assert.Contains(verdict.Report.Gates, g => g.Key == "gate_identity_vs_ceiling" && g.Pass);
    }
}
