using Augment.Augmentation;
using Microsoft.ML;
using static Augment.Tests.Augmentation.AugmentFixtures;

namespace Augment.Tests.Augmentation;

public class AugmenterRowsTests
{
    static readonly string[] All = ["Features", "Label", "Subject", "Id", AugmentedColumns.IsSynthetic, AugmentedColumns.Intensity, AugmentedColumns.SourceRow, AugmentedColumns.Weight];

    [Fact]
    public void AppendsNRowsAfterTheUnchangedInput()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = KeyedView(ml, Rows(20));
        var augmented = ml.Transforms.AugmentWithExprGan(Options(generator, 45)).Fit(input).Transform(input);

        Assert.Equal(65, augmented.GetRowCount());
        var rows = ReadAll(augmented, All);
        Assert.Equal(65, rows.Count);
        var real = ReadAll(input, "Features", "Label", "Subject", "Id");
        for (int i = 0; i < 20; i++)
        {
            for (int c = 0; c < 4; c++) Assert.Equal(real[i][c], rows[i][c]);
            Assert.False((bool)rows[i][4]);
            Assert.True(float.IsNaN((float)rows[i][5]));
            Assert.Equal((long)i, rows[i][6]);
            Assert.Equal(1f, rows[i][7]);                             // real rows weigh 1
        }
        for (int i = 20; i < 65; i++)
        {
            Assert.True((bool)rows[i][4]);
            var source = (int)(long)rows[i][6];
            Assert.InRange(source, 0, 19);
            Assert.Equal(1f, rows[i][7]);                             // SyntheticWeight's default
            Assert.Equal(real[source][2], rows[i][2]);            // other columns come from the source row
            Assert.Equal(real[source][3], rows[i][3]);
            var pixels = (float[])rows[i][0];
            Assert.Equal(256, pixels.Length);
            Assert.All(pixels, p => Assert.True(p >= 0 && p <= 255 && p == MathF.Round(p), $"pixel {p} is not a 0..255 level"));
        }
        // Two full passes over 20 rows, then 5 distinct sources in ascending order.
        var sources = rows.Skip(20).Select(r => (long)r[6]).ToArray();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), sources[..20]);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), sources[20..40]);
        Assert.Equal(sources[40..].Order(), sources[40..]);
        Assert.Equal(5, sources[40..].Distinct().Count());
    }

    [Fact]
    public void BalancedPolicyGivesEveryClassAnEqualShare()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = KeyedView(ml, Rows(14));
        var augmented = ml.Transforms.AugmentWithExprGan(Options(generator, 62)).Fit(input).Transform(input);
        var labels = ReadAll(augmented, "Label", AugmentedColumns.IsSynthetic).Where(r => (bool)r[1]).Select(r => (uint)r[0]).ToArray();
        var counts = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, counts.Count);                                   // the six keys the data has
        Assert.All(counts.Values, c => Assert.InRange(c, 62 / 6, 62 / 6 + 1));
        Assert.Equal(62, counts.Values.Sum());
    }

    [Fact]
    public void MatchRealDistributionFollowsTheRealLabelShares()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = KeyedView(ml, Rows(14));                          // happy is 4 of 14, the rest 2 each
        var options = Options(generator, 70) with { TargetPolicy = TargetClassPolicy.MatchRealDistribution };
        var augmented = ml.Transforms.AugmentWithExprGan(options).Fit(input).Transform(input);
        var rows = ReadAll(augmented, "Label", AugmentedColumns.IsSynthetic);
        var real = rows.Take(14).GroupBy(r => (uint)r[0]).ToDictionary(g => g.Key, g => g.Count());
        var synthetic = rows.Skip(14).GroupBy(r => (uint)r[0]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (key, n) in real) Assert.Equal(n * 5, synthetic[key]);
    }

    [Theory]
    [InlineData(0.3f, 0.8f)]
    [InlineData(0.6f, 0.6f)]
    public void IntensitiesStayInTheSamplersRange(float low, float high)
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = KeyedView(ml, Rows(10));
        var options = Options(generator, 40) with { Intensity = IntensitySampler.Uniform(low, high) };
        var rows = ReadAll(ml.Transforms.AugmentWithExprGan(options).Fit(input).Transform(input), AugmentedColumns.Intensity);
        var values = rows.Skip(10).Select(r => (float)r[0]).ToArray();
        Assert.All(values, v => Assert.InRange(v, low, high));
        if (low < high) Assert.True(values.Distinct().Count() > 30);
    }

    [Fact]
    public void PerClassIntensityUsesEachClassesRange()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = View(ml, Rows(10));                                 // text labels this time
        var sampler = IntensitySampler.PerClass(new Dictionary<string, IntensitySampler>
        {
            ["happy"] = IntensitySampler.Fixed(1f),
            ["fear"] = IntensitySampler.Uniform(0f, 0.2f),
        }, otherwise: IntensitySampler.Uniform(0.4f, 0.6f));
        var options = Options(generator, 60) with { Intensity = sampler };
        var rows = ReadAll(ml.Transforms.AugmentWithExprGan(options).Fit(input).Transform(input), "Label", AugmentedColumns.Intensity).Skip(10).ToArray();
        foreach (var row in rows)
        {
            var (label, v) = ((string)row[0], (float)row[1]);
            if (label == "happy") Assert.Equal(1f, v);
            else if (label == "fear") Assert.InRange(v, 0f, 0.2f);
            else Assert.InRange(v, 0.4f, 0.6f);
        }
        Assert.Contains(rows, r => (string)r[0] == "angry");            // synthetic labels reuse the data's spelling
        Assert.DoesNotContain(rows, r => (string)r[0] == "anger");
    }

    [Fact]
    public void EveryCursorSeesTheSameRowsAndDifferentSeedsDiffer()
    {
        var ml = new MLContext(1);
        using var generator = Generator();
        var input = KeyedView(ml, Rows(12));
        var augmented = ml.Transforms.AugmentWithExprGan(Options(generator, 30, seed: 5)).Fit(input).Transform(input);
        var first = ReadAll(augmented, All);
        var second = ReadAll(augmented, All);
        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);
        // A cursor without the image column gives the same plan.
        var labelsOnly = ReadAll(augmented, "Label", AugmentedColumns.Intensity, AugmentedColumns.SourceRow);
        Assert.Equal(first.Select(r => r[1..2].Concat(r[5..7]).ToArray()), labelsOnly);

        var other = ml.Transforms.AugmentWithExprGan(Options(generator, 30, seed: 6)).Fit(input).Transform(input);
        var third = ReadAll(other, All);
        Assert.Equal(first.Take(12), third.Take(12));
        Assert.NotEqual(first.Skip(12).Select(r => (float)r[5]), third.Skip(12).Select(r => (float)r[5]));
        Assert.NotEqual(first.Skip(12).Select(r => r[1]), third.Skip(12).Select(r => r[1]));
    }

    [Fact]
    public void GeneratesNothingWhenTheImageColumnIsNotAsked()
    {
        var ml = new MLContext(1);
        using var inner = Generator();
        var counting = new CountingGenerator(inner);
        var input = KeyedView(ml, Rows(12));
        var augmented = ml.Transforms.AugmentWithExprGan(Options(counting, 50, batch: 16)).Fit(input).Transform(input);
        Assert.Equal(62, ReadAll(augmented, "Label", AugmentedColumns.IsSynthetic).Count);
        Assert.Equal(0, counting.Decoded);
        ReadAll(augmented, "Features");
        Assert.Equal(50, counting.Decoded);
        Assert.Equal(4, counting.Calls);                                // ceil(50 / 16) batches
    }

    [Fact]
    public void BatchCompositionDoesNotChangeImages()
    {
        // The generator has no batch norm, so an image does not depend on its batch-mates (up to float rounding).
        var ml = new MLContext(1);
        using var generator = Generator(channels: 3);
        var input = KeyedView(ml, Rows(9, channels: 3), channels: 3);
        float[][] Images(int batch)
        {
            var options = Options(generator, 23, batch: batch) with { Layout = PixelLayout.FromRange(0, 255) };
            return ReadAll(ml.Transforms.AugmentWithExprGan(options).Fit(input).Transform(input), "Features").Skip(9).Select(r => (float[])r[0]).ToArray();
        }
        var one = Images(1);
        foreach (var batch in new[] { 5, 64 })
        {
            var other = Images(batch);
            var max = one.Zip(other).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
            Assert.True(max < 1e-3, $"batch {batch} vs 1: max difference {max} (of 255)");
        }
    }
}
