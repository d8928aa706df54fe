using System.Diagnostics;
using Augment.Classifier;
using Augment.Core;
using Augment.Data;
using Augment.Evaluation.Gates;
using Augment.Evaluation.Reports;
using Augment.ExprGan;
using Augment.Identity;
using TorchSharp;

namespace Augment.Evaluation;

/// <summary>What to evaluate and how; the sets are not disposed by the runner.</summary>
public sealed record EvaluationRequest
{
    public required IExpressionGenerator Generator { get; init; }
    public required string GeneratorPath { get; init; }
    /// <summary>Real training-subject images: the judge and the probes learn from these only.</summary>
    public required FaceSet Train { get; init; }
    /// <summary>Real held-out-subject images: the faces that are edited and the references.</summary>
    public required FaceSet Test { get; init; }
    /// <summary>phi, on the generator's device.</summary>
    public required IIdentityNetwork Phi { get; init; }
    public required string PhiDescription { get; init; }
    /// <summary>Identity parameters per subject (procedural faces): enables the intensity and identity probes.</summary>
    public IReadOnlyDictionary<string, float[]>? IdentityParameters { get; init; }
    /// <summary>The held-out faces' true neutral versions, when the data set can render them (procedural): the judge's
    /// reading of them is the reference for P(target) at intensity 0.</summary>
    public FaceSet? Neutral { get; init; }
    public ExpressionCnnOptions Judge { get; init; } = new();
    public EvaluationOptions Options { get; init; } = new();
    /// <summary>The quality gates' thresholds (checked and reported; evaluate never refuses).</summary>
    public QualityGateOptions Gates { get; init; } = new();
    public int? MaxTestImages { get; init; }
    public int Seed { get; init; } = 1;
    public required string OutputDirectory { get; init; }
    /// <summary>True only for data that may be published (the procedural faces); otherwise edit-grid.png goes to private/.</summary>
    public bool PublicFaces { get; init; }

    public required EvaluationProvenance Provenance { get; init; }
}

/// <summary>The files an evaluation wrote.</summary>
public sealed record EvaluationFiles(string Report, string Metrics, string IntensityCurves, string EditGrid);

/// <summary>
/// The whole evaluation: judge (ExpressionCnn on real training images), probes (procedural), edits of the held-out
/// faces, metrics, and report.md / metrics.csv / intensity-curves.png / edit-grid.png in the output folder.
/// </summary>
public static class EvaluationRunner
{
    public const string PrivateFolder = "private";

    public static (EvaluationResult Result, EvaluationFiles Files) Run(EvaluationRequest request, IProgressSink? progress = null)
    {
        var sink = progress ?? NullProgress.Instance;
        var clock = Stopwatch.StartNew();
        var g = request.Generator;
        GeneratorCompatibility.Check(g.Info, request.Train, $"'{request.GeneratorPath}'");
        GeneratorCompatibility.Check(g.Info, request.Test, $"'{request.GeneratorPath}'");

        using var test = Sample(request.Test, request.MaxTestImages, request.Seed, out var subsetNote);
        var (result, judge, probes) = EvaluationMeasurement.Measure(g, request.Train, test, request.Phi, request.PhiDescription,
            request.Judge, request.Options, request.Gates, request.Seed, sink, request.IdentityParameters, request.Neutral);

        var outDir = Path.GetFullPath(request.OutputDirectory);
        var files = new EvaluationFiles(Path.Combine(outDir, "report.md"), Path.Combine(outDir, "metrics.csv"),
            Path.Combine(outDir, "intensity-curves.png"),
            request.PublicFaces ? Path.Combine(outDir, "edit-grid.png") : Path.Combine(outDir, PrivateFolder, "edit-grid.png"));
        MetricsCsv.Write(files.Metrics, MetricsCsv.Rows(result));
        IntensityCurvesPlot.Save(files.IntensityCurves, result.Intensity, result.ClassNames,
            $"{Path.GetFileName(request.GeneratorPath)} on {request.Provenance.Dataset}: judge P(target) vs intensity");
        EditGrid.Save(files.EditGrid, g, test, request.Options,
            $"{Path.GetFileName(request.GeneratorPath)}: held-out faces x expressions at intensity 1, then a ramp 0 -> 1");

        var machine = MachineInfo.Current(torch.get_num_threads());
        var context = new EvaluationContext
        {
            Provenance = request.Provenance,
            GeneratorPath = request.GeneratorPath, GeneratorDescription = Describe(g.Info),
            Judge = judge, Phi = request.PhiDescription, Probes = probes, TestSubset = subsetNote,
            Seed = request.Seed, Threads = machine.TorchThreads, Machine = machine.ToString(),
            GitCommit = machine.GitCommit, Seconds = clock.Elapsed.TotalSeconds,
            EditGridPath = Path.GetRelativePath(outDir, files.EditGrid),
        };
        AtomicFile.WriteAllText(files.Report, EvaluationReport.Markdown(result, context));
        return (result, files);
    }

    static string Describe(GeneratorInfo i) =>
        $"{i.Classes} classes [{string.Join(", ", i.ClassNames)}], {i.Channels}x{i.Height}x{i.Width}, z {i.ZDim}, d {i.CodeDims}";

    /// <summary>At most n test images, a seeded choice kept in set order; the set itself when it is small enough.</summary>
    static FaceSet Sample(FaceSet test, int? max, int seed, out string? note)
    {
        note = null;
        if (max is not { } n || n >= test.Count) return test.Subset(Enumerable.Range(0, test.Count).ToArray(), test.Name);
        if (n < 1) throw new ArgumentException($"MaxTestImages must be positive, got {n}.");
        var rng = new Random(Seeding.Derive(seed, "test-subset"));
        var rows = Enumerable.Range(0, test.Count).OrderBy(_ => rng.Next()).Take(n).Order().ToArray();
        note = $"{n} of the {test.Count} test images used (seeded choice, --max-test-images)";
        return test.Subset(rows, test.Name);
    }
}
