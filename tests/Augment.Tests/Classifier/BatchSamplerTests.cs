using Augment.Classifier;

namespace Augment.Tests.Classifier;

public class BatchSamplerTests
{
    static readonly int[] Real = Enumerable.Range(0, 10).ToArray();
    static readonly int[] Synthetic = Enumerable.Range(10, 100).ToArray();

    [Fact]
    public void CappedBatchesHoldTheirShareOfSyntheticRows()
    {
        var sampler = new BatchSampler(Real, Synthetic, share: 0.5, batchSize: 8, samplesPerEpoch: null, seed: 1);
        Assert.Equal(0.5, sampler.Share);
        Assert.Equal(20, sampler.RowsPerEpoch);                          // one pass over the 10 real rows, as many synthetic
        var batches = sampler.Epoch().ToArray();
        Assert.Equal([8, 8, 4], batches.Select(b => b.Length));
        Assert.All(batches, b => Assert.Equal(b.Length / 2, b.Count(i => i >= 10)));
        Assert.Equal(Real, batches.SelectMany(b => b.Where(i => i < 10)).Order());   // every real row once
    }

    [Fact]
    public void TheCapIsACapNotATarget()
    {
        // 10 synthetic of 110 rows: their own share (1/11) is under the cap, so batches keep it.
        var sampler = new BatchSampler(Enumerable.Range(0, 100).ToArray(), Enumerable.Range(100, 10).ToArray(), 0.5, 22, null, 1);
        Assert.Equal(1.0 / 11, sampler.Share!.Value, 12);
        Assert.All(sampler.Epoch(), b => Assert.Equal(2, b.Count(i => i >= 100)));
    }

    [Fact]
    public void PooledStreamsReshuffleAcrossEpochsAndCoverEveryRow()
    {
        var sampler = new BatchSampler(Real, Synthetic, share: null, batchSize: 16, samplesPerEpoch: 55, seed: 3);
        Assert.Null(sampler.Share);
        Assert.Equal(4, sampler.BatchesPerEpoch);                        // 16 + 16 + 16 + 7
        var drawn = Enumerable.Range(0, 2).SelectMany(_ => sampler.Epoch()).SelectMany(b => b).ToArray();
        Assert.Equal(110, drawn.Length);
        Assert.Equal(Real.Concat(Synthetic), drawn.Order());             // 2 x 55 = one full pass over 110 rows
    }

    [Fact]
    public void ShareZeroDrawsTheBatchesOfTheRealRowsAlone()
    {
        var alone = new BatchSampler(Real, [], null, 4, 30, seed: 9);
        var capped = new BatchSampler(Real, Synthetic, 0, 4, 30, seed: 9);
        for (var epoch = 0; epoch < 3; epoch++)
            Assert.Equal(alone.Epoch().ToArray(), capped.Epoch().ToArray());
    }

    [Fact]
    public void ACapNeedsRealRows() =>
        Assert.Throws<ArgumentException>(() => new BatchSampler([], Synthetic, 0.5, 8, null, 1));
}
