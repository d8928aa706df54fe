using System.Globalization;

namespace Augment.Evaluation.Gates;

/// <summary>
/// One gate: the measured value, the bar it had to reach (value >= threshold), and how the bar was set. Key (and Class
/// for per-class gates) name it in metrics.csv.
/// </summary>
public sealed record GateResult(string Name, double Value, double Threshold, bool Pass, string Rule, string Key, string? Class = null)
{
    /// <summary>Name, value and threshold with its rule, without the verdict.</summary>
    public string Detail => $"{Name}: {F(Value)} (needs >= {F(Threshold)}: {Rule})";

    public override string ToString() => $"{(Pass ? "PASS" : "FAIL")} {Detail}";

    static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>All gates of one generator.</summary>
public sealed record QualityGateReport(IReadOnlyList<GateResult> Gates)
{
    public bool Passed => Gates.All(g => g.Pass);
    public IReadOnlyList<GateResult> Failed => Gates.Where(g => !g.Pass).ToArray();
}

/// <summary>
/// The numbers the gates read (Spearman: the reading the options ask for), apart from the rest of the evaluation so that they can be cached (the sweep keeps
/// them beside its generator) and constructed in tests.
/// </summary>
public sealed record GateInputs(IReadOnlyList<string> ClassNames, double EditAccuracy, double RealAccuracy, double[] Spearman,
    string IdentityFeatures, float IdentityIntensity, double IdentityShare, double IdentityCeiling, double IdentityChance)
{
    /// <summary>The gates' numbers from an evaluation; it must include the nearest-face measure at the gate's space and intensity.</summary>
    public static GateInputs From(EvaluationResult r, QualityGateOptions options)
    {
        var nearest = r.NearestFace ?? throw new ArgumentException("The evaluation has no nearest-face identity measure: the identity gate cannot be checked.");
        var share = nearest.Share(options.IdentityFeatures, options.IdentityIntensity);
        var spearman = options.IntensityReading == IntensityReading.Pooled ? r.Intensity.Spearman
            : r.Intensity.PerFaceSpearman ?? throw new ArgumentException("The evaluation has no per-face intensity Spearman: the intensity gate cannot be checked.");
        return new GateInputs(r.ClassNames, r.Accuracy.Overall, r.Accuracy.RealOverall, spearman,
            share.Features, share.Intensity, share.Share, share.Ceiling, share.Chance);
    }
}

/// <summary>
/// Checks <see cref="GateInputs"/> against <see cref="QualityGateOptions"/>. A value that could not be measured (NaN)
/// fails its gate: a generator is let through on evidence only.
/// </summary>
public static class QualityGates
{
    public static QualityGateReport Check(GateInputs m, QualityGateOptions options)
    {
        var o = options.Validated();
        var gates = new List<GateResult>();
        void Add(string key, string name, double value, double threshold, string rule, string? cls = null) =>
            gates.Add(new GateResult(name, value, threshold, !double.IsNaN(value) && !double.IsNaN(threshold) && value >= threshold, rule, key, cls));
        string P(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        string X(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        Add("gate_edit_accuracy", "edit accuracy at intensity 1", m.EditAccuracy, o.EditAccuracyRatio * m.RealAccuracy,
            $"{X(o.EditAccuracyRatio)} x the judge's {P(m.RealAccuracy)} on the real held-out faces");
        var reading = o.IntensityReading == IntensityReading.Pooled ? "(edits pooled)" : "(per face)";
        for (var c = 0; c < m.Spearman.Length; c++)
            Add("gate_intensity_spearman", $"intensity Spearman {reading}, {m.ClassNames[c]}", m.Spearman[c], o.MinSpearman, "every class", m.ClassNames[c]);
        var where = $"{m.IdentityFeatures}, edits at intensity {X(m.IdentityIntensity)}";
        Add("gate_identity_vs_ceiling", $"identity nearest-face share vs ceiling ({where})", m.IdentityShare, o.IdentityCeilingRatio * m.IdentityCeiling,
            $"{X(o.IdentityCeilingRatio)} x the real-image ceiling {P(m.IdentityCeiling)}");
        // Chance is about 1 / held-out subjects: with fewer than about 6 of them, 5 x chance exceeds 1 and no generator can pass.
        var chanceBar = o.IdentityChanceRatio * m.IdentityChance;
        Add("gate_identity_vs_chance", $"identity nearest-face share vs chance ({where})", m.IdentityShare, chanceBar,
            $"{X(o.IdentityChanceRatio)} x chance {P(m.IdentityChance)}" + (chanceBar > 1 ? "; unreachable: too few held-out subjects, hold out more" : ""));
        return new QualityGateReport(gates);
    }
}
