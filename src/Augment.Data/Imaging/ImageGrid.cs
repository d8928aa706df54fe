using Augment.Core;
using SkiaSharp;
using static TorchSharp.torch;

namespace Augment.Data.Imaging;

/// <summary>Layout of a labelled image grid. Images fill rows left to right; missing cells stay blank.</summary>
public sealed record GridOptions
{
    /// <summary>Images per row; 0 = as square a grid as possible.</summary>
    public int Columns { get; init; }

    /// <summary>Rows to draw; 0 = as many as the images need (or the row labels, if more).</summary>
    public int Rows { get; init; }

    public IReadOnlyList<string>? RowLabels { get; init; }
    public IReadOnlyList<string>? ColumnLabels { get; init; }
    public string? Title { get; init; }

    /// <summary>Integer magnification with nearest-neighbour sampling, so the pixels shown are the pixels.</summary>
    public int Scale { get; init; } = 1;

    public int Padding { get; init; } = 2;
}

/// <summary>
/// Writes N x C x H x W float images in [-1, 1] (C = 1 or 3) as one labelled PNG grid: contact sheets,
/// intensity sweeps, training snapshots.
/// </summary>
public static class ImageGrid
{
    public static void Save(string path, Tensor images, GridOptions options) =>
        AtomicFile.WriteAllBytes(path, EncodePng(images, options));

    public static byte[] EncodePng(Tensor images, GridOptions options)
    {
        using var bitmap = Compose(images, options);
        return ImageCodec.EncodePng(bitmap);
    }

    public static SKBitmap Compose(Tensor images, GridOptions options)
    {
        if (images.dim() != 4) throw new ArgumentException($"Images must be N x C x H x W, got shape [{string.Join(", ", images.shape)}].");
        int n = (int)images.shape[0], ch = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        if (ch is not (1 or 3)) throw new ArgumentException($"Images must have 1 or 3 channels, got {ch}.");
        if (options.Scale < 1 || options.Padding < 0) throw new ArgumentException("Scale must be >= 1 and padding >= 0.");
        var cols = options.Columns > 0 ? options.Columns : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(n)));
        var rows = options.Rows > 0 ? options.Rows : Math.Max((n + cols - 1) / cols, options.RowLabels?.Count ?? 0);
        if (n > rows * cols) throw new ArgumentException($"{n} images do not fit {rows} x {cols} cells.");

        int cw = w * options.Scale, chh = h * options.Scale, pad = options.Padding;
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var font = new SKPaint { Typeface = typeface, IsAntialias = true, Color = SKColors.Black, TextSize = Math.Clamp(chh * 0.2f, 10f, 16f) };
        var lineH = (int)MathF.Ceiling(font.TextSize * 1.35f);
        var left = options.RowLabels is { Count: > 0 } rl ? (int)MathF.Ceiling(rl.Max(l => font.MeasureText(l))) + 2 * pad + 4 : 0;
        var titleH = options.Title != null ? lineH + pad : 0;
        var top = titleH + (options.ColumnLabels is { Count: > 0 } ? lineH : 0);
        var width = Math.Max(left + cols * (cw + pad) + pad, options.Title != null ? (int)font.MeasureText(options.Title) + 2 * pad : 0);
        var height = top + rows * (chh + pad) + pad;

        var grid = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(grid);
        canvas.Clear(SKColors.White);
        if (options.Title != null) canvas.DrawText(options.Title, pad, pad + font.TextSize, font);
        for (var c = 0; c < Math.Min(cols, options.ColumnLabels?.Count ?? 0); c++)
            DrawCentered(canvas, options.ColumnLabels![c], left + pad + c * (cw + pad) + cw / 2f, titleH + font.TextSize, font);
        for (var r = 0; r < Math.Min(rows, options.RowLabels?.Count ?? 0); r++)
            canvas.DrawText(options.RowLabels![r], pad, top + pad + r * (chh + pad) + chh / 2f + font.TextSize / 3f, font);

        using var cpu = images.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var all = cpu.data<float>().ToArray();
        var len = ch * h * w;
        using var nearest = new SKPaint { FilterQuality = SKFilterQuality.None };
        for (var i = 0; i < n; i++)
        {
            using var cell = ImageCodec.ToBitmap(all.AsSpan(i * len, len), ch, h, w);
            int r = i / cols, c = i % cols;
            var dest = SKRect.Create(left + pad + c * (cw + pad), top + pad + r * (chh + pad), cw, chh);
            canvas.DrawBitmap(cell, dest, nearest);
        }
        canvas.Flush();
        return grid;
    }

    static void DrawCentered(SKCanvas canvas, string text, float x, float baseline, SKPaint font) =>
        canvas.DrawText(text, x - font.MeasureText(text) / 2f, baseline, font);
}
