using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

public class ResumeTests
{
    [Fact]
    public void ResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var set = TinyFaces.Create();
        using var phi = new RandomConvIdentity(3);
        var arch = ExprGanPreset.Tiny.Architecture(1, 3);
        var options = new ExprGanTrainingOptions([2, 2, 2], BatchSize: 8, Seed: 21);

        using var straight = new ExprGanTrainer(arch, options, a.Path, CPU, phi);
        straight.Train(set);

        // Killed during stage 2's second epoch: the checkpoint holds stage 1 and one epoch of stage 2.
        using (var cancel = new CancellationTokenSource())
        using (var killed = new ExprGanTrainer(arch, options, b.Path, CPU, phi))
        {
            killed.EpochCompleted += e => { if (e.Stage == 2) cancel.Cancel(); };   // synchronous: a timer could fire after the run ends
            Assert.Throws<OperationCanceledException>(() => killed.Train(set, cancel: cancel.Token));
        }
        using var resumed = new ExprGanTrainer(arch, options, b.Path, CPU, phi);
        resumed.Train(set, resume: true);

        foreach (var ((name, m1), (_, m2)) in straight.Networks.Sections().Zip(resumed.Networks.Sections()))
        {
            var s1 = m1.state_dict();
            var s2 = m2.state_dict();
            foreach (var key in s1.Keys)
                Assert.True(s1[key].equal(s2[key]).all().item<bool>(), $"{name}.{key} differs after resume");
        }
        // The loss log is the uninterrupted one too (apart from the wall and CPU clocks).
        static IEnumerable<string> Losses(string path) => File.ReadLines(path).Select(l => { var c = l.Split(','); c[4] = c[5] = ""; return string.Join(",", c); });
        Assert.Equal(Losses(straight.Files.Losses), Losses(resumed.Files.Losses));
    }

    [Fact]
    public void WeightsOfStagesNotYetTrainedMayChangeOnResume()
    {
        var before = new ExprGanTrainingOptions([2, 2, 2]);
        var after = before with { Stage3 = new LossWeights(1, 0, 1, 1, 0, 0, Classification: 5) };
        Assert.Empty(before.ResumeDifferences(after, [2, 1, 0]));
        Assert.Contains(before.ResumeDifferences(after, [2, 2, 1]), d => d.StartsWith("stage 3 weights"));
        Assert.NotEmpty(before.ResumeDifferences(after));
    }
}
