using Augment.Classifier;
using static TorchSharp.torch;

namespace Augment.Tests.Classifier;

public class TrainingAugmentationTests
{
    [Fact]
    public void MovesADotByAtMostMaxShiftAndMirrorsWhole()
    {
        const int size = 12, shift = 2, n = 64;
        var pixels = new float[n * size * size];
        for (var i = 0; i < n; i++) pixels[i * size * size + 4 * size + 3] = 1f;   // dot at (y 4, x 3)
        using var batch = tensor(pixels, [n, 1, size, size]);
        using var augmented = TrainingAugmentation.FlipAndShift(batch, new Random(1), shift);

        Assert.Equal(batch.shape, augmented.shape);
        var flipped = 0;
        for (var i = 0; i < n; i++)
        {
            using var image = augmented[i, 0];
            var at = image.argmax().item<long>();
            var (y, x) = (at / size, at % size);
            Assert.Equal(1f, image.max().item<float>());
            Assert.Equal(1f, image.sum().item<float>());   // one dot: a shift never duplicates it
            Assert.InRange(y, 4 - shift, 4 + shift);
            var mirrored = size - 1 - x;
            if (Math.Abs(x - 3) > shift) { Assert.InRange(mirrored, 3 - shift, 3 + shift); flipped++; }
        }
        Assert.InRange(flipped, n / 4, 3 * n / 4);   // about half the images are mirrored
    }

    [Fact]
    public void NoShiftGivesTheImageOrItsMirror()
    {
        var rng = new Random(3);
        using var batch = tensor(Enumerable.Range(0, 8 * 36).Select(_ => rng.NextSingle()).ToArray(), [8, 1, 6, 6]);
        using var augmented = TrainingAugmentation.FlipAndShift(batch, new Random(2), 0);
        for (var i = 0; i < 8; i++)
        {
            using var a = augmented[i];
            using var same = batch[i];
            using var mirror = batch[i].flip(2);
            Assert.True(a.allclose(same) || a.allclose(mirror));
        }
    }
}
