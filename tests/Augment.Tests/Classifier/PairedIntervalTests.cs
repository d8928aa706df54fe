using Augment.Classifier.Statistics;

namespace Augment.Tests.Classifier;

public class PairedIntervalTests
{
    [Theory]   // two-sided 95% (p = 0.975) and 99% (p = 0.995) values of the published t table
    [InlineData(0.975, 1, 12.706204736)]
    [InlineData(0.975, 2, 4.302652730)]
    [InlineData(0.975, 4, 2.776445105)]
    [InlineData(0.975, 9, 2.262157163)]
    [InlineData(0.975, 14, 2.144786688)]
    [InlineData(0.975, 29, 2.045229642)]
    [InlineData(0.975, 100, 1.983971519)]
    [InlineData(0.995, 5, 4.032142984)]
    [InlineData(0.025, 4, -2.776445105)]
    public void TQuantilesMatchTheTable(double p, int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(p, df), tolerance: 2e-9);   // the table gives 9 decimals

    [Fact]
    public void TCdfMatchesClosedForms()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 7), 12);
        Assert.Equal(0.5 + Math.Atan(2) / Math.PI, StudentT.Cdf(2, 1), 12);              // Cauchy
        Assert.Equal(0.5 + 1 / (2 * Math.Sqrt(2 + 1)), StudentT.Cdf(1, 2), 12);           // df 2: 1/2 + t / (2 sqrt(2 + t^2))
        Assert.Equal(1 - StudentT.Cdf(1.3, 6), StudentT.Cdf(-1.3, 6), 12);
    }

    [Fact]
    public void AKnownExampleWorkedByHand()
    {
        // Accuracy in points per (fold, seed); the cell minus the count-0 baseline gives differences 1, 2, 3, 4, 5.
        var baseline = new Dictionary<(int Fold, int Seed), double> { [(0, 1)] = 90, [(1, 1)] = 80, [(2, 1)] = 85, [(0, 2)] = 88, [(1, 2)] = 90 };
        var cell = new Dictionary<(int Fold, int Seed), double> { [(0, 1)] = 91, [(1, 1)] = 82, [(2, 1)] = 88, [(0, 2)] = 92, [(1, 2)] = 95 };

        var differences = PairedInterval.PairedDifferences(cell, baseline);   // key order: (0,1) (0,2) (1,1) (1,2) (2,1)
        Assert.Equal([1.0, 4, 2, 5, 3], differences);

        // By hand: mean 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10, sd = sqrt(10 / 4) = 1.5811388;
        // se = 1.5811388 / sqrt(5) = 0.7071068; t(0.975, 4) = 2.7764451; half width = 1.9632432.
        var interval = PairedInterval.Compare(cell, baseline);
        Assert.Equal(5, interval.Count);
        Assert.Equal(3, interval.Mean, 12);
        Assert.Equal(1.5811388, interval.StandardDeviation, 6);
        Assert.Equal(0.7071068, interval.StandardError, 6);
        Assert.Equal(2.7764451, interval.TQuantile, 6);
        Assert.Equal(1.0367568, interval.Lower, 6);
        Assert.Equal(4.9632432, interval.Upper, 6);
        Assert.False(interval.IncludesZero);

        var swapped = PairedInterval.Compare(baseline, cell);
        Assert.Equal((-4.9632432, -1.0367568), (Math.Round(swapped.Lower, 7), Math.Round(swapped.Upper, 7)));
    }

    [Fact]
    public void UnpairedRunsAndTooFewPairsAreHandled()
    {
        var a = new Dictionary<int, double> { [0] = 1, [1] = 2 };
        var b = new Dictionary<int, double> { [0] = 1, [2] = 2 };
        Assert.Contains("unpaired: 1, 2", Assert.Throws<ArgumentException>(() => PairedInterval.Compare(a, b)).Message);

        var one = PairedInterval.Of([2.5]);
        Assert.Equal(2.5, one.Mean);
        Assert.True(double.IsNaN(one.Lower) && double.IsNaN(one.Upper));
        Assert.False(one.IncludesZero);

        var flat = PairedInterval.Of([-0.5, 0.5, 0, 0]);
        Assert.True(flat.IncludesZero);
    }
}
