using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation.Generation;

/// <summary>
/// The real input images in the generator's layout (planar, [-1, 1]), read once: the only images the
/// augmenter holds, M x C x H x W floats, so synthetic rows can be edited from any real row.
/// </summary>
internal static class RealImageCache
{
    public static float[] Read(IDataView input, AugmenterBinding binding, int expectedRows)
    {
        var size = binding.Pixels.Size;
        var cache = new float[(long)expectedRows * size];
        var column = input.Schema[binding.ImageIndex];
        using var cursor = input.GetRowCursor([column]);
        int row = 0;
        if (binding.ImageIsByte)
        {
            var getter = cursor.GetGetter<VBuffer<byte>>(column);
            VBuffer<byte> value = default, dense = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                value.CopyToDense(ref dense);
                binding.Pixels.ToGenerator(dense.GetValues(), Slot(cache, row++, size, expectedRows));
            }
        }
        else
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default, dense = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                value.CopyToDense(ref dense);
                binding.Pixels.ToGenerator(dense.GetValues(), Slot(cache, row++, size, expectedRows));
            }
        }
        if (row != expectedRows) throw ChangedInput(expectedRows, row);
        return cache;
    }

    static Span<float> Slot(float[] cache, int row, int size, int expected) =>
        row < expected ? cache.AsSpan(row * size, size) : throw ChangedInput(expected, row + 1);

    internal static InvalidOperationException ChangedInput(long expected, long seen) => new(
        $"ExprGAN augmenter: the input gave {expected} rows on one pass and {seen} on another; an IDataView must return the same rows on every cursor.");
}
