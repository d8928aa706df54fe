using Augment.Core;
using SkiaSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// Writes images as a PNG grid (row-major, a 2-pixel gap). Minimal on purpose: the data branch had no grid writer
/// when this was written; the trainer and the grid/edit commands use it for previews.
/// </summary>
public static class ImageGrid
{
    /// <param name="images">N x C x H x W in [-1, 1] (C = 1 or 3), any device; N = rows * columns.</param>
    public static void SavePng(string path, Tensor images, int columns, int gap = 2)
    {
        if (images.dim() != 4 || images.shape[1] is not (1 or 3))
            throw new ArgumentException($"Grid images must be N x 1|3 x H x W, got [{string.Join(", ", images.shape)}].");
        if (columns < 1) throw new ArgumentException($"Columns must be >= 1, got {columns}.");
        var n = (int)images.shape[0];
        int c = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        var rows = (n + columns - 1) / columns;
        byte[] pixels;
        using (var scope = NewDisposeScope())
            pixels = images.detach().cpu().add(1).mul(127.5).round().clamp(0, 255).to_type(ScalarType.Byte)
                .contiguous().data<byte>().ToArray();
        int width = columns * w + (columns + 1) * gap, height = rows * h + (rows + 1) * gap;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(255, 255, 255));
        var buffer = new byte[width * height * 4];
        Array.Fill(buffer, (byte)255);
        for (var i = 0; i < n; i++)
        {
            int x0 = gap + i % columns * (w + gap), y0 = gap + i / columns * (h + gap);
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var o = ((y0 + y) * width + x0 + x) * 4;
                    for (var ch = 0; ch < 3; ch++)
                        buffer[o + ch] = pixels[((i * c + (c == 1 ? 0 : ch)) * h + y) * w + x];
                }
        }
        System.Runtime.InteropServices.Marshal.Copy(buffer, 0, bitmap.GetPixels(), buffer.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, data.ToArray());
    }
}
