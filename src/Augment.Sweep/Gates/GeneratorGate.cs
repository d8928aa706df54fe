using System.Globalization;
using Augment.Core;
using Augment.Data;
using Augment.Evaluation;
using Augment.Evaluation.Gates;
using Augment.ExprGan;
using Augment.Identity;
using Augment.Torch;

namespace Augment.Sweep.Gates;

/// <summary>A generator's gate results and whether a failure was let through by <c>--allow-weak-generator</c>.</summary>
public sealed record GateVerdict(string Generator, QualityGateReport Report, bool Overridden)
{
    /// <summary>The numbers were read from the generator's cached measurement, not measured again.</summary>
    public bool FromCache { get; init; }

    /// <summary>One line for the sweep's summary.</summary>
    public string Summary => Report.Passed
        ? $"{Generator}: all {Report.Gates.Count} quality gates passed"
        : $"{Generator}: FAILED {Report.Failed.Count} of {Report.Gates.Count} quality gates, rendered anyway (--allow-weak-generator): " +
          string.Join("; ", Report.Failed.Select(g => $"{g.Name} {F(g.Value)} < {F(g.Threshold)}"));

    static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>
/// The sweep's check of a generator before it renders a single synthetic row: the evaluation's gates measured on the
/// split's held-out subjects (judge trained on the split's real training images only, as <c>evaluate</c> does), and a
/// refusal that lists every failed gate unless weak generators are allowed. The held-out subjects decide only whether
/// the sweep goes on, never any setting of the classifier it scores.
/// </summary>
public static class GeneratorGate
{
    public const string OverrideOption = "--allow-weak-generator";

    /// <param name="cacheFolder">The generator's own folder (the sweep's GAN cache): the measured numbers are kept there
    /// (<see cref="GateCache"/>) and read back by the next check with the same settings. Null measures every time.</param>
    public static GateVerdict Check(IExpressionGenerator generator, string generatorName, FaceSet train, FaceSet test, IIdentityNetwork phi,
        string phiDescription, GeneratorGateOptions options, int seed, int threads, DeviceKind device, IProgressSink progress,
        string? cacheFolder = null)
    {
        var t = options.Thresholds;
        var key = new GateMeasurementKey(options.Judge, options.Evaluation, t.IntensityReading, t.IdentityFeatures, t.IdentityIntensity,
            phiDescription, train.ContentHash(), test.ContentHash(), seed, threads, device);
        var path = cacheFolder == null ? null : GateCache.PathFor(cacheFolder, key);
        var inputs = path == null ? null : GateCache.TryRead(path);
        var cached = inputs != null;
        if (inputs == null)
        {
            var measured = EvaluationMeasurement.Measure(generator, train, test, phi, phiDescription, options.Judge.For(train.Height) with { Threads = threads, Device = device },
                options.Evaluation, t, seed, progress);
            inputs = GateInputs.From(measured.Result, t);
            if (path != null) GateCache.Write(path, key, inputs);
        }
        return Enforce(QualityGates.Check(inputs, t), generatorName, options.AllowWeakGenerator) with { FromCache = cached };
    }

    /// <summary>Throws <see cref="WeakGeneratorException"/> when a gate failed and weak generators are not allowed.</summary>
    public static GateVerdict Enforce(QualityGateReport report, string generatorName, bool allowWeak)
    {
        if (report.Passed) return new GateVerdict(generatorName, report, Overridden: false);
        if (allowWeak) return new GateVerdict(generatorName, report, Overridden: true);
        throw new WeakGeneratorException(
            $"The sweep refuses to render synthetic faces with {generatorName}: {report.Failed.Count} of {report.Gates.Count} quality gates failed " +
            "(measured on the split's held-out subjects):" + Environment.NewLine +
            string.Join(Environment.NewLine, report.Failed.Select(g => "  - " + g)) + Environment.NewLine +
            $"Train a better generator, or pass {OverrideOption} to render with it anyway (the failure is then recorded in summary.md).");
    }
}
