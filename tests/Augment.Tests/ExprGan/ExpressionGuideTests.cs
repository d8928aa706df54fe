using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>The guide term's frozen expression classifier (ExpressionGuide, ExprGanTrainingOptions.GuideWeight).</summary>
public class ExpressionGuideTests
{
    static readonly ExprGanArchitecture Arch = ExprGanPreset.Tiny.Architecture(1, 3) with { Design = GeneratorDesign.IdentityPreserving, SkipLevels = 2 };

    [Fact]
    public void TheOptionIsRecordedOnlyWhenOnAndRefusedForThePaperDesign() => TrainingSwitches.RecordedOnlyWhenOn(
        nameof(ExprGanTrainingOptions.GuideWeight), o => o with { GuideWeight = 1 }, "--guide 1", o => o.GuideWeight == 1);

    [Fact]
    public void TheIdentityPreservingDesignTrainsWithIt() => TrainingSwitches.ChangesTheRun(o => o with { GuideWeight = 1 });

    /// <summary>Trained, it reads its training faces well above chance; frozen, gradients reach the images and never its
    /// weights; saved and loaded, it reads the same.</summary>
    [Fact]
    public void TheGuideLearnsTheClassesAndStaysFrozen()
    {
        using var set = TinyFaces.Create(subjects: 8);
        using var labels = tensor(set.Labels.Select(l => (long)l).ToArray());
        using var guide = ExpressionGuide.Train(Arch, set.Images, labels, seed: 3, CPU);
        Assert.True(guide.TrainingAccuracy > 0.8, $"training accuracy {guide.TrainingAccuracy:P1} (chance 33%)");

        using var scope = NewDisposeScope();
        var x = set.Images.narrow(0, 0, 4).detach().clone().requires_grad_(true);
        var logits = guide.Logits(x);
        Assert.Equal([4L, 4L], logits.shape);   // 3 classes + the unused "edit" output
        logits.sum().backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad!.abs().sum().item<float>() > 0);

        using var dir = new TempDirectory();
        var path = dir.File("guide.pt");
        guide.Save(path);
        using var back = ExpressionGuide.Load(Arch, path, CPU);
        Assert.True(back.Logits(set.Images).allclose(guide.Logits(set.Images).detach()), "the loaded guide reads differently");
    }

    [Fact]
    public void AResumedRunReadsTheSameGuideAndEndsAsTheStraightRun()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var set = TinyFaces.Create(subjects: 4);
        var options = IdentityPreservingTests.MixtureOptions([1, 1, 2], 4) with { GuideWeight = 1 };

        using var straight = new ExprGanTrainer(Arch, options, a.Path, CPU);
        var trained = 0;
        straight.GuideTrained += _ => trained++;
        straight.Train(set);
        Assert.Equal(1, trained);
        Assert.True(File.Exists(straight.Files.Guide));
        Assert.Contains(LossLog.Read(straight.Files.Losses), r => r.Stage >= 2 && float.IsFinite(r.Losses.Guide));

        using (var cancel = new CancellationTokenSource())
        using (var killed = new ExprGanTrainer(Arch, options, b.Path, CPU))
        {
            killed.EpochCompleted += e => { if (e.Stage == 3) cancel.Cancel(); };
            Assert.Throws<OperationCanceledException>(() => killed.Train(set, cancel: cancel.Token));
        }
        using var resumed = new ExprGanTrainer(Arch, options, b.Path, CPU);
        resumed.GuideTrained += _ => trained++;
        resumed.Train(set, resume: true);
        Assert.Equal(1, trained);   // read back, not trained again
        var expected = straight.Networks.Generator.StateDict();
        foreach (var (name, t) in resumed.Networks.Generator.StateDict())
            Assert.True(t.equal(expected[name]).all().item<bool>(), $"{name} differs after resume");
    }
}
