using Augment.ExprGan.Training;
using System.Reflection;
using System.Text.Json;
using Augment.Classifier;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Evaluation;
using Augment.Evaluation.Judging;
using Augment.Experiments.Commands;
using Augment.Experiments.Options;
using Augment.ExprGan.Model;
using Augment.Sweep.Plan;
using Augment.Torch;
using Spectre.Console.Cli;

namespace Augment.Tests.Cli;

/// <summary>
/// Issue 11 item 1: no option default is declared twice. Every command's options, built from an empty argument line
/// (plus what the command requires), equal the one defaults record of their stage, so a default restated on the
/// command line and changed in one place only fails here. Records are compared as JSON: lists by value.
/// </summary>
public class OptionDefaultsTests
{
    static readonly string Generator = Path.Combine(AppContext.BaseDirectory, "augment.dll");   // any existing file

    /// <summary>The least each command needs to parse; the stage whose defaults its options must equal, if it has one.</summary>
    static readonly Dictionary<string, (string[] Args, Action<CommandSettings>? Stage)> Commands = new()
    {
        ["sweep"] = ([], s => SweepMatchesItsDefaults((SweepCommand.Settings)s, DatasetCatalog.Default, quick: false)),
        ["train"] = ([], s => TrainMatchesThePreset((TrainCommand.Settings)s, ExprGanPreset.Get("cpu"))),
        ["evaluate"] = (["--generator", Generator], s =>
        {
            var (judge, evaluation) = EvaluateCommand.BuildOptions((EvaluateCommand.Settings)s);
            Same(new JudgeOptions(), judge);
            Same(new EvaluationOptions(), evaluation);
        }),
        ["classify-cv"] = ([], s => Same(
            new ExpressionCnnOptions
            {
                SubjectColumnName = FaceSetDataView.Subject, Scale = PixelScale.MinusOneToOne,
                Device = new TorchOptions().Resolved().Device, Threads = new TorchOptions().Threads,
            },
            ClassifyCvCommand.BuildOptions((ClassifyCvCommand.Settings)s))),
        ["procedural-intensity"] = ([], s =>
        {
            var p = (ProceduralIntensityCommand.Settings)s;
            Assert.Equal(ProceduralFaces.SourceSize, p.Size);
            Assert.Equal(new FaceLoadOptions().Seed, p.Seed);
        }),
        ["contact-sheet"] = ([], null),
        ["publish"] = ([], null),
        ["datasets"] = ([], null),
        ["export-onnx"] = (["--generator", Generator], null),
        ["edit"] = (["--generator", "g", "-i", "x", "--expression", "happy"], null),
        ["grid"] = (["--generator", "g", "-i", "x"], null),
        ["transfer"] = (["--generator", "g", "--identity", "a", "--expression", "b"], null),
        ["bench-augment"] = ([], null),
        ["bench-identity"] = ([], null),
        ["bench-train"] = ([], null),
        ["bench-cnn"] = ([], null),
        ["probe-identity"] = ([], null),
        ["compare-evaluations"] = (["some-evaluation-folder"], null),
        ["compare-sweeps"] = (["sweep-a", "sweep-b"], null),
    };

    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in CliHarness.Commands()) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void AnEmptyArgumentLineGivesTheDefaultsRecords(string name)
    {
        Assert.True(Commands.TryGetValue(name, out var command), $"'{name}' is not listed here: add it with the stage its options belong to.");
        var settings = CliHarness.Parse(CliHarness.Commands().Single(c => c.Name == name).Settings, command.Args);
        if (settings is TorchSettings torch) Same(new TorchOptions(), torch.ToTorchOptions());
        else if (settings is ThreadSettings threads) Assert.Equal(new TorchOptions().Threads, threads.ToTorchOptions().Threads);
        if (settings is DatasetSettings data) Same(new DatasetOptions(), data.ToDataOptions());
        command.Stage?.Invoke(settings);
    }

    [Theory]
    [InlineData("procedural", false)]
    [InlineData("procedural", true)]
    [InlineData("ck48", false)]
    [InlineData("ck48", true)]
    public void TheSweepGetsSweepDefaultsForItsDataSetAndQuick(string dataset, bool quick)
    {
        string[] args = ["--dataset", dataset, .. quick ? new[] { "--quick" } : []];
        SweepMatchesItsDefaults(CliHarness.Parse<SweepCommand.Settings>(args), dataset, quick);
    }

    /// <summary>Real data uses SweepOptions' own defaults: SweepDefaults changes only what the procedural faces and --quick need.</summary>
    [Fact]
    public void SweepDefaultsRestateNothingForRealData() =>
        Same(new SweepOptions { Dataset = "ck48" }, SweepDefaults.For("ck48", quick: false));

    public static TheoryData<string> PresetNames()
    {
        var data = new TheoryData<string>();
        foreach (var p in ExprGanPreset.All) data.Add(p.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void TrainGetsThePresetsTrainingOptions(string preset) =>
        TrainMatchesThePreset(CliHarness.Parse<TrainCommand.Settings>("--preset", preset), ExprGanPreset.Get(preset));

    /// <summary>--threads and --device are declared once, on the shared torch settings every command inherits.</summary>
    [Theory]
    [InlineData("--threads")]
    [InlineData("--device")]
    public void TorchOptionsAreDeclaredOnce(string option)
    {
        var declaring = typeof(ThreadSettings).Assembly.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(p => p.GetCustomAttribute<CommandOptionAttribute>()?.LongNames.Contains(option.TrimStart('-')) == true))
            .ToList();
        Assert.Single(declaring);
    }

    static void SweepMatchesItsDefaults(SweepCommand.Settings s, string dataset, bool quick)
    {
        var defaults = SweepDefaults.For(dataset, quick);
        var options = SweepCommand.BuildOptions(s);
        Same(defaults, options);
        var data = SweepDefaults.Data(options, s.ToDataOptions());
        Same(new DatasetOptions
        {
            Name = dataset, Load = new FaceLoadOptions { Size = defaults.ImageSize, MaxImages = defaults.MaxImages },
            Procedural = SweepDefaults.Procedural(defaults),
        }, data);
    }

    static void TrainMatchesThePreset(TrainCommand.Settings s, ExprGanPreset preset)
    {
        var request = TrainCommand.BuildOptions(s);
        var seed = new FaceLoadOptions().Seed;
        Assert.Equal(preset.Name, request.Preset.Name);
        Same(preset.TrainingOptions(preset.DefaultEpochs, seed), request.Training);
        Assert.Equal(preset.ImageSize, request.ImageSize);
        Same(new DatasetOptions { Load = new FaceLoadOptions { Size = preset.ImageSize } }, request.Data);
        Same(new TorchOptions(), request.Torch);
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    static void Same<T>(T expected, T actual) => Assert.Equal(JsonSerializer.Serialize(expected, Indented), JsonSerializer.Serialize(actual, Indented));
}
