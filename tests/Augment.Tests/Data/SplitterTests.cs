using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Data.Splits;
using static TorchSharp.torch;

namespace Augment.Tests.Data;

public class SplitterTests
{
    /// <summary>A tiny set: 'subjects' people, each with a few images of a few classes.</summary>
    static FaceSet Synthetic(int subjects, bool withSubjects = true)
    {
        var labels = new List<int>();
        var names = new List<string?>();
        for (var s = 0; s < subjects; s++)
            for (var k = 0; k < 2 + s % 4; k++)
            {
                labels.Add((s + k) % 6);
                names.Add(withSubjects ? $"S{s:D3}" : null);
            }
        return new FaceSet("synthetic", zeros(labels.Count, 1, 2, 2), labels.ToArray(), Expressions.Paper, names.ToArray());
    }

    [Fact]
    public void HoldOutSharesNoSubjectAndHoldsAboutTenPercent()
    {
        using var set = Synthetic(50);
        var split = SubjectSplitter.HoldOut(set, 0.1, seed: 3);
        Assert.True(split.SubjectIndependent);
        Assert.Empty(split.Train.Select(i => set.Subjects[i]).Intersect(split.Test.Select(i => set.Subjects[i])));
        Assert.Equal(5, split.Test.Select(i => set.Subjects[i]).Distinct().Count());
        Assert.Equal(set.Count, split.Train.Length + split.Test.Length);
        Assert.Equal(split.Test, SubjectSplitter.HoldOut(set, 0.1, seed: 3).Test);
        Assert.NotEqual(split.Test, SubjectSplitter.HoldOut(set, 0.1, seed: 4).Test);
    }

    [Fact]
    public void FoldsCoverEverySubjectExactlyOnce()
    {
        using var set = Synthetic(23);
        var folds = SubjectSplitter.KFold(set, 5, seed: 1);
        Assert.Equal(5, folds.Count);
        var tested = folds.SelectMany(f => f.Test.Select(i => set.Subjects[i]).Distinct()).ToList();
        Assert.Equal(23, tested.Count);
        Assert.Equal(23, tested.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, set.Count), folds.SelectMany(f => f.Test).Order());
        Assert.All(folds, f => Assert.Empty(f.Train.Select(i => set.Subjects[i]).Intersect(f.Test.Select(i => set.Subjects[i]))));
        Assert.All(folds, f => Assert.InRange(f.Test.Select(i => set.Subjects[i]).Distinct().Count(), 4, 5));
    }

    [Fact]
    public void ExplicitListsWithASubjectOnBothSidesAreRefused()
    {
        using var set = Synthetic(4);
        var e = Assert.Throws<ArgumentException>(() => SubjectSplitter.BySubjects(set, ["S000", "S001"], ["S001", "S002"]));
        Assert.Contains("S001", e.Message);
        var ok = SubjectSplitter.BySubjects(set, ["S000", "S001"], ["S002"]);
        Assert.Contains("left out", ok.Description);
        Assert.Throws<InvalidOperationException>(() => SubjectSplitter.Verify(set, ok with { Train = ok.Train[1..], Test = [.. ok.Test, ok.Train[0]] }));
    }

    [Fact]
    public void WithoutSubjectsFallsBackToAStratifiedImageSplitAndSaysSo()
    {
        using var set = Synthetic(40, withSubjects: false);
        var split = SubjectSplitter.HoldOut(set, 0.2, seed: 1);
        Assert.False(split.SubjectIndependent);
        Assert.Contains("NOT subject-independent", split.Description);
        var counts = set.ClassCounts();
        for (var c = 0; c < 6; c++)
            Assert.Equal(Math.Round(0.2 * counts[c]), split.Test.Count(i => set.Labels[i] == c));
        var folds = SubjectSplitter.KFold(set, 4, seed: 1);
        Assert.Equal(Enumerable.Range(0, set.Count), folds.SelectMany(f => f.Test).Order());
        Assert.All(folds, f => Assert.False(f.SubjectIndependent));
    }

    [Fact]
    public void ProceduralSetSplitsByIdentity()
    {
        using var set = new ProceduralFaces(new ProceduralOptions { Identities = 20, ImagesPerExpression = 1 }, new FaceLoadOptions { Size = 16 }).Load();
        var (train, test) = set.Split(SubjectSplitter.HoldOut(set));
        using (train) using (test)
        {
            Assert.Equal(2, test.Subjects.Distinct().Count());
            Assert.Empty(train.Subjects.Intersect(test.Subjects));
        }
    }

    [SkippableFact]
    public void Ck48LoadsWithSubjectsAndSplitsWithoutSharingThem()
    {
        var path = DataPaths.Ck48();
        Skip.IfNot(Directory.Exists(path), $"CK+48 not found at {path}");
        using var set = DatasetCatalog.Create("ck48", path, new FaceLoadOptions()).Load(out var report);
        Assert.Equal(927, set.Count);
        Assert.Equal(6, set.ClassCount);
        Assert.Equal(new long[] { 927, 1, 48, 48 }, set.Images.shape);
        Assert.True(set.HasSubjects);
        Assert.Equal(106, set.Subjects.Distinct().Count());
        Assert.Equal(0, report.SkippedCount);
        Assert.Contains(report.Notes, n => n.Contains("contempt"));

        var holdOut = SubjectSplitter.HoldOut(set, 0.1, seed: 1);
        Assert.True(holdOut.SubjectIndependent);
        Assert.Empty(holdOut.Train.Select(i => set.Subjects[i]).Intersect(holdOut.Test.Select(i => set.Subjects[i])));
        var folds = SubjectSplitter.KFold(set, 10, seed: 1);
        var tested = folds.SelectMany(f => f.Test.Select(i => set.Subjects[i]).Distinct()).ToList();
        Assert.Equal(106, tested.Count);
        Assert.Equal(106, tested.Distinct().Count());
        Assert.All(folds, f => Assert.Empty(f.Train.Select(i => set.Subjects[i]).Intersect(f.Test.Select(i => set.Subjects[i]))));
    }
}
