using Augment.ExprGan;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>The identity-preserving design: shapes, state-dict names, the mask's blend, checkpoints and training.</summary>
public class IdentityPreservingTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "augment-ip-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    static readonly string[] Three = ["a", "b", "c"];

    /// <summary>Small identity-preserving training options with the preset's weights and the mixture target.</summary>
    internal static ExprGanTrainingOptions MixtureOptions(int[] epochs, int seed)
    {
        var w = ExprGanPreset.IdentityPreserving.StageWeights!;
        return new ExprGanTrainingOptions(epochs, BatchSize: 8, LearningRate: 1e-3, Seed: seed, Stage1: w[0], Stage2: w[1], Stage3: w[2])
            { IntensityTarget = IntensityTarget.Mixture, MaskLogitCap = 4 };
    }

    static ExprGanArchitecture Arch(int skips = 2) =>
        ExprGanPreset.Tiny.Architecture(1, 3) with { Design = GeneratorDesign.IdentityPreserving, SkipLevels = skips };

    [Fact]
    public void DecoderTakesTheSkipsAndHasAMaskHead()
    {
        using var g = ExprGanGenerator.Create(Arch(), Three, CPU, 3);
        var shapes = g.StateDict().ToDictionary(p => p.Key, p => p.Value.shape);
        // Tiny: encoder 8, 16; decoder 16, 8; code 3 x 2. Start map 16 + skip 16 + code 6; then 16 + skip 8 + 6; then 8 + 6.
        Assert.Equal([16L, 38, 3, 3], shapes["decoder.ups.0.weight"]);
        Assert.Equal([8L, 30, 3, 3], shapes["decoder.ups.1.weight"]);
        Assert.Equal([16L, 14, 3, 3], shapes["decoder.penultimate.weight"]);
        Assert.Equal([1L, 22, 3, 3], shapes["decoder.mask.weight"]);
        Assert.Equal([1L], shapes["decoder.mask.bias"]);
        using var paper = ExprGanGenerator.Create(ExprGanPreset.Tiny.Architecture(1, 3), Three, CPU, 3);
        Assert.DoesNotContain("decoder.mask.weight", paper.StateDict().Keys);
        Assert.Equal([16L, 22, 3, 3], paper.StateDict()["decoder.ups.0.weight"].shape);

        // InputSkip: the image (1 channel) joins the penultimate convolution, and only there.
        using var withInput = ExprGanGenerator.Create(Arch() with { InputSkip = true }, Three, CPU, 3);
        var inputShapes = withInput.StateDict().ToDictionary(p => p.Key, p => p.Value.shape);
        Assert.Equal([16L, 15, 3, 3], inputShapes["decoder.penultimate.weight"]);
        Assert.Equal(shapes.Keys.Order(), inputShapes.Keys.Order());
        Assert.All(shapes.Where(p => p.Key != "decoder.penultimate.weight"), p => Assert.Equal(p.Value, inputShapes[p.Key]));
        Assert.Throws<ArgumentException>(() => (ExprGanPreset.Tiny.Architecture(1, 3) with { InputSkip = true }).Validated());
        var json = System.Text.Json.JsonSerializer.Serialize(Arch(), Augment.ExprGan.Checkpoints.CheckpointIO.Json);
        Assert.DoesNotContain("InputSkip", json, StringComparison.OrdinalIgnoreCase);   // cache keys of generators without it stay
    }

    /// <summary>Bilinear upsampling: the same weights, another image; kept through save and load; absent from the
    /// serialised architecture while nearest (so older checkpoints and cache keys stay).</summary>
    [Fact]
    public void BilinearUpsamplingChangesTheImageNotTheWeightsAndSurvivesSaveAndLoad()
    {
        using var nearest = ExprGanGenerator.Create(Arch(), Three, CPU, 3);
        using var bilinear = ExprGanGenerator.Create(Arch() with { Upsampling = DecoderUpsampling.Bilinear }, Three, CPU, 3);
        Assert.Equal(nearest.StateDict().Keys.Order(), bilinear.StateDict().Keys.Order());
        using (no_grad())
            foreach (var (name, p) in nearest.StateDict()) bilinear.StateDict()[name].copy_(p);
        using var gen = new Generator(5, CPU);
        var x = rand(2, 1, 16, 16, generator: gen).mul(2).sub(1);
        var code = nearest.Code([0, 1], [1f, 0.5f]);
        var a = nearest.Edit(x, code);
        var b = bilinear.Edit(x, code);
        Assert.True(a.sub(b).abs().max().item<float>() > 1e-4f, "bilinear upsampling gave the nearest image");

        Directory.CreateDirectory(dir);
        bilinear.Save(Path.Combine(dir, "bilinear.exprgan"));
        using var loaded = ExprGanGenerator.Load(Path.Combine(dir, "bilinear.exprgan"), CPU);
        Assert.Equal(DecoderUpsampling.Bilinear, loaded.Architecture.Upsampling);
        Assert.True(loaded.Edit(x, code).sub(b).abs().max().item<float>() < 1e-6f);
        Assert.DoesNotContain("Upsampling", System.Text.Json.JsonSerializer.Serialize(Arch(), Augment.ExprGan.Checkpoints.CheckpointIO.Json),
            StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Mixed: bilinear for the coarse half of the doublings, nearest after: unlike either, and it says so per level.</summary>
    [Fact]
    public void MixedUpsamplingIsBilinearOnlyWhileCoarse()
    {
        var arch = Arch() with { Upsampling = DecoderUpsampling.Mixed };
        var levels = arch.EncoderWidths.Length;
        Assert.True(levels >= 2, "the test architecture needs two doublings");
        Assert.Equal(Enumerable.Range(0, levels).Select(i => i < levels / 2), Enumerable.Range(0, levels).Select(arch.BilinearAt));
        Assert.All(Enumerable.Range(0, levels), i => Assert.False(Arch().BilinearAt(i)));

        using var gen = new Generator(5, CPU);
        var x = rand(2, 1, 16, 16, generator: gen).mul(2).sub(1);
        using var nearest = ExprGanGenerator.Create(Arch(), Three, CPU, 3);
        var images = new[] { DecoderUpsampling.Nearest, DecoderUpsampling.Bilinear, DecoderUpsampling.Mixed }.Select(u =>
        {
            using var g = ExprGanGenerator.Create(Arch() with { Upsampling = u }, Three, CPU, 3);
            using (no_grad())
                foreach (var (name, p) in nearest.StateDict()) g.StateDict()[name].copy_(p);   // the same weights
            return g.Edit(x, g.Code([0, 1], [1f, 0.5f])).detach().clone();
        }).ToArray();
        Assert.True(images[2].sub(images[0]).abs().max().item<float>() > 1e-4f, "mixed gave the nearest image");
        Assert.True(images[2].sub(images[1]).abs().max().item<float>() > 1e-4f, "mixed gave the bilinear image");
    }

    [Fact]
    public void TheMaskBlendsTheInputBackIn()
    {
        using var g = ExprGanGenerator.Create(Arch(), Three, CPU, 3);
        using var gen = new Generator(5, CPU);
        var x = rand(4, 1, 16, 16, generator: gen).mul(2).sub(1);
        var code = g.Code([0, 1, 2, 0], [1f, 0.5f, 0f, 0.25f]);
        var bias = g.StateDict()["decoder.mask.bias"];
        using (no_grad()) bias.fill_(30);                  // keep every input pixel
        Assert.True(g.Edit(x, code).sub(x).abs().max().item<float>() < 1e-5f);
        using (no_grad()) bias.fill_(-30);                 // keep none: the decoder's own drawing, in (-1, 1)
        var drawn = g.Edit(x, code);
        Assert.True(drawn.sub(x).abs().max().item<float>() > 0.1f);
        Assert.True(drawn.abs().max().item<float>() < 1f);
        Assert.Throws<InvalidOperationException>(() => g.Decode(g.Encode(x), code));
    }

    [Fact]
    public void CheckpointsKeepTheDesign()
    {
        using var g = ExprGanGenerator.Create(Arch(skips: 1) with { InputSkip = true }, Three, CPU, 3);
        var path = Path.Combine(dir, "g.exprgan");
        Directory.CreateDirectory(dir);
        g.Save(path);
        using var loaded = ExprGanGenerator.Load(path, CPU);
        Assert.Equal(g.Architecture, loaded.Architecture);
        Assert.Equal(GeneratorDesign.IdentityPreserving, loaded.Architecture.Design);
        Assert.True(loaded.Architecture.InputSkip);
        using var gen = new Generator(5, CPU);
        var x = rand(2, 1, 16, 16, generator: gen).mul(2).sub(1);
        var code = g.Code([1, 2], [1f, 0.3f]);
        Assert.True(g.Edit(x, code).sub(loaded.Edit(x, code)).abs().max().item<float>() < 1e-6f);
        var paper = ExprGanPreset.Tiny.Architecture(1, 3);
        var e = Assert.Throws<InvalidDataException>(() => ExprGanGenerator.Load(path, CPU, paper, Three));
        Assert.Contains("Design", e.Message);
    }

    [Fact]
    public void TheNewTermsAreSettingsOfTheRun()
    {
        var plain = new ExprGanTrainingOptions([1, 1, 1]);
        Assert.Contains(plain.ResumeDifferences(plain with { IntensityTarget = IntensityTarget.Mixture }), d => d.StartsWith("IntensityTarget"));
        Assert.Contains(plain.ResumeDifferences(plain with { MaskLogitCap = 4 }), d => d.StartsWith("MaskLogitCap"));
        Assert.Throws<ArgumentException>(() => (plain with { MaskLogitCap = 0 }).Validated());
        Assert.Contains(plain.ResumeDifferences(plain with { FullIntensityShare = 0.25 }), d => d.StartsWith("FullIntensityShare"));
        Assert.Throws<ArgumentException>(() => (plain with { FullIntensityShare = 1.5 }).Validated());
        Assert.Contains(plain.ResumeDifferences(plain with { ZeroIntensityShare = 0.1 }), d => d.StartsWith("ZeroIntensityShare"));
        Assert.Contains(plain.ResumeDifferences(plain with { Precision = TrainingPrecision.BFloat16 }), d => d.StartsWith("Precision"));
        var mixture = plain with { IntensityTarget = IntensityTarget.Mixture };
        Assert.Throws<ArgumentException>(() => (mixture with { ZeroIntensityShare = 0.6 }).Validated());   // 0.5 + 0.6 > 1
        Assert.Throws<ArgumentException>(() => (plain with { ZeroIntensityShare = 0.1 }).Validated());     // not the mixture target
        (mixture with { ZeroIntensityShare = 0.5 }).Validated();
        Assert.Contains(plain.ResumeDifferences(plain with { BalanceClasses = true }), d => d.StartsWith("BalanceClasses"));
    }

    [Fact]
    public void ThePaperDesignRefusesSkips() =>
        Assert.Throws<ArgumentException>(() => (ExprGanPreset.Tiny.Architecture(1, 3) with { SkipLevels = 1 }).Validated());

    [Theory]
    [InlineData(IntensityTarget.Weighted, null, false)]
    [InlineData(IntensityTarget.Graded, 4f, false)]
    [InlineData(IntensityTarget.Mixture, 4f, false)]
    [InlineData(IntensityTarget.Mixture, 4f, true)]
    public void ItsTrainingTermsLearn(IntensityTarget target, float? cap, bool balance)
    {
        using var set = TinyFaces.Create(subjects: 6);
        var w = ExprGanPreset.IdentityPreserving.StageWeights!;
        var options = new ExprGanTrainingOptions([2, 4, 2], BatchSize: 8, LearningRate: 1e-3, Seed: 11, Stage1: w[0], Stage2: w[1], Stage3: w[2])
            { IntensityTarget = target, MaskLogitCap = cap, BalanceClasses = balance };
        var epochs = new List<EpochSummary>();
        using var trainer = new ExprGanTrainer(Arch(), options, dir, CPU);
        trainer.EpochCompleted += epochs.Add;
        trainer.Train(set);
        var s2 = epochs.Where(e => e.Stage == 2).ToList();
        Assert.True(s2[^1].Mean.Cycle < s2[0].Mean.Cycle, $"cycle {s2[0].Mean.Cycle} -> {s2[^1].Mean.Cycle}");
        Assert.True(s2[^1].Mean.Pixel < s2[0].Mean.Pixel, $"reconstruction L1 {s2[0].Mean.Pixel} -> {s2[^1].Mean.Pixel}");
        Assert.All(epochs, e => Assert.InRange(e.Mean.Mask, 0f, 1f));
        Assert.All(epochs, e => Assert.True(float.IsFinite(e.Mean.Classification) && float.IsFinite(e.Mean.ClassifierOnReal)));
        Assert.True(File.Exists(trainer.Files.Grid(3, 1)));
    }

    /// <summary>`ip-skip` is `ip` plus the input skip and nothing else; `ip` itself stays as published (no input skip),
    /// and the train command's flag cannot switch a preset's skip off.</summary>
    [Fact]
    public void TheInputSkipPresetIsIpPlusTheSkipAlone()
    {
        var ip = ExprGanPreset.Get("ip").Architecture(1, 6);
        var skip = ExprGanPreset.Get("ip-skip").Architecture(1, 6);
        Assert.False(ip.InputSkip);
        Assert.True(skip.InputSkip);
        Assert.Equal(ip with { InputSkip = true }, skip);
        Assert.Empty(ExprGanPreset.IdentityPreserving.TrainingOptions([1, 2, 3], 5).ResumeDifferences(ExprGanPreset.IdentityPreservingInputSkip.TrainingOptions([1, 2, 3], 5)));
        Assert.Equal(ip.PenultimateInput(16) + 1, skip.PenultimateInput(16));
    }

    /// <summary>Class balance: inverse-frequency weights with mean 1 over the images, and an option that stays out of the
    /// serialised options while off (so the sweep's GAN cache keys of runs without it do not move).</summary>
    [Fact]
    public void ClassWeightsAreInverseFrequencyAndTheOptionIsSerialisedOnlyWhenOn()
    {
        int[] labels = [0, 0, 0, 1, 2, 2];
        var w = ExprGanTrainingOptions.ClassWeights(labels, 4);
        Assert.Equal([6f / (3 * 3), 6f / 3, 6f / (3 * 2), 0f], w);   // 3 classes have images
        Assert.Equal(labels.Length, labels.Sum(l => w[l]), 4);   // mean 1 over the images

        var off = new ExprGanTrainingOptions([1, 1, 1]);
        var json = System.Text.Json.JsonSerializer.Serialize(off, Augment.ExprGan.Checkpoints.CheckpointIO.Json);
        Assert.DoesNotContain("BalanceClasses", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("BalanceClasses", System.Text.Json.JsonSerializer.Serialize(off with { BalanceClasses = true }, Augment.ExprGan.Checkpoints.CheckpointIO.Json),
            StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reconstruction (and the cycle back) at the data set's intensity labels: a setting of the run, serialised only
    /// when on, that changes what is learnt, and refused with the set's name on data without labels.</summary>
    [Fact]
    public void ReconstructingAtTheLabelledIntensityChangesTheRunAndNeedsLabels()
    {
        using var set = TinyFaces.Create(subjects: 6);
        var atOne = MixtureOptions([1, 2, 0], 11);
        var labelled = atOne with { ReconstructAtLabelledIntensity = true };
        var json = System.Text.Json.JsonSerializer.Serialize(atOne, Augment.ExprGan.Checkpoints.CheckpointIO.Json);
        Assert.DoesNotContain("ReconstructAtLabelledIntensity", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ReconstructAtLabelledIntensity", System.Text.Json.JsonSerializer.Serialize(labelled, Augment.ExprGan.Checkpoints.CheckpointIO.Json),
            StringComparison.OrdinalIgnoreCase);
        Assert.Contains(atOne.ResumeDifferences(labelled), d => d.StartsWith("ReconstructAtLabelledIntensity"));
        var parsed = Augment.Experiments.Commands.TrainCommand.BuildOptions(
            Augment.Tests.Cli.Capture<Augment.Experiments.Commands.TrainCommand.Settings>.Bind("--preset", "ip-skip", "--reconstruct-at-labelled-intensity"));
        Assert.True(parsed.Training.ReconstructAtLabelledIntensity);

        float FirstReconstructionLoss(ExprGanTrainingOptions o, string folder)
        {
            var epochs = new List<EpochSummary>();
            using var trainer = new ExprGanTrainer(Arch(), o, folder, CPU);
            trainer.EpochCompleted += epochs.Add;
            trainer.Train(set);
            var s2 = epochs.Where(e => e.Stage == 2).ToList();
            Assert.True(s2[^1].Mean.Pixel < s2[0].Mean.Pixel, $"reconstruction L1 {s2[0].Mean.Pixel} -> {s2[^1].Mean.Pixel}");
            return s2[0].Mean.Pixel;
        }
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        Assert.NotEqual(FirstReconstructionLoss(atOne, a.Path), FirstReconstructionLoss(labelled, b.Path));

        using var unlabelled = new Augment.Data.FaceSet("unlabelled-set", set.Images.clone(), [.. set.Labels], set.ClassNames, [.. set.Subjects]);
        using var c = new TempDirectory();
        using var refused = new ExprGanTrainer(Arch(), labelled, c.Path, CPU);
        var e = Assert.Throws<ArgumentException>(() => refused.Train(unlabelled));
        Assert.Contains("unlabelled-set", e.Message);
        Assert.Contains("intensity labels", e.Message);
    }

    /// <summary>The auxiliary classifier trained on real labels softened by their labelled intensity: serialised only
    /// when on, refused without the mixture target, identical to hard labels when every face is labelled 1, and a
    /// different loss on faces labelled below 1.</summary>
    [Fact]
    public void ClassifyingAtTheLabelledIntensitySoftensRealLabelsByTheirIntensity()
    {
        using var set = TinyFaces.Create(subjects: 4);
        var hard = MixtureOptions([2, 0, 0], 5);
        var soft = hard with { ClassifyAtLabelledIntensity = true };
        Assert.DoesNotContain("ClassifyAtLabelledIntensity", System.Text.Json.JsonSerializer.Serialize(hard, Augment.ExprGan.Checkpoints.CheckpointIO.Json));
        Assert.Contains(hard.ResumeDifferences(soft), d => d.StartsWith("ClassifyAtLabelledIntensity"));
        Assert.Throws<ArgumentException>(() => (soft with { IntensityTarget = IntensityTarget.Weighted }).Validated());
        var parsed = Augment.Experiments.Commands.TrainCommand.BuildOptions(
            Augment.Tests.Cli.Capture<Augment.Experiments.Commands.TrainCommand.Settings>.Bind("--preset", "ip-skip", "--classify-at-labelled-intensity"));
        Assert.True(parsed.Training.ClassifyAtLabelledIntensity);

        float[] RealClassLosses(ExprGanTrainingOptions o, Augment.Data.FaceSet faces)
        {
            var epochs = new List<EpochSummary>();
            using var folder = new TempDirectory();
            using var trainer = new ExprGanTrainer(Arch(), o, folder.Path, CPU);
            trainer.EpochCompleted += epochs.Add;
            trainer.Train(faces);
            return [.. epochs.Select(e => e.Mean.ClassifierOnReal)];
        }
        using var atOne = new Augment.Data.FaceSet("at-one", set.Images.clone(), [.. set.Labels], set.ClassNames, [.. set.Subjects],
            intensities: [.. set.Labels.Select(_ => 1f)]);
        Assert.Equal(RealClassLosses(hard, atOne), RealClassLosses(soft, atOne), (a, b) => Math.Abs(a - b) < 1e-5f);
        using var faint = new Augment.Data.FaceSet("faint", set.Images.clone(), [.. set.Labels], set.ClassNames, [.. set.Subjects],
            intensities: [.. set.Labels.Select(_ => 0.4f)]);
        var softened = RealClassLosses(soft, faint);
        var hardOnFaint = RealClassLosses(hard, faint);
        Assert.True(Math.Abs(softened[0] - hardOnFaint[0]) > 1e-3, $"soft {softened[0]} vs hard {hardOnFaint[0]}");
        // Cross-entropy is at least the target's entropy: for 0.4 x class + 0.6 x uniform over 3 classes, 0.95 nats.
        Assert.All(softened, l => Assert.True(l >= 0.95f, $"soft loss {l}"));
    }

    /// <summary>The paired term: partners are other faces of the same subject (none for a subject with one face); the
    /// option is serialised only when on, compared on resume, refused when negative, for the paper's design and for a set
    /// without subjects; trained, its loss is logged from stage 2 and falls.</summary>
    [Fact]
    public void PairedTermEditsEachFaceTowardsAnotherFaceOfItsSubject()
    {
        var partners = new SubjectPartners(["a", "a", "b", "c", "c", "c"]);
        Assert.Equal(5, partners.FacesWithPartners);
        var rng = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var drawn = partners.Draw([0, 1, 2, 3, 4, 5], rng);
            Assert.Equal([1, 0, -1], drawn[..3]);
            Assert.All(drawn[3..].Select((p, k) => (p, k: k + 3)), d => Assert.True(d.p is >= 3 and <= 5 && d.p != d.k));
        }

        var plain = MixtureOptions([1, 5, 0], 5);
        var paired = plain with { PairedWeight = 20 };
        Assert.DoesNotContain("PairedWeight", System.Text.Json.JsonSerializer.Serialize(plain, Augment.ExprGan.Checkpoints.CheckpointIO.Json));
        Assert.Contains(plain.ResumeDifferences(paired), d => d.StartsWith("PairedWeight"));
        Assert.Throws<ArgumentException>(() => (plain with { PairedWeight = -1 }).Validated());
        var parsed = Augment.Experiments.Commands.TrainCommand.BuildOptions(
            Augment.Tests.Cli.Capture<Augment.Experiments.Commands.TrainCommand.Settings>.Bind("--preset", "ip-skip", "--paired", "2"));
        Assert.Equal(2, parsed.Training.PairedWeight);

        using var set = TinyFaces.Create(subjects: 4);
        using (var folder = new TempDirectory())
        {
            using var paper = new ExprGanTrainer(ExprGanPreset.Tiny.Architecture(1, 3), paired, folder.Path, CPU);
            Assert.Contains("paired term", Assert.Throws<ArgumentException>(() => paper.Train(set)).Message);
        }
        using (var folder = new TempDirectory())
        using (var anonymous = new Augment.Data.FaceSet("no-subjects", set.Images.clone(), [.. set.Labels], set.ClassNames))
        {
            using var trainer = new ExprGanTrainer(Arch(), paired, folder.Path, CPU);
            var e = Assert.Throws<ArgumentException>(() => trainer.Train(anonymous));
            Assert.Contains("no-subjects", e.Message);
            Assert.Contains("subject", e.Message);
        }

        var epochs = new List<EpochSummary>();
        using (var folder = new TempDirectory())
        {
            using var trainer = new ExprGanTrainer(Arch(), paired, folder.Path, CPU);
            trainer.EpochCompleted += epochs.Add;
            trainer.Train(set);
            Assert.Contains(",paired", File.ReadLines(Path.Combine(folder.Path, "losses.csv")).First());
        }
        Assert.True(float.IsNaN(epochs[0].Mean.Paired));   // stage 1 has no reconstruction, no pairs
        var stage2 = epochs.Where(e => e.Stage == 2).Select(e => e.Mean.Paired).ToArray();
        Assert.All(stage2, l => Assert.True(float.IsFinite(l) && l > 0, $"paired loss {l}"));
        Assert.True(stage2[^1] < 0.8f * stage2[0], $"paired loss {string.Join(", ", stage2)}");
    }
}
