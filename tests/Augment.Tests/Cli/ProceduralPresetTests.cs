using System.Text.Json;
using Augment.Experiments.Commands;
using Augment.ExprGan.Training;

namespace Augment.Tests.Cli;

/// <summary>
/// Issue 12 item 4: `ip-procedural` is the command line its gates were measured with
/// (results/procedural/exprgan-ip-skip-32/README.md, session 22), so naming the preset changes nothing it trains.
/// </summary>
public class ProceduralPresetTests
{
    static readonly string[] Measured =
    [
        "--preset", "ip-skip-avg", "--size", "32", "--weights-s2", "2,0,1,1,0,0,2,0.3,0,5",
        "--weights-s3", "2,0,1,1,0.01,0,2,0.3,0,5", "--skip-levels", "2", "--lr", "4e-4", "--epochs", "10,10,40",
    ];

    [Fact]
    public void ThePresetTrainsTheMeasuredRecipe()
    {
        var measured = TrainCommand.BuildOptions(CliHarness.Parse<TrainCommand.Settings>(Measured));
        var preset = TrainCommand.BuildOptions(CliHarness.Parse<TrainCommand.Settings>("--preset", "ip-procedural"));
        // Every training setting, the epochs and stage weights included, as train writes them to run.json.
        Assert.Equal(JsonSerializer.Serialize(measured.Training), JsonSerializer.Serialize(preset.Training));
        Assert.Equal(measured.ImageSize, preset.ImageSize);

        var arch = ExprGanPreset.IdentityPreservingProcedural.Architecture(1, 6);
        var measuredArch = ExprGanPreset.IdentityPreservingAveraged.Architecture(1, 6) with { ImageSize = 32, SkipLevels = measured.SkipLevels!.Value };
        Assert.Empty(measuredArch.Differences(arch));
        Assert.True(arch.InputSkip);
        Assert.Equal(4e-4, preset.Training.LearningRate);
    }

    /// <summary>A preset without a learning rate keeps the options' own default.</summary>
    [Fact]
    public void PresetsWithoutARateKeepTheDefault() =>
        Assert.Equal(new ExprGanTrainingOptions([1, 1, 1]).LearningRate, ExprGanPreset.IdentityPreservingAveraged.TrainingOptions([1, 1, 1], 1).LearningRate);
}
