using Augment.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Augment.Tests.Evaluation;

public class MetricsTests
{
    [Fact]
    public void SpearmanIsOneForAnyIncreasingRelationAndHandlesTies()
    {
        double[] x = [0, 0.1, 0.2, 0.5, 1];
        Assert.Equal(1, RankCorrelation.Spearman(x, x.Select(v => Math.Exp(5 * v)).ToArray()), 9);
        Assert.Equal(-1, RankCorrelation.Spearman(x, x.Select(v => -v * v).ToArray()), 9);
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([2, 2, 5]));
        Assert.Equal(0, RankCorrelation.Spearman(x, [7, 7, 7, 7, 7]), 9);   // a generator that ignores the code
    }

    /// <summary>Issue 10 item 1: the same image scored in two batches differs in the last bits; that is a tie, not a rank.</summary>
    [Fact]
    public void ValuesDifferingInTheLastBitsAreTied()
    {
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([0.18906351214, 0.18906351204, 0.5]));
        Assert.Equal(0, RankCorrelation.Spearman([0.1, 0.2, 0.3, 0.4], [0.18906351214, 0.18906351162, 0.18906351190, 0.18906351170]), 12);
        // Real differences still rank: 1e-4 relative is far above the tolerance.
        Assert.Equal(1, RankCorrelation.Spearman([0.1, 0.2, 0.3], [0.5, 0.50005, 0.5001]), 12);
    }

    /// <summary>A face whose reading moves only in the last bits (the same image scored in batches of different
    /// sizes, as on AVX-512 Xeons) has no intensity control: NaN when no face moves, never a rank correlation.</summary>
    [Fact]
    public void PerFaceSpearmanIgnoresReadingsThatMoveOnlyInTheLastBits()
    {
        var obs = new Augment.Evaluation.Editing.EditObservations(2, 1, [0f, 0.5f, 1f], probes: false);
        const float p = 0.2285268f;
        float[][] noisy = [[p, p, MathF.BitIncrement(p)], [0.5f, 0.5f, 0.5f]];
        for (var i = 0; i < 2; i++) for (var l = 0; l < 3; l++) obs.TargetProbability[i, 0, l] = noisy[i][l];
        Assert.True(double.IsNaN(Augment.Evaluation.Editing.EditMetrics.PerFaceSpearman(obs, 0)));
        Assert.True(RankCorrelation.AllTied([0.22852679, 0.22852678]));
        Assert.False(RankCorrelation.AllTied([0.5, 0.5001]));

        // A face that does respond counts; the unmoved one counts 0.
        obs.TargetProbability[1, 0, 1] = 0.6f; obs.TargetProbability[1, 0, 2] = 0.7f;
        Assert.Equal(0.5, Augment.Evaluation.Editing.EditMetrics.PerFaceSpearman(obs, 0), 9);
    }

    [Fact]
    public void IdenticalImagesArePerfect()
    {
        random.manual_seed(3);
        using var a = rand(4, 1, 16, 16) * 2 - 1;
        Assert.All(ImageQuality.L1(a, a), v => Assert.Equal(0f, v));
        Assert.All(ImageQuality.Ssim(a, a), v => Assert.Equal(1f, v, 4));
        Assert.All(ImageQuality.Psnr(a, a), v => Assert.True(float.IsPositiveInfinity(v)));
    }

    [Fact]
    public void NoiseLowersSsimAndPsnrMonotonically()
    {
        random.manual_seed(4);
        using var a = rand(2, 3, 24, 24) * 2 - 1;
        using var noise = randn(2, 3, 24, 24);
        using var small = (a + 0.05 * noise).clamp(-1, 1);
        using var large = (a + 0.5 * noise).clamp(-1, 1);
        Assert.True(ImageQuality.Ssim(a, small)[0] > ImageQuality.Ssim(a, large)[0]);
        Assert.True(ImageQuality.Psnr(a, small)[0] > ImageQuality.Psnr(a, large)[0]);
        // PSNR of a constant offset: mse over [0,1] of 0.1 -> 20 dB.
        Assert.Equal(20f, ImageQuality.Psnr(zeros(1, 1, 8, 8), full(1, 1, 8, 8, 0.2f))[0], 3);
    }

    [Fact]
    public void IdentityShareIsOneForIdenticalFeaturesAndLowForSwappedPeople()
    {
        random.manual_seed(5);
        using var people = randn(6, 32);
        string?[] subjects = ["a", "b", "c", "d", "e", "f"];
        var median = IdentityPreservation.DifferentSubjectMedian(people, subjects);
        Assert.Equal(1.0, IdentityPreservation.ShareAbove(IdentityPreservation.RowCosine(people, people), median));
        using var swapped = people.roll(1, 0);   // every 'edit' is somebody else
        Assert.True(IdentityPreservation.ShareAbove(IdentityPreservation.RowCosine(people, swapped), median) <= 0.5);
    }
}
