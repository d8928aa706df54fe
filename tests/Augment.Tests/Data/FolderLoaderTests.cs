using Augment.Data;
using Augment.Data.Loading;

namespace Augment.Tests.Data;

public class FolderLoaderTests
{
    static FaceSet Load(string root, FaceLoadOptions? options, out LoadReport report) =>
        new FolderFaceSetLoader(root, options ?? new FaceLoadOptions()).Load(out report);

    [Fact]
    public void LoadsClassesInPaperOrderThroughSynonyms()
    {
        using var dir = new TempDataDir();
        dir.Gray("surprised/S010_001_00000001.png", 8, 8, 200);
        dir.Gray("angry/S011_002_00000005.png", 8, 8, 10);
        dir.Gray("angry/S012_002_00000006.png", 8, 8, 20);
        dir.Gray("happy/photo.png", 8, 8, 100);
        using var set = Load(dir.Root, null, out _);

        Assert.Equal(Expressions.Paper, set.ClassNames);
        Assert.Equal(4, set.Count);
        Assert.Equal(new[] { 0, 0, 3, 5 }, set.Labels);          // anger, anger, happiness, surprise
        Assert.Equal(new[] { "S011", "S012", null, "S010" }, set.Subjects);
        Assert.Equal(new long[] { 4, 1, 8, 8 }, set.Images.shape);
        Assert.Equal(10 / 127.5f - 1f, set.Images[0, 0, 3, 3].item<float>(), 5);
    }

    [Fact]
    public void ContemptIsIgnoredUnlessRequested()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/a.png", 8, 8, 10);
        dir.Gray("contempt/c.png", 8, 8, 30);
        using (var six = Load(dir.Root, null, out var report))
        {
            Assert.Equal(1, six.Count);
            Assert.Contains(report.Notes, n => n.Contains("contempt") && n.Contains("ignored"));
        }
        using var seven = Load(dir.Root, new FaceLoadOptions { Classes = [.. Expressions.Paper, Expressions.Contempt] }, out _);
        Assert.Equal(2, seven.Count);
        Assert.Equal(6, seven.Labels[1]);
        Assert.Equal(Expressions.Contempt, seven.ClassNames[6]);
    }

    [Fact]
    public void SubjectPatternOverridesTheCkRule()
    {
        using var dir = new TempDataDir();
        dir.Gray("fear/person7-take2.png", 8, 8, 10);
        using var set = Load(dir.Root, new FaceLoadOptions { SubjectPattern = @"person(?<subject>\d+)-" }, out _);
        Assert.Equal("7", set.Subjects[0]);
    }

    [Fact]
    public void UnknownExpressionFolderIsAnErrorNamingIt()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/a.png", 8, 8, 10);
        dir.Gray("bored/b.png", 8, 8, 10);
        var e = Assert.Throws<DatasetException>(() => Load(dir.Root, null, out _));
        Assert.Contains("bored", e.Message);
        Assert.Contains("not a known expression", e.Message);

        using var set = Load(dir.Root, new FaceLoadOptions { SkipBad = true }, out var report);
        Assert.Equal(1, set.Count);
        Assert.Single(report.Skipped);
        Assert.EndsWith("bored", report.Skipped[0].Path);
    }

    [Fact]
    public void EmptyClassFolderIsAnError()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/a.png", 8, 8, 10);
        dir.Folder("fear");
        var e = Assert.Throws<DatasetException>(() => Load(dir.Root, null, out _));
        Assert.Contains("fear", e.Message);
        Assert.Contains("no images", e.Message);
        using var set = Load(dir.Root, new FaceLoadOptions { SkipBad = true }, out var report);
        Assert.Equal(1, report.SkippedCount);
    }

    [Fact]
    public void NonImageTruncatedAndEmptyFilesAreErrorsOrSkipped()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/good.png", 16, 16, 10, ramp: true);
        var fake = dir.Text("anger/fake.png", "this is not an image");
        var png = File.ReadAllBytes(dir.Gray("sadness/whole.png", 32, 32, 40, ramp: true));
        var cut = dir.Bytes("sadness/cut.png", png[..(png.Length * 2 / 3)]);
        var empty = dir.Bytes("sadness/empty.jpg", []);

        var e = Assert.Throws<DatasetException>(() => Load(dir.Root, new FaceLoadOptions { Size = 16 }, out _));
        Assert.Equal(fake, e.Path);
        Assert.Contains("not a decodable image", e.Message);

        using var set = Load(dir.Root, new FaceLoadOptions { Size = 16, SkipBad = true }, out var report);
        Assert.Equal(2, set.Count);
        Assert.Equal(3, report.SkippedCount);
        Assert.Contains(report.Skipped, s => s.Path == cut && s.Reason.Contains("truncated"));
        Assert.Contains(report.Skipped, s => s.Path == empty && s.Reason.Contains("empty"));
        Assert.Contains(report.Skipped, s => s.Path == fake);
    }

    [Fact]
    public void TruncatedFileAloneIsAnErrorNamingIt()
    {
        using var dir = new TempDataDir();
        var png = File.ReadAllBytes(dir.Gray("tmp/whole.png", 32, 32, 40, ramp: true));
        var cut = dir.Bytes("anger/cut.png", png[..(png.Length * 2 / 3)]);
        Directory.Delete(dir.PathOf("tmp"), true);
        var e = Assert.Throws<DatasetException>(() => Load(dir.Root, null, out _));
        Assert.Equal(cut, e.Path);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void MixedSizesNeedATargetSize()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/a.png", 8, 8, 10);
        var odd = dir.Gray("anger/b.png", 10, 8, 10);
        var e = Assert.Throws<DatasetException>(() => Load(dir.Root, null, out _));
        Assert.Equal(odd, e.Path);
        Assert.Contains("mixed sizes", e.Message);

        using (var skipped = Load(dir.Root, new FaceLoadOptions { SkipBad = true }, out var report))
            Assert.Equal((1, 1), (skipped.Count, report.SkippedCount));
        using var resized = Load(dir.Root, new FaceLoadOptions { Width = 12, Height = 6 }, out _);
        Assert.Equal(new long[] { 2, 1, 6, 12 }, resized.Images.shape);
    }

    [Fact]
    public void MaxImagesIsASeededChoice()
    {
        using var dir = new TempDataDir();
        for (var i = 0; i < 10; i++) dir.Gray($"happy/S{i:D3}_001_00000001.png", 4, 4, (byte)(i * 20));
        using var a = Load(dir.Root, new FaceLoadOptions { MaxImages = 4, Seed = 3 }, out _);
        using var b = Load(dir.Root, new FaceLoadOptions { MaxImages = 4, Seed = 3 }, out _);
        using var c = Load(dir.Root, new FaceLoadOptions { MaxImages = 4, Seed = 4 }, out _);
        Assert.Equal(4, a.Count);
        Assert.Equal(a.Subjects, b.Subjects);
        Assert.NotEqual(a.Subjects, c.Subjects);
    }

    [Fact]
    public void MissingRootIsAnError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "augment-no-such-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DatasetException>(() => Load(missing, null, out _));
        Assert.Contains("does not exist", e.Message);
    }
}
