using System.Diagnostics;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;

namespace Augment.Tests.Data;

public class ProceduralFacesTests
{
    static float[] Pixels(FaceSet set) => set.Images.contiguous().data<float>().ToArray();

    static float MeanAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    [Fact]
    public void SameSeedGivesIdenticalPixelsAndOtherSeedsDiffer()
    {
        var options = new ProceduralOptions { Identities = 3, ImagesPerExpression = 2 };
        var load = new FaceLoadOptions { Size = 48 };
        using var a = new ProceduralFaces(options, load).Load();
        using var b = new ProceduralFaces(options, load).Load();
        using var c = new ProceduralFaces(options, load with { Seed = 2 }).Load();
        Assert.Equal(Pixels(a), Pixels(b));
        Assert.Equal(a.Intensities, b.Intensities);
        Assert.True(MeanAbsDiff(Pixels(a), Pixels(c)) > 0.05f);
    }

    [Fact]
    public void DefaultSetHasGroundTruth()
    {
        var clock = Stopwatch.StartNew();
        var generator = new ProceduralFaces();
        using var set = generator.Load(out var report);
        clock.Stop();
        Assert.Equal(40 * 6 * 6, set.Count);
        Assert.Equal(new long[] { 1440, 1, 64, 64 }, set.Images.shape);
        Assert.Equal(Expressions.Paper, set.ClassNames);
        Assert.All(set.ClassCounts(), n => Assert.Equal(240, n));
        Assert.True(set.HasSubjects);
        Assert.Equal(40, set.Subjects.Distinct().Count());
        Assert.Equal("P0001", set.Subjects[0]);
        Assert.All(set.Intensities!, s => Assert.InRange(s, 0.3f, 1f));
        Assert.Equal(40, generator.Identities.Count);
        Assert.Equal(0, report.SkippedCount);
        Assert.InRange(set.Images.min().item<float>(), -1f, 1f);
        Assert.InRange(set.Images.max().item<float>(), -1f, 1f);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"1440 faces took {clock.Elapsed}");
    }

    [Fact]
    public void IntensityZeroIsTheSameNeutralFaceForEveryExpression()
    {
        var generator = new ProceduralFaces(new ProceduralOptions { Identities = 2 }, new FaceLoadOptions { Size = 48, Rgb = true });
        var nuisance = new ImageNuisance(1f, -1f, 3f, 1.02f, 40f, 0.2f, 0.3f, 0.02f);
        var neutral = generator.RenderOne(1, Expressions.Neutral, 1f, nuisance).Pixels;
        foreach (var e in Expressions.Paper)
            Assert.Equal(neutral, generator.RenderOne(1, e, 0f, nuisance).Pixels);
    }

    [Fact]
    public void FullExpressionsDifferFromNeutralAndFromEachOther()
    {
        var generator = new ProceduralFaces(new ProceduralOptions { Identities = 4 }, new FaceLoadOptions { Size = 48 });
        for (var id = 0; id < 4; id++)
        {
            var neutral = generator.RenderOne(id, Expressions.Neutral, 0f).Pixels;
            var full = Expressions.Paper.Select(e => generator.RenderOne(id, e, 1f).Pixels).ToArray();
            var half = Expressions.Paper.Select(e => generator.RenderOne(id, e, 0.5f).Pixels).ToArray();
            for (var i = 0; i < full.Length; i++)
            {
                var d1 = MeanAbsDiff(full[i], neutral);
                var dHalf = MeanAbsDiff(half[i], neutral);
                Assert.True(d1 > 0.01f, $"{Expressions.Paper[i]} at 1 vs neutral: {d1}");
                Assert.True(dHalf < d1, $"{Expressions.Paper[i]}: change should grow with intensity ({dHalf} vs {d1})");
                for (var j = 0; j < i; j++)
                    Assert.True(MeanAbsDiff(full[i], full[j]) > 0.01f, $"{Expressions.Paper[i]} vs {Expressions.Paper[j]}");
            }
        }
    }

    [Fact]
    public void IdentitiesAreDistinctParameterVectors()
    {
        var generator = new ProceduralFaces();
        var vectors = generator.Identities.Select(i => i.ToVector()).ToArray();
        Assert.All(vectors, v => Assert.All(v, x => Assert.InRange(x, -0.01f, 1.01f)));
        for (var i = 0; i < vectors.Length; i++)
            for (var j = 0; j < i; j++)
                Assert.NotEqual(vectors[i], vectors[j]);
    }

    /// <summary>A face's true neutral version: the same identity and nuisance at intensity 0, hence one image per identity
    /// when nuisance is off, whatever expression the face showed; faces of another set are refused by source.</summary>
    [Fact]
    public void NeutralVersionsAreTheSameFaceAtIntensityZero()
    {
        var faces = new ProceduralFaces(new ProceduralOptions { Identities = 3, ImagesPerExpression = 1, Nuisance = false }, new FaceLoadOptions { Size = 16, Seed = 4 });
        using var set = faces.Load(out _);
        using var neutral = faces.NeutralVersions(set);
        Assert.Equal(set.Count, neutral.Count);
        Assert.Equal(set.Labels, neutral.Labels);
        for (var i = 1; i < set.Count; i++)
        {
            var same = neutral.Images[i].equal(neutral.Images[i - 1]).all().item<bool>();
            Assert.Equal(set.Subjects[i] == set.Subjects[i - 1], same);
        }
        Assert.False(neutral.Images[0].equal(set.Images[0]).all().item<bool>());   // the face itself showed an expression
        var other = new ProceduralFaces(new ProceduralOptions { Identities = 3, ImagesPerExpression = 1, Nuisance = false }, new FaceLoadOptions { Size = 16, Seed = 5 });
        var e = Assert.Throws<ArgumentException>(() => other.NeutralVersions(set));
        Assert.Contains("not a face of this procedural set", e.Message);
    }
}
