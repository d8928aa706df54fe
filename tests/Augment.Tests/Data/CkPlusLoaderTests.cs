using Augment.Data;
using Augment.Data.Loading;

namespace Augment.Tests.Data;

public class CkPlusLoaderTests
{
    static void Sequence(TempDataDir dir, string subject, string seq, int frames, string? label)
    {
        for (var f = 1; f <= frames; f++)
            dir.Gray($"ck/cohn-kanade-images/{subject}/{seq}/{subject}_{seq}_{f:D8}.png", 20, 16, (byte)(f * 10));
        if (label != null) dir.Text($"ck/Emotion/{subject}/{seq}/{subject}_{seq}_{frames:D8}_emotion.txt", $"   {label}\n");
    }

    [Fact]
    public void LabelledSequencesGiveTheirLastFramesAndOptionallyANeutralFirstFrame()
    {
        using var dir = new TempDataDir();
        Sequence(dir, "S005", "001", 6, "3.0000000e+00");   // disgust
        Sequence(dir, "S010", "002", 5, "5.0000000e+00");   // happy
        Sequence(dir, "S010", "003", 4, "2.0000000e+00");   // contempt: not requested
        Sequence(dir, "S011", "001", 4, null);              // unlabelled: not used
        var root = dir.PathOf("ck");

        using var set = new CkPlusLoader(root, new FaceLoadOptions { Size = 8 }).Load(out var report);
        Assert.Equal(6, set.Count);
        Assert.Equal(new[] { 1, 1, 1, 3, 3, 3 }, set.Labels);
        Assert.Equal(new[] { "S005", "S005", "S005", "S010", "S010", "S010" }, set.Subjects);
        Assert.EndsWith("S005_001_00000004.png", set.Sources![0]);
        Assert.Contains(report.Notes, n => n.Contains("contempt"));

        using var withNeutral = new CkPlusLoader(root, new FaceLoadOptions { Size = 8, Classes = [.. Expressions.Paper, "neutral", "contempt"] }).Load(out _);
        Assert.Equal(3 * 3 + 3, withNeutral.Count);
        Assert.Equal(3, withNeutral.Labels.Count(l => withNeutral.ClassNames[l] == Expressions.Neutral));
    }

    [Fact]
    public void BadLabelFileIsAnErrorNamingIt()
    {
        using var dir = new TempDataDir();
        Sequence(dir, "S005", "001", 3, "9.0000000e+00");
        var e = Assert.Throws<DatasetException>(() => new CkPlusLoader(dir.PathOf("ck"), new FaceLoadOptions()).Load(out _));
        Assert.EndsWith("_emotion.txt", e.Path);
        Assert.Contains("0..7", e.Message);
    }

    [Fact]
    public void UnreadableFileIsAnErrorNamingIt()
    {
        using var dir = new TempDataDir();
        dir.Gray("anger/good.png", 8, 8, 10);
        var broken = dir.PathOf("anger/broken.png");
        File.CreateSymbolicLink(broken, dir.PathOf("nowhere/missing.png"));
        var e = Assert.Throws<DatasetException>(() => new FolderFaceSetLoader(dir.Root, new FaceLoadOptions()).Load(out _));
        Assert.Equal(broken, e.Path);
        Assert.Contains("cannot be read", e.Message);
        using var set = new FolderFaceSetLoader(dir.Root, new FaceLoadOptions { SkipBad = true }).Load(out var report);
        Assert.Equal((1, 1), (set.Count, report.SkippedCount));
    }
}
