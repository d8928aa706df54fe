using Augment.Experiments;
using Augment.Experiments.Commands;
using Augment.Sweep.Plan;

namespace Augment.Tests.Cli;

/// <summary>
/// Issue 10 items 5, 7, 12: real argument lines become the options the library receives, and bad ones are refused
/// with a message naming the option the user typed (never a property name, a framework suffix or a native abort).
/// </summary>
public class CliArgumentTests
{
    /// <summary>The sweep options a real argument line means, through the real parser and validation.</summary>
    static SweepOptions SweepOptionsOf(params string[] args) => SweepCommand.BuildOptions(CliHarness.Parse<SweepCommand.Settings>(args));

    [Fact]
    public void QuickSweepGetsItsSmallClassifierUnlessOneIsNamed()
    {
        Assert.Equal("small", SweepOptionsOf("--quick").ClassifierPreset);
        Assert.Equal("wide", SweepOptionsOf("--quick", "--classifier", "wide").ClassifierPreset);
        Assert.Equal("default", SweepOptionsOf().ClassifierPreset);
    }

    [Fact]
    public void SweepArgumentsReachTheOptions()
    {
        var o = SweepOptionsOf("--counts", "0,3000", "--seeds", "4,5", "--size", "48", "--gan-epochs", "2,0,1", "--threads", "1", "--classic", "off,on");
        Assert.Equal([0, 3000], o.Counts);
        Assert.Equal([4, 5], o.Seeds);
        Assert.Equal(48, o.ImageSize);
        Assert.Equal([2, 0, 1], o.GanEpochs);
        Assert.Equal(1, o.Threads);
        Assert.Equal([ClassicAugmentation.Off, ClassicAugmentation.FlipsAndShifts], o.Variants);
        Assert.Equal([ClassicAugmentation.FlipsAndShifts], SweepOptionsOf("--classic", "on").Variants);
        Assert.Contains("--classic", Assert.ThrowsAny<Exception>(() => SweepOptionsOf("--classic", "flips")).Message);
        var d = SweepOptionsOf();
        Assert.Equal(SweepDefaults.For("procedural", false).Counts, d.Counts);
        Assert.Equal(2, d.Threads);
    }

    /// <summary>The procedural sweep draws train's set (the one ip-procedural was measured on) unless told otherwise; the
    /// option means nothing for a data set read from disk, so it is refused there.</summary>
    [Fact]
    public void ProceduralImagesSetTheRenderedSet()
    {
        var d = SweepOptionsOf();
        Assert.Equal(new Augment.Data.Procedural.ProceduralOptions(), SweepDefaults.Procedural(d));
        var four = SweepOptionsOf("--procedural-images", "4");
        Assert.Equal(4, SweepDefaults.Data(four, new Augment.Data.DatasetOptions()).Procedural.ImagesPerExpression);
        Assert.Equal(20, SweepDefaults.Procedural(SweepOptionsOf("--quick")).Identities);
        Assert.Contains("--procedural-images", Assert.ThrowsAny<Exception>(() => SweepOptionsOf("--dataset", "ck48", "--procedural-images", "4")).Message);
        Assert.Contains("--procedural-images", Assert.ThrowsAny<Exception>(() => SweepOptionsOf("--procedural-images", "0")).Message);
    }

    /// <summary>Several architectures on one classify-cv line are run in order and compared paired; a repeat is refused.</summary>
    [Fact]
    public void ClassifyCvTakesSeveralArchitectures()
    {
        static ClassifyCvCommand.Settings Of(params string[] args) => CliHarness.Parse<ClassifyCvCommand.Settings>(args);
        Assert.Equal(["default", "s2d"], ClassifyCvCommand.Architectures(Of("--arch", "default, s2d")).Select(a => a.Name));
        Assert.True(ClassifyCvCommand.Architectures(Of("--arch", "default,16-32/s2d"))[1].SpaceToDepth);
        Assert.Equal("default", ClassifyCvCommand.BuildOptions(Of("--arch", "default,s2d")).Architecture.Name);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => ClassifyCvCommand.Architectures(Of("--arch", "s2d,s2d"))).Message);
    }

    /// <summary>Issue 10 item 10: the thread count is part of the results' identity.</summary>
    [Fact]
    public void ThreadCountIsPartOfTheOptionsHash()
    {
        Assert.NotEqual(SweepOptionsOf("--threads", "1").Hash("data"), SweepOptionsOf("--threads", "2").Hash("data"));
        Assert.Equal(SweepOptionsOf("--threads", "1").Hash("data"), SweepOptionsOf("--threads", "1").Hash("data"));
    }

    [Theory]
    [InlineData("--threads", new[] { "sweep", "--threads", "0" })]
    [InlineData("--threads", new[] { "train", "--threads", "-1" })]
    [InlineData("--threads", new[] { "evaluate", "--generator", "x", "--threads", "0" })]
    [InlineData("--counts", new[] { "sweep", "--counts", "-5,0" })]
    [InlineData("--counts", new[] { "sweep", "--counts", "100000000" })]
    [InlineData("--counts", new[] { "sweep", "--counts", "0,300,300" })]
    [InlineData("--counts", new[] { "sweep", "--counts", "0,x" })]
    [InlineData("--seeds", new[] { "sweep", "--seeds", "" })]
    [InlineData("--seeds", new[] { "sweep", "--seeds", "1,1" })]
    [InlineData("--gan-epochs", new[] { "sweep", "--gan-epochs", "0,0,0" })]
    [InlineData("--gan-epochs", new[] { "sweep", "--gan-epochs", "1,1" })]
    [InlineData("--classifier", new[] { "sweep", "--classifier", "huge" })]
    [InlineData("--samples-per-epoch", new[] { "sweep", "--samples-per-epoch", "0" })]
    [InlineData("--folds", new[] { "sweep", "--folds", "1" })]
    [InlineData("--epochs", new[] { "train", "--epochs", "0,0,0" })]
    [InlineData("--step", new[] { "grid", "--generator", "g", "-i", "x", "--step", "0.0000001" })]
    [InlineData("--profile", new[] { "bench-train", "--presets", "ip", "--profile", "1", "--threads", "1" })]
    [InlineData("fersh", new[] { "sweep", "--quick", "--fersh" })]
    [InlineData("thread", new[] { "sweep", "--quick", "--thread", "1" })]
    public void BadArgumentsAreRefusedNamingTheOption(string named, string[] args)
    {
        var (code, output) = CliHarness.Run(args);
        Assert.True(code == CliApp.UsageError, $"exit {code} for {string.Join(" ", args)}:\n{output}");
        Assert.Contains(named, output);
        Assert.DoesNotContain("(Parameter", output);
        Assert.DoesNotContain("SamplesPerEpoch", output);
        Assert.DoesNotContain("   at ", output);   // no stack trace
    }

    /// <summary>Issue 10 item 7: data-path mistakes name --data and, for CK+48, how to point at it.</summary>
    [Fact]
    public void DataPathMistakesSayWhatToDo()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, output) = CliHarness.Run("sweep", "--dataset", "ck48", "--data", file);
            Assert.Equal(CliApp.UsageError, code);
            Assert.Contains("is a file", output);
            Assert.Contains("--data", output);
        }
        finally { File.Delete(file); }

        var before = Environment.GetEnvironmentVariable(Augment.Data.DatasetCatalog.Ck48Variable);
        Environment.SetEnvironmentVariable(Augment.Data.DatasetCatalog.Ck48Variable, "/nonexistent/ck48");
        try
        {
            var (code, output) = CliHarness.Run("sweep", "--dataset", "ck48");
            Assert.Equal(CliApp.UsageError, code);
            Assert.Contains("--data", output);
            Assert.Contains("AUGMENT_CK48", output);
        }
        finally { Environment.SetEnvironmentVariable(Augment.Data.DatasetCatalog.Ck48Variable, before); }
    }

    /// <summary>Issue 10 item 13: evaluate's default output is a run folder, never the committed results.</summary>
    [Fact]
    public void EvaluateDefaultsToARunFolder()
    {
        var root = Augment.Tests.Data.DataPaths.RepoRoot();
        var dir = EvaluateCommand.DefaultOut(root, "procedural", Path.Combine(root, "runs", "t", "generator.exprgan"));
        Assert.StartsWith(Path.Combine(root, "runs") + Path.DirectorySeparatorChar, dir);
        Assert.StartsWith(Path.Combine(root, "runs") + Path.DirectorySeparatorChar, SweepCommand.DefaultOut("procedural", quick: false));
    }
}
