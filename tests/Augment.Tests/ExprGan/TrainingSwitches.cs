using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>Checks every on/off training option of the identity-preserving design owes (its flag given with its value
/// where it takes one, "--guide 1"): recorded only when on (so the
/// cache keys of runs without it stay), refused on resume when it differs, set by its command-line flag, refused for
/// the paper's design, and changing what a tiny run trains.</summary>
static class TrainingSwitches
{
    public static void RecordedOnlyWhenOn(string name, Func<ExprGanTrainingOptions, ExprGanTrainingOptions> turnOn, string flag,
        Func<ExprGanTrainingOptions, bool> isOn)
    {
        var off = new ExprGanTrainingOptions([1, 1, 1]);
        var on = turnOn(off);
        Assert.DoesNotContain(name, System.Text.Json.JsonSerializer.Serialize(off, Augment.ExprGan.Checkpoints.CheckpointIO.Json));
        Assert.Contains(name, System.Text.Json.JsonSerializer.Serialize(on, Augment.ExprGan.Checkpoints.CheckpointIO.Json));
        Assert.Contains(off.ResumeDifferences(on), d => d.StartsWith(name));
        var parsed = Augment.Experiments.Commands.TrainCommand.BuildOptions(
            Augment.Tests.Cli.Capture<Augment.Experiments.Commands.TrainCommand.Settings>.Bind(["--preset", "ip-skip", .. flag.Split(' ')]));
        Assert.True(isOn(parsed.Training));

        var paper = ExprGanPreset.Tiny.Architecture(1, 3);
        using var nets = ExprGanNetworks.Create(paper, ["a", "b", "c"], CPU, 1);
        var e = Assert.Throws<ArgumentException>(() => new ExprGanStep(nets, null, on));
        Assert.Contains("identity-preserving", e.Message);
    }

    /// <summary>Trains a tiny identity-preserving run (1/1/1 epochs) with and without the option: finite generator
    /// losses with it, and not the same as without.</summary>
    public static void ChangesTheRun(Func<ExprGanTrainingOptions, ExprGanTrainingOptions> turnOn)
    {
        using var set = TinyFaces.Create(subjects: 4);
        var arch = ExprGanPreset.Tiny.Architecture(1, 3) with { Design = GeneratorDesign.IdentityPreserving, SkipLevels = 2 };
        var plain = IdentityPreservingTests.MixtureOptions([1, 1, 1], 4);
        float[] Totals(ExprGanTrainingOptions o)
        {
            var epochs = new List<EpochSummary>();
            using var folder = new TempDirectory();
            using var trainer = new ExprGanTrainer(arch, o, folder.Path, CPU);
            trainer.EpochCompleted += epochs.Add;
            trainer.Train(set);
            return [.. epochs.Select(e => e.Mean.Generator)];
        }
        var changed = Totals(turnOn(plain));
        Assert.Equal(3, changed.Length);
        Assert.All(changed, v => Assert.True(float.IsFinite(v), $"generator loss {v}"));
        Assert.NotEqual(Totals(plain), changed);
    }
}
