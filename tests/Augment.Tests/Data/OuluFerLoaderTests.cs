using System.Text;
using Augment.Data;
using Augment.Data.Imaging;
using Augment.Data.Loading;
using SkiaSharp;

namespace Augment.Tests.Data;

public class OuluFerLoaderTests
{
    [Fact]
    public void OuluTakesTheLastThreeFramesInNumericOrderAndThePaperSplit()
    {
        using var dir = new TempDataDir();
        foreach (var subject in new[] { "P071", "P072", "P073", "P080" })
            foreach (var expression in new[] { "Anger", "Happiness" })
                for (var frame = 1; frame <= 10; frame++)   // 1..10: "10" sorts before "2" as text
                    dir.Gray($"{subject}/{expression}/{frame}.jpeg", 12, 10, (byte)(frame * 20), format: SKEncodedImageFormat.Jpeg);
        var loader = new OuluCasiaLoader(dir.Root, new FaceLoadOptions { Size = 8 });
        using var set = loader.Load(out _);

        Assert.Equal(4 * 2 * 3, set.Count);
        Assert.Equal(new long[] { 24, 1, 8, 8 }, set.Images.shape);
        Assert.Equal(new[] { "8", "9", "10" }, set.Sources!.Take(3).Select(Path.GetFileNameWithoutExtension));
        Assert.InRange(set.Images[2, 0, 4, 4].item<float>(), ImageData.FromByte(195), ImageData.FromByte(205));
        Assert.Equal(new[] { 0, 3 }, set.Labels.Distinct().Order());
        Assert.Equal("P071", set.Subjects[0]);

        var split = OuluCasiaLoader.PaperSplit(set);
        Assert.True(split.SubjectIndependent);
        Assert.Equal(12, split.Train.Length);
        Assert.All(split.Train, i => Assert.Contains(set.Subjects[i], new[] { "P071", "P072" }));
        Assert.All(split.Test, i => Assert.Contains(set.Subjects[i], new[] { "P073", "P080" }));
        Assert.Equal("train", set.SplitTags![0]);
    }

    [Fact]
    public void OuluWithoutSubjectFoldersIsAnError()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/1.jpeg", 8, 8, 10, format: SKEncodedImageFormat.Jpeg);
        var e = Assert.Throws<DatasetException>(() => new OuluCasiaLoader(dir.Root, new FaceLoadOptions()).Load(out _));
        Assert.Contains("P###", e.Message);
    }

    static string Row(int code, int values, int level, string usage) =>
        $"{code},{string.Join(' ', Enumerable.Repeat(level.ToString(), values))},{usage}";

    [Fact]
    public void Fer2013CsvKeepsUsageTagsAndReportsBadRows()
    {
        using var dir = new TempDataDir();
        var csv = new StringBuilder("emotion,pixels,Usage\n");
        csv.AppendLine(Row(0, 2304, 10, "Training"));
        csv.AppendLine(Row(3, 2304, 200, "PublicTest"));
        csv.AppendLine(Row(6, 2304, 50, "Training"));        // neutral: not requested, ignored
        csv.AppendLine(Row(5, 2303, 90, "PrivateTest"));     // one pixel short: bad (line 5)
        csv.AppendLine(Row(9, 2304, 90, "Training"));        // unknown code: bad (line 6)
        csv.AppendLine(Row(5, 2304, 120, "PrivateTest"));
        var file = dir.Text("fer2013.csv", csv.ToString());

        var e = Assert.Throws<DatasetException>(() => new Fer2013Loader(dir.Root, new FaceLoadOptions()).Load(out _));
        Assert.Equal($"{file}:5", e.Path);
        Assert.Contains("2303", e.Message);

        using var set = new Fer2013Loader(file, new FaceLoadOptions { SkipBad = true }).Load(out var report);
        Assert.Equal(3, set.Count);
        Assert.Equal(new[] { 0, 3, 5 }, set.Labels);
        Assert.Equal(new[] { "Training", "PublicTest", "PrivateTest" }, set.SplitTags);
        Assert.Equal(new long[] { 3, 1, 48, 48 }, set.Images.shape);
        Assert.Equal(ImageData.FromByte(200), set.Images[1, 0, 20, 20].item<float>(), 5);
        Assert.Equal(2, report.SkippedCount);
        Assert.Contains(report.Skipped, s => s.Path == $"{file}:6" && s.Reason.Contains("code 0..6"));
        Assert.Contains(report.Notes, n => n.Contains("neutral"));
        Assert.False(set.HasSubjects);

        using var withNeutral = new Fer2013Loader(file, new FaceLoadOptions { SkipBad = true, Classes = [.. Expressions.Paper, "neutral"], Size = 32 }).Load(out _);
        Assert.Equal(4, withNeutral.Count);
        Assert.Equal(6, withNeutral.Labels[2]);   // neutral follows the six paper classes
        Assert.Equal(new long[] { 4, 1, 32, 32 }, withNeutral.Images.shape);
    }

    [Fact]
    public void Fer2013FolderFormTagsTrainAndTest()
    {
        using var dir = new TempDataDir();
        dir.Gray("train/angry/1.jpg", 48, 48, 30, format: SKEncodedImageFormat.Jpeg);
        dir.Gray("train/happy/2.jpg", 48, 48, 60, format: SKEncodedImageFormat.Jpeg);
        dir.Gray("test/sad/3.jpg", 48, 48, 90, format: SKEncodedImageFormat.Jpeg);
        using var set = new Fer2013Loader(dir.Root, new FaceLoadOptions()).Load(out _);
        Assert.Equal(3, set.Count);
        Assert.Equal(new[] { "train", "train", "test" }, set.SplitTags);
        Assert.Equal(new[] { 0, 3, 4 }, set.Labels);
    }

    [Fact]
    public void CatalogMapsNamesToLoaders()
    {
        var options = new FaceLoadOptions { Size = 32 };
        Assert.Equal("procedural", DatasetCatalog.Create(null, null, options).Name);
        Assert.Equal("ck48", DatasetCatalog.Create("ck48", "/x", options).Name);
        Assert.Equal("oulu", DatasetCatalog.Create("oulu", "/x", options).Name);
        Assert.Equal("fer2013", DatasetCatalog.Create("FER2013", "/x", options).Name);
        Assert.Equal("folder", DatasetCatalog.Create("folder", "/x", options).Name);
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Create("folder", null, options));
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Create("imagenet", "/x", options));
        // Issue 10 item 13: with $AUGMENT_CK48 set (as datasets/README.md documents) the default follows it.
        var expected = Environment.GetEnvironmentVariable(DatasetCatalog.Ck48Variable) is { Length: > 0 } env
            ? Path.GetFullPath(env) : Path.Combine("shared", "datasets", "ck48");
        Assert.EndsWith(expected.TrimEnd('/'), DatasetCatalog.Create("ck48", null, options).Source.TrimEnd('/'));
    }
}
