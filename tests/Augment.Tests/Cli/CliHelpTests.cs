using Augment.ExprGan.Training;
using Augment.Experiments.Commands;
using Spectre.Console.Cli;

namespace Augment.Tests.Cli;

/// <summary>Issue 10 item 5: every command has a description and a --help that works and lists its options.</summary>
public class CliHelpTests
{
    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in CliHarness.Commands()) data.Add(c.Name);
        return data;
    }

    [Fact]
    public void EveryCommandClassIsRegisteredAndDescribed()
    {
        var (code, help) = CliHarness.Run("--help");
        Assert.Equal(0, code);
        foreach (var (name, command, _) in CliHarness.Commands())
        {
            Assert.Contains(name, help);
            var description = command.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false)
                .Cast<System.ComponentModel.DescriptionAttribute>().SingleOrDefault()?.Description;
            Assert.False(string.IsNullOrWhiteSpace(description), $"{name} has no description");
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void HelpExitsZeroAndListsEveryOption(string name)
    {
        var (_, command, settings) = CliHarness.Commands().Single(c => c.Name == name);
        var (code, output) = CliHarness.Run(name, "--help");
        Assert.True(code == 0, $"{name} --help exited {code}:\n{output}");
        foreach (var option in CliHarness.LongOptions(settings)) Assert.Contains(option, output);
    }

    [Fact]
    public void SweepHelpStatesTheDefaultsTheSweepUses()
    {
        var (_, output) = CliHarness.Run("sweep", "--help");
        Assert.Contains("sweep: 32 procedural", output);
        Assert.DoesNotContain("the source size (procedural: 64)", output);
        var (_, train) = CliHarness.Run("train", "--help");
        foreach (var preset in Augment.ExprGan.Training.ExprGanPreset.All) Assert.Contains(preset.Name, train);
    }

    [Fact]
    public void UnknownOptionsAreRefused()
    {
        var (code, output) = CliHarness.Run("datasets", "--fersh");
        Assert.NotEqual(0, code);
        Assert.Contains("fersh", output);
    }
}
