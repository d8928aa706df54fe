using Augment.Experiments;
using Augment.Tests.ExprGan;

namespace Augment.Tests.Cli;

/// <summary>Issue 10 items 5, 9, 13: train through the real command line, on a few tiny procedural faces.</summary>
public class TrainCommandTests
{
    static string[] Train(string outDir, params string[] extra) =>
        ["train", "--preset", "tiny", "--epochs", "1,0,0", "--max-images", "72", "--holdout-subjects", "0.25", "--threads", "1", "--out", outDir, .. extra];

    [Fact]
    public void ARefusedCommandLeavesTheRunFolderAsItWas()
    {
        using var dir = new TempDirectory();
        var (code, output) = CliHarness.Run(Train(dir.Path, "--seed", "1"));
        Assert.True(code == 0, output);
        var before = new[] { "split.json", "run.json" }.ToDictionary(f => f, f => File.ReadAllText(dir.File(f)));

        // Another seed is another training set: refused, and neither split.json nor run.json rewritten.
        (code, output) = CliHarness.Run(Train(dir.Path, "--seed", "2", "--resume"));
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("different training set", output);
        // Without --resume a folder holding a checkpoint is refused the same way.
        (code, output) = CliHarness.Run(Train(dir.Path, "--seed", "2"));
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("--resume", output);
        foreach (var (file, text) in before) Assert.Equal(text, File.ReadAllText(dir.File(file)));
    }

    [Fact]
    public void ResumeOnAnEmptyFolderSaysItStartsFromTheBeginning()
    {
        using var dir = new TempDirectory();
        var (code, output) = CliHarness.Run(Train(dir.Path, "--resume"));
        Assert.True(code == 0, output);
        Assert.Contains("holds no checkpoint yet", output);
    }

    [Fact]
    public void SizeIsHonoured()
    {
        using var dir = new TempDirectory();
        var (code, output) = CliHarness.Run(Train(dir.Path, "--size", "24"));
        Assert.True(code == 0, output);
        using var g = Augment.ExprGan.ExprGanGenerator.Load(dir.File("generator.exprgan"), TorchSharp.torch.CPU);
        Assert.Equal(24, g.Architecture.ImageSize);
    }

    /// <summary>--skip-levels replaces the preset's skip count; the architecture's checks refuse what cannot be built.</summary>
    [Fact]
    public void SkipLevelsAreHonouredAndCheckedAgainstTheDesign()
    {
        using var dir = new TempDirectory();
        string[] IpSmall(params string[] extra) =>
            ["train", "--preset", "ip-small", "--size", "16", "--epochs", "1,0,0", "--max-images", "72", "--holdout-subjects", "0.25", "--threads", "1", "--out", dir.Path, .. extra];
        var (code, output) = CliHarness.Run(IpSmall("--skip-levels", "1"));
        Assert.True(code == 0, output);
        using (var g = Augment.ExprGan.ExprGanGenerator.Load(dir.File("generator.exprgan"), TorchSharp.torch.CPU))
            Assert.Equal(1, g.Architecture.SkipLevels);
        using var other = new TempDirectory();
        (code, output) = CliHarness.Run(Train(other.Path, "--skip-levels", "1"));
        Assert.NotEqual(0, code);
        Assert.Contains("paper design has no skip connections", output);
    }

    [Fact]
    public void StoppingSaysHowToResume()
    {
        using var dir = new TempDirectory();
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var (code, output) = CliHarness.Run(stop.Token, Train(dir.Path));
        Assert.Equal(130, code);
        Assert.Contains("resume with:", output);
        Assert.Contains("--resume", output);
    }

    /// <summary>A folder-per-class set of 16x16 faces of 8 CK+-named subjects, with 'fear' present but empty.</summary>
    static void WriteFolderWithEmptyFear(string root)
    {
        var rng = new Random(1);
        foreach (var cls in new[] { "anger", "happiness", "fear" })
        {
            Directory.CreateDirectory(Path.Combine(root, cls));
            if (cls == "fear") continue;
            for (int subject = 1; subject <= 8; subject++)
                for (int frame = 1; frame <= 2; frame++)
                {
                    var pixels = Enumerable.Range(0, 256).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
                    Augment.Data.Imaging.ImageCodec.SavePng(new Augment.Data.Imaging.ImageData(pixels, 1, 16, 16),
                        Path.Combine(root, cls, $"S{subject:000}_001_{frame:00000000}.png"));
                }
        }
    }

    /// <summary>Issue 10 item 6: an empty class is refused by default, naming it and its counts; dropping it is explicit.</summary>
    [Fact]
    public void DegenerateClassesAreRefusedUnlessDropped()
    {
        using var data = new TempDirectory();
        using var dir = new TempDirectory();
        WriteFolderWithEmptyFear(data.Path);
        string[] args = ["train", "--dataset", "folder", "--data", data.Path, "--classes", "anger,happiness,fear", "--skip-bad", "--preset", "tiny",
            "--epochs", "1,0,0", "--holdout-subjects", "0.25", "--threads", "1", "--out", dir.Path];
        var (code, output) = CliHarness.Run(args);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("fear: 0 train / 0 test", output);
        Assert.Contains("--drop-degenerate-classes", output);
        Assert.Empty(Directory.GetFiles(dir.Path));   // refused before writing anything

        (code, output) = CliHarness.Run([.. args, "--drop-degenerate-classes"]);
        Assert.True(code == 0, output);
        var run = File.ReadAllText(dir.File("run.json"));
        Assert.Contains("fear", run[run.IndexOf("droppedClasses", StringComparison.Ordinal)..]);
        using var g = Augment.ExprGan.ExprGanGenerator.Load(dir.File("generator.exprgan"), TorchSharp.torch.CPU);
        Assert.Equal(["anger", "happiness"], g.Info.ClassNames);
    }
}
