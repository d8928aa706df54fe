using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Classifier;

/// <summary>The standard augmentation for aligned faces: random horizontal flip and a shift of a few pixels.</summary>
internal static class TrainingAugmentation
{
    /// <summary>Each image is flipped with probability 1/2 and shifted by up to maxShift px each way (edges replicated).
    /// The draws come from <paramref name="rng"/>, so a seeded run is repeatable.</summary>
    public static Tensor FlipAndShift(Tensor batch, Random rng, int maxShift)
    {
        using var scope = NewDisposeScope();
        var (n, c, h, w) = ((int)batch.shape[0], batch.shape[1], (int)batch.shape[2], (int)batch.shape[3]);
        // Source row and column of every output pixel, per image. Replicated edges are clamped indices, and a flip
        // reads the shifted columns right to left, so two gathers do what a pad, a crop and a flip per image did,
        // value for value, with a batch's worth of native calls instead of four per image.
        var rows = new long[n * h];
        var cols = new long[n * w];
        for (var i = 0; i < n; i++)
        {
            var flip = rng.Next(2) == 1;
            var dy = rng.Next(-maxShift, maxShift + 1);
            var dx = rng.Next(-maxShift, maxShift + 1);
            for (var y = 0; y < h; y++) rows[i * h + y] = Math.Clamp(y + dy, 0, h - 1);
            for (var x = 0; x < w; x++) cols[i * w + x] = Math.Clamp((flip ? w - 1 - x : x) + dx, 0, w - 1);
        }
        var rowIndex = tensor(rows, [n, 1, h, 1], device: batch.device).expand(n, c, h, w);
        var colIndex = tensor(cols, [n, 1, 1, w], device: batch.device).expand(n, c, h, w);
        return batch.gather(2, rowIndex).gather(3, colIndex).MoveToOuterDisposeScope();
    }
}
