using System.Text.Json;
using Augment.Classifier;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Data.Splits;
using Augment.Evaluation;
using Augment.Evaluation.Reports;
using Augment.Evaluation.Runs;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using Augment.Tests.ExprGan;
using TorchSharp;

namespace Augment.Tests.Evaluation;

/// <summary>The evaluate pipeline as the command runs it, on a run folder holding a tiny random generator.</summary>
public class EvaluateEndToEndTests
{
    static ProceduralFaces Procedural() => new(new ProceduralOptions { Identities = 8, ImagesPerExpression = 2 }, new FaceLoadOptions { Size = 16, Seed = 2 });

    /// <summary>A run folder like the train command's: generator.exprgan and split.json (and run.json when asked).</summary>
    static (TempDirectory Dir, string Generator) RunFolder(FaceSet all, SplitResult split, TrainingRunRecord? runJson = null)
    {
        var dir = new TempDirectory();
        var path = dir.File("generator.exprgan");
        using (var g = ExprGanGenerator.Create(ExprGanPreset.Tiny.Architecture(1, all.ClassCount), all.ClassNames, torch.CPU, seed: 3)) g.Save(path);
        var test = split.Test.Select(i => all.Subjects[i]!).Distinct().Order().ToArray();
        new TrainingSplitRecord(split.Description, split.SubjectIndependent, split.Train.Length, split.Test.Length, test).Write(dir.Path);
        runJson?.Write(dir.Path);
        return (dir, path);
    }

    static TrainingRunRecord Run(FaceSet all, string dataset, string hash) =>
        new(dataset, all.Count, all.ClassNames.ToArray(), hash, "tiny", ExprGanPreset.Tiny.Architecture(1, all.ClassCount), new ExprGanTrainingOptions([1, 1, 1]));

    [Fact]
    public void ARunFileOfAnotherFormatVersionIsRefusedByName()
    {
        using var dir = new TempDirectory();
        var faces = Procedural();
        using var all = faces.Load(out _);
        (Run(all, "procedural", "h") with { FormatVersion = 2 }).Write(dir.Path);
        var e = Assert.Throws<InvalidDataException>(() => TrainingRunRecord.Read(dir.File(TrainingRunRecord.FileName)));
        Assert.Contains("format version 2", e.Message);
        Assert.Contains(dir.File(TrainingRunRecord.FileName), e.Message);
        Assert.Equal("procedural", (Run(all, "procedural", "h") with { }).Dataset);
        Run(all, "procedural", "h").Write(dir.Path);
        Assert.Equal(Run(all, "procedural", "h").Architecture, TrainingRunRecord.Read(dir.File(TrainingRunRecord.FileName)).Architecture);
    }

    [Fact]
    public void ASnapshotIsReadWithItsRunFoldersRecords()
    {
        var faces = Procedural();
        using var all = faces.Load(out _);
        var split = SubjectSplitter.HoldOut(all, 0.25, seed: 1);
        var (dir, path) = RunFolder(all, split, Run(all, "procedural", "h"));
        using var cleanup = dir;
        var snapshot = new ExprGanRunFiles(dir.Path).Snapshot(9);
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        File.Copy(path, snapshot);
        var run = GeneratorRun.Read(snapshot);
        Assert.Equal(dir.File(GeneratorRun.SplitFile), run.SplitJsonPath);
        Assert.Equal(dir.File(GeneratorRun.RunFile), run.RunJsonPath);
        Assert.Equal(GeneratorRun.Read(path).TestSubjects, run.TestSubjects);
        Assert.Equal(snapshot, run.GeneratorPath);
    }

    [Fact]
    public void WritesReportMetricsAndPlotsForARunFolder()
    {
        TestProcess.ApplyThreads();
        var faces = Procedural();
        using var all = faces.Load(out _);
        var split = SubjectSplitter.HoldOut(all, 0.25, seed: 1);
        string trainHash;
        var (trainSide, testSide) = all.Split(split);
        using (trainSide) using (testSide) trainHash = trainSide.ContentHash();
        var (dir, path) = RunFolder(all, split, Run(all, "procedural", trainHash));
        using var cleanup = dir;
        using var generator = ExprGanGenerator.Load(path, torch.CPU);
        var run = GeneratorRun.Read(path);
        using var data = HeldOutData.Resolve(all, "procedural", run, holdoutFraction: null, seed: 1, generator.TrainingSetHash);
        Assert.Equal(split.Test, data.Split.Test);
        Assert.Contains(run.RunOptions, kv => kv.Key == "preset" && kv.Value == "tiny");
        using var phi = new RandomConvIdentity(seed: 1);

        using var neutral = faces.NeutralVersions(data.Test);
        var request = Request(generator, path, data, phi, faces, dir.File("out"), publicFaces: true) with { Neutral = neutral };
        var (result, files) = EvaluationRunner.Run(request);

        foreach (var file in new[] { files.Report, files.Metrics, files.IntensityCurves, files.EditGrid }) Assert.True(new FileInfo(file).Length > 0, file);
        Assert.Equal(dir.File(Path.Combine("out", "edit-grid.png")), files.EditGrid);
        var rows = MetricsCsv.Read(files.Metrics);
        Assert.Equal(MetricsCsv.Rows(result).Count, rows.Count);
        double Value(string metric, string cls = MetricsCsv.All) => rows.Single(r => r.Metric == metric && r.Class == cls && r.Intensity == null).Value;
        Assert.Equal(result.Accuracy.Overall, Value("edit_accuracy"), 5);
        Assert.Equal(data.Test.Count, Value("test_images"));
        Assert.Equal(data.Test.Subjects.Distinct().Count(), Value("test_subjects"));
        // Overall figures are the means of their per-class rows (every target gets an edit of every test face).
        Assert.Equal(all.ClassNames.Average(c => Value("edit_accuracy", c)), Value("edit_accuracy"), 5);
        Assert.Equal(all.ClassNames.Average(c => Value("intensity_spearman", c)), Value("intensity_spearman"), 5);
        // Identity shares count intensity-1 edits, one per test face and target: whole numbers of the 6 x faces edits.
        var z = result.ZIdentity;
        Assert.Equal(6 * data.Test.Count, z.Edits);
        Assert.Equal(Math.Round(z.ShareAbove * z.Edits), z.ShareAbove * z.Edits, 9);
        Assert.Equal(z.ShareAbove, Value("identity_z_share_above_median"), 5);
        // At intensity 0 the code is zero whatever the target, so a face's six edits are one image, and the judge's
        // probabilities of the six targets for it sum to 1: their mean over targets is exactly 1/6.
        Assert.Equal(1.0 / 6, rows.Single(r => r.Metric == "judge_p_target" && r.Class == "mean" && r.Intensity == 0).Value, 5);
        Assert.Contains(rows, r => r.Metric == "identity_accuracy_edits");
        // The judge's reading of the true neutral faces: one probability per class, summing to 1.
        Assert.Equal(1, rows.Where(r => r.Metric == "judge_p_on_true_neutral").Sum(r => r.Value), 4);
        Assert.Equal(all.ClassCount, rows.Count(r => r.Metric == "judge_p_on_true_neutral"));
        Assert.Equal(6 * 7, rows.Count(r => r.Metric == "judge_p_target"));   // 6 classes + mean, at 6 intensities
        // The nearest-face measure and the gates, in the result, metrics.csv and report.md.
        var nearest = result.NearestFace!;
        Assert.Equal(6, nearest.Shares.Count);   // phi, pixels, z at 0.5 and 1
        Assert.Equal(nearest.Share("phi", 1f).Share, rows.Single(r => r.Metric == "identity_nearest_phi_share" && r.Class == MetricsCsv.All && r.Intensity == 1).Value, 5);
        Assert.Contains(rows, r => r.Metric == "identity_nearest_z_ceiling" && r.Intensity == 0.5);
        Assert.Contains(rows, r => r.Metric == "identity_spread_pixels_edits_cosine" && r.Intensity == 1);
        Assert.Equal(6, rows.Count(r => r.Metric == "gate_intensity_spearman_pass"));
        Assert.Equal(result.Gates!.Passed ? 1 : 0, Value("gates_passed"));
        var report = File.ReadAllText(files.Report);
        Assert.Contains("## Quality gates: FAIL", report);   // a random tiny generator
        Assert.Contains("### 3b. Nearest real face", report);
        Assert.Contains("### 3c. Edits of different people into the same target", report);
        Assert.Contains("## 5. Procedural ground truth", report);
        Assert.Contains("true neutral versions", report);
        Assert.Contains("- preset: `tiny`", report);
        Assert.Contains("split.json", report);
    }

    [Fact]
    public void FacesOfOtherDataSetsGoToThePrivateFolder()
    {
        TestProcess.ApplyThreads();
        var faces = Procedural();
        using var all = faces.Load(out _);
        var split = SubjectSplitter.HoldOut(all, 0.25, seed: 1);
        var (dir, path) = RunFolder(all, split);
        using var cleanup = dir;
        using var generator = ExprGanGenerator.Load(path, torch.CPU);
        using var data = HeldOutData.Resolve(all, "procedural", GeneratorRun.Read(path), 0.25, 1, null);
        using var phi = new RandomConvIdentity(seed: 1);
        var request = Request(generator, path, data, phi, null, dir.File("out"), publicFaces: false) with { MaxTestImages = 10 };
        var (result, files) = EvaluationRunner.Run(request);
        Assert.Equal(dir.File(Path.Combine("out", EvaluationRunner.PrivateFolder, "edit-grid.png")), files.EditGrid);
        Assert.True(File.Exists(files.EditGrid));
        Assert.False(File.Exists(dir.File(Path.Combine("out", "edit-grid.png"))));
        Assert.Equal(10, result.TestImages);
        Assert.Null(result.IdentityAccuracy);   // no identity parameters given
        Assert.Contains("not verified", File.ReadAllText(files.Report));
    }

    [Fact]
    public void RefusesGeneratorsThatSawTheTestSubjectsOrOtherData()
    {
        var faces = Procedural();
        using var all = faces.Load(out _);
        var split = SubjectSplitter.HoldOut(all, 0.25, seed: 1);

        var (plain, path) = RunFolder(all, split);
        using (plain)
        {
            File.Delete(plain.File(GeneratorRun.SplitFile));
            var e = Assert.Throws<InvalidDataException>(() => HeldOutData.Resolve(all, "procedural", GeneratorRun.Read(path), null, 1, null));
            Assert.Contains("--holdout-subjects", e.Message);
        }
        var (whole, wholePath) = RunFolder(all, split, Run(all, "procedural", all.ContentHash()));
        using (whole)
        {
            var e = Assert.Throws<InvalidDataException>(() => HeldOutData.Resolve(all, "procedural", GeneratorRun.Read(wholePath), null, 1, null));
            Assert.Contains("nothing is held out", e.Message);
            e = Assert.Throws<InvalidDataException>(() => HeldOutData.Resolve(all, "ck48", GeneratorRun.Read(wholePath), null, 1, null));
            Assert.Contains("--dataset procedural", e.Message);
        }
        var (other, otherPath) = RunFolder(all, split, Run(all, "procedural", "0123456789abcdef"));
        using (other)
        {
            var run = GeneratorRun.Read(otherPath);
            var e = Assert.Throws<InvalidDataException>(() => HeldOutData.Resolve(all, "procedural", run, null, 1, null));
            Assert.Contains("other images", e.Message);
            e = Assert.Throws<InvalidDataException>(() => HeldOutData.Resolve(all, "procedural", run, 0.5, 1, null));
            Assert.Contains("split.json", e.Message);
        }

        var mismatch = new GeneratorInfo(all.ClassNames.Take(5).ToArray(), 3, 32, 32, 8, 2);
        var differences = GeneratorCompatibility.Differences(mismatch, all);
        Assert.Equal(3, differences.Count);
        Assert.Contains(differences, d => d.Contains("--size 32"));
        Assert.Contains(differences, d => d.Contains("--rgb"));
    }

    static EvaluationRequest Request(IExpressionGenerator generator, string path, HeldOutData data, IIdentityNetwork phi,
        ProceduralFaces? faces, string outDir, bool publicFaces) => new()
    {
        Generator = generator, GeneratorPath = path, Train = data.Train, Test = data.Test, Phi = phi, PhiDescription = "random conv (test)",
        IdentityParameters = faces?.Identities.ToDictionary(i => i.Subject, i => i.ToVector()),
        Judge = new ExpressionCnnOptions { Architecture = CnnArchitecture.Small, Epochs = 2, BatchSize = 16, Threads = 1 },
        Options = new EvaluationOptions { IntensityLevels = 6, GridFaces = 3, GridRampSteps = 3 },
        Seed = 1, OutputDirectory = outDir, PublicFaces = publicFaces,
        Provenance = new EvaluationProvenance
        {
            Command = "test", Dataset = "procedural", DatasetDescription = "procedural test faces", Split = data.Split.ToString(),
        SplitSource = data.Source, HashCheck = data.HashCheck, RunJsonPath = GeneratorRun.Read(path).RunJsonPath,
            GeneratorRunOptions = GeneratorRun.Read(path).RunOptions,
        },
    };
}
