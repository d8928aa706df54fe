using Augment.Core;
using Augment.Evaluation.Gates;
using Augment.Sweep.Gates;
using Augment.Tests.Evaluation;
using Augment.Torch;

namespace Augment.Tests.Sweep;

/// <summary>The sweep's gate check measured for real (judge, edits, nearest face) on a generator that edits nothing.</summary>
public class GeneratorGateTests(EvaluationFixture f, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<EvaluationFixture>
{
    static readonly GeneratorGateOptions Options = new() { Judge = new() { Epochs = 3 }, Evaluation = new() { IntensityLevels = 3 } };

    [Fact]
    public void AGeneratorThatEditsNothingIsRefusedUnlessWeakGeneratorsAreAllowed()
    {
        using var generator = new PassThroughGenerator(f.Test.ClassNames, 1, f.Test.Height);
        GateVerdict Check(GeneratorGateOptions o) =>
            GeneratorGate.Check(generator, "the pass-through", f.Train, f.Test, f.Phi, "random conv", o, seed: 1, threads: 1, DeviceKind.Cpu, NullProgress.Instance);

        // It keeps identity perfectly but never changes the expression: the judge's P(target) does not move with the
        // requested intensity. No face's reading moves, so there is no per-face ρ to average (n/a fails), and pooled
        // the ρ is exactly 0 in every class, whatever the judge learned.
        var e = Assert.Throws<WeakGeneratorException>(() => Check(Options));
        foreach (var name in f.Test.ClassNames) Assert.Contains($"intensity Spearman (per face), {name}: n/a", e.Message);
        var pooled = Options with { Thresholds = new() { IntensityReading = Augment.Evaluation.Gates.IntensityReading.Pooled } };
        e = Assert.Throws<WeakGeneratorException>(() => Check(pooled));
        foreach (var name in f.Test.ClassNames) Assert.Contains($"intensity Spearman (edits pooled), {name}: 0.000", e.Message);
        Assert.DoesNotContain("identity nearest-face share vs ceiling", e.Message);
        Assert.Contains(GeneratorGate.OverrideOption, e.Message);

        var verdict = Check(Options with { AllowWeakGenerator = true });
        foreach (var g in verdict.Report.Gates) output.WriteLine(g.ToString());
        Assert.True(verdict.Overridden);
        Assert.Equal(f.Test.ClassCount, verdict.Report.Failed.Count(g => g.Key == "gate_intensity_spearman"));
        Assert.Contains(verdict.Report.Gates, g => g.Key == "gate_identity_vs_ceiling" && g.Pass);
    }
}

/// <summary>The gate numbers kept beside a cached generator: read back instead of measured, keyed by what decides them.</summary>
public class GateCacheTests(EvaluationFixture f) : IClassFixture<EvaluationFixture>
{
    static readonly GeneratorGateOptions Options = new() { Judge = new() { Epochs = 3 }, Evaluation = new() { IntensityLevels = 3 }, AllowWeakGenerator = true };

    [Fact]
    public void ASecondCheckReadsTheNumbersAndAppliesTheBarsOfTheDay()
    {
        var folder = Directory.CreateTempSubdirectory("augment-gates-").FullName;
        try
        {
            using var generator = new PassThroughGenerator(f.Test.ClassNames, 1, f.Test.Height);
            GateVerdict Check(GeneratorGateOptions o) => GeneratorGate.Check(generator, "the pass-through", f.Train, f.Test, f.Phi, "random conv", o,
                seed: 1, threads: 1, DeviceKind.Cpu, NullProgress.Instance, folder);

            var first = Check(Options);
            Assert.False(first.FromCache);
            var file = Assert.Single(Directory.GetFiles(folder, "gates-*.json"));

            var again = Check(Options);
            Assert.True(again.FromCache);
            Assert.Equal(first.Report.Gates, again.Report.Gates);

            // A bar is applied to the cached numbers (no new file); the pass-through keeps identity perfectly, so a
            // ceiling ratio above 1 turns that gate from pass to fail.
            var stricter = Check(Options with { Thresholds = new() { IdentityCeilingRatio = 1.5 } });
            Assert.True(stricter.FromCache);
            Assert.Contains(first.Report.Gates, g => g.Key == "gate_identity_vs_ceiling" && g.Pass);
            Assert.Contains(stricter.Report.Gates, g => g.Key == "gate_identity_vs_ceiling" && !g.Pass);

            // What decides the numbers is in the key: another judge is measured again, into its own file.
            Assert.False(Check(Options with { Judge = new() { Epochs = 2 } }).FromCache);
            Assert.Equal(2, Directory.GetFiles(folder, "gates-*.json").Length);

            File.WriteAllText(file, "{ not json");
            var e = Assert.Throws<InvalidDataException>(() => Check(Options));
            Assert.Contains(file, e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
