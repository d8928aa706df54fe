using Augment.Core;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

public sealed class IdentityRetrievalTests
{
    [Fact]
    public void ScoresAKnownDistanceMatrix()
    {
        // Three people, two expressions each; the same person is at 0.1, anyone else at 1.
        string[] subjects = ["a", "b", "c", "a", "b", "c"];
        int[] labels = [0, 0, 0, 1, 1, 1];
        var d = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++) d[i, j] = i == j ? 0 : subjects[i] == subjects[j] ? 0.1 : 1.0;

        var r = IdentityRetrieval.Score("known", d, subjects, labels);

        Assert.Equal(6, r.Queries);
        Assert.Equal(1.0, r.Rank1);
        Assert.Equal(1.0 / 3, r.Chance, 12);
        Assert.Equal(0.1, r.SamePersonOtherExpression, 12);
        Assert.Equal(1.0, r.OtherPersonSameExpression, 12);
    }

    [Fact]
    public void RunsEveryMeasureWithAPluggedInNetwork()
    {
        // Each person a brightness level, each expression a small patch: identity dominates every distance.
        using var scope = NewDisposeScope();
        var images = zeros(6, 1, 16, 16);
        string[] subjects = ["a", "b", "c", "a", "b", "c"];
        int[] labels = [0, 0, 0, 1, 1, 1];
        for (var i = 0; i < 6; i++)
        {
            images[i].fill_(-0.5f + 0.5f * (i % 3));
            images[i, 0, TensorIndex.Slice(0, 4), TensorIndex.Slice(0, 4)].add_(labels[i] * 0.1f);
        }
        using var phi = new PooledPixels();

        var results = IdentityRetrieval.Run(phi, images, subjects, labels, batch: 4, NullProgress.Instance);

        Assert.Equal(["pixels (mean |x - y|)", "phi layer0", "L_id (sum of beta_l x layer terms)"], results.Select(r => r.Measure));
        Assert.All(results, r => Assert.Equal(1.0, r.Rank1));
        Assert.All(results, r => Assert.True(r.Ratio < 0.5));
    }

    /// <summary>The smallest phi a user could plug in: one 4x4 average-pooled map, frozen by having no parameters.</summary>
    private sealed class PooledPixels : IIdentityNetwork
    {
        public IReadOnlyList<float> LayerWeights { get; } = [1f];

        public IReadOnlyList<Tensor> Features(Tensor images) => [nn.functional.avg_pool2d(images, 4)];

        public void Dispose() { }
    }
}
