using Augment.Classifier.Statistics;

namespace Augment.Tests.Classifier;

public class SampleStatisticsTests
{
    [Fact]
    public void StandardDeviationDividesByNMinusOne()
    {
        // Mean 5, squared deviations sum to 32: sqrt(32 / 7), not the population sqrt(32 / 8) = 2.
        Assert.Equal(Math.Sqrt(32.0 / 7), SampleStatistics.StandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 15);
        Assert.Equal(0, SampleStatistics.StandardDeviation([3.5]));
        Assert.Equal(0, SampleStatistics.StandardDeviation([]));
    }
}
