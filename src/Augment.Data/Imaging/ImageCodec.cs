using Augment.Data.Loading;
using SkiaSharp;

namespace Augment.Data.Imaging;

/// <summary>Target geometry and channels for decoding. Null width/height keep the source size.</summary>
public sealed record ImageReadOptions(int? Width = null, int? Height = null, int Channels = 1, ResizeMode Resize = ResizeMode.Stretch)
{
    public static ImageReadOptions From(FaceLoadOptions o) => new(o.Width, o.Height, o.Channels, o.Resize);
}

/// <summary>
/// Decodes png/jpeg/bmp (and raw 8-bit gray buffers) to <see cref="ImageData"/> and encodes back to PNG with SkiaSharp.
/// Resizing uses Skia's high-quality filter on 8-bit RGBA; the filter weights sum to one, so intensities are
/// interpolated, never rescaled (a constant gray stays that gray). Gray output is BT.601 luma, which leaves
/// gray sources exactly as they are (R = G = B).
/// </summary>
public static class ImageCodec
{
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp" };

    public static bool IsImageFile(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Reads and decodes a file; any failure is a <see cref="DatasetException"/> naming the file.</summary>
    public static ImageData Load(string path, ImageReadOptions options)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException(path, $"cannot be read ({e.Message})", e);
        }
        return Decode(bytes, path, options);
    }

    /// <summary>Decodes encoded image bytes; 'name' is used in error messages.</summary>
    public static ImageData Decode(byte[] bytes, string name, ImageReadOptions options)
    {
        if (bytes.Length == 0) throw new DatasetException(name, "is empty (0 bytes), not an image");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new DatasetException(name, "is not a decodable image (expected png, jpeg or bmp content)");
        if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
            throw new DatasetException(name, $"has an invalid size {codec.Info.Width}x{codec.Info.Height}");
        // No colour space on the target: pixels are taken as stored, without colour management.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.IncompleteInput || result == SKCodecResult.ErrorInInput)
            throw new DatasetException(name, $"is truncated or corrupt ({result}: the image data ends early or is damaged)");
        if (result != SKCodecResult.Success)
            throw new DatasetException(name, $"could not be decoded ({result})");
        return FromBitmap(bitmap, options);
    }

    /// <summary>An 8-bit gray buffer (row-major, e.g. a FER2013 row) to floats, resized as asked.</summary>
    public static ImageData FromGray8(ReadOnlySpan<byte> gray, int width, int height, ImageReadOptions options)
    {
        if (gray.Length != width * height) throw new ArgumentException($"{gray.Length} gray values for {width}x{height}.");
        var rgba = new byte[4 * gray.Length];
        for (var i = 0; i < gray.Length; i++)
        {
            rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = gray[i];
            rgba[4 * i + 3] = 255;
        }
        using var bitmap = FromRgba(rgba, width, height);
        return FromBitmap(bitmap, options);
    }

    /// <summary>Fits a bitmap to the target size (if any) and converts it to floats.</summary>
    public static ImageData FromBitmap(SKBitmap bitmap, ImageReadOptions options)
    {
        var w = options.Width ?? bitmap.Width;
        var h = options.Height ?? bitmap.Height;
        if (w == bitmap.Width && h == bitmap.Height) return ToFloats(bitmap, options.Channels);
        using var fitted = Fit(bitmap, w, h, options.Resize);
        return ToFloats(fitted, options.Channels);
    }

    /// <summary>Resizes with the high-quality filter (mipmaps when shrinking, bicubic otherwise).</summary>
    public static SKBitmap Fit(SKBitmap source, int width, int height, ResizeMode mode)
    {
        var src = mode == ResizeMode.CenterCrop ? CenteredBox(source.Width, source.Height, width, height)
                                                : new SKRect(0, 0, source.Width, source.Height);
        var dst = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(dst);
        using var paint = new SKPaint { FilterQuality = SKFilterQuality.High, BlendMode = SKBlendMode.Src };
        canvas.DrawBitmap(source, src, new SKRect(0, 0, width, height), paint);
        canvas.Flush();
        return dst;
    }

    static SKRect CenteredBox(int sw, int sh, int tw, int th)
    {
        var scale = Math.Min(sw / (double)tw, sh / (double)th);
        float bw = (float)(tw * scale), bh = (float)(th * scale);
        return SKRect.Create((sw - bw) / 2f, (sh - bh) / 2f, bw, bh);
    }

    static ImageData ToFloats(SKBitmap bitmap, int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentException($"Channels must be 1 or 3, got {channels}.");
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 ? null : bitmap.Copy(SKColorType.Rgba8888);
        var src = rgba ?? bitmap;
        int w = src.Width, h = src.Height, plane = w * h, stride = src.RowBytes;
        var px = src.GetPixelSpan();
        var result = new float[channels * plane];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var o = y * stride + 4 * x;
                float r = px[o], g = px[o + 1], b = px[o + 2];
                var i = y * w + x;
                if (channels == 1)
                    result[i] = ImageData.FromByte(r == g && g == b ? r : 0.299f * r + 0.587f * g + 0.114f * b);
                else
                {
                    result[i] = ImageData.FromByte(r);
                    result[plane + i] = ImageData.FromByte(g);
                    result[2 * plane + i] = ImageData.FromByte(b);
                }
            }
        return new ImageData(result, channels, h, w);
    }

    /// <summary>A C x H x W float image in [-1, 1] (C = 1 or 3) as an opaque RGBA bitmap.</summary>
    public static SKBitmap ToBitmap(ReadOnlySpan<float> chw, int channels, int height, int width)
    {
        if (channels is not (1 or 3)) throw new ArgumentException($"Channels must be 1 or 3, got {channels}.");
        if (chw.Length != channels * height * width) throw new ArgumentException($"{chw.Length} values for {channels}x{height}x{width}.");
        var plane = width * height;
        var rgba = new byte[4 * plane];
        for (var i = 0; i < plane; i++)
        {
            rgba[4 * i] = ImageData.ToByte(chw[i]);
            rgba[4 * i + 1] = ImageData.ToByte(chw[channels == 3 ? plane + i : i]);
            rgba[4 * i + 2] = ImageData.ToByte(chw[channels == 3 ? 2 * plane + i : i]);
            rgba[4 * i + 3] = 255;
        }
        var bitmap = FromRgba(rgba, width, height);
        return bitmap;
    }

    /// <summary>A bitmap holding a copy of tightly packed, opaque RGBA bytes.</summary>
    public static SKBitmap FromRgba(byte[] rgba, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (bitmap.RowBytes != 4 * width) throw new InvalidOperationException($"Unexpected row stride {bitmap.RowBytes} for width {width}.");
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }

    /// <summary>PNG bytes of a bitmap.</summary>
    public static byte[] EncodePng(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Writes one float image as a PNG, atomically.</summary>
    public static void SavePng(ImageData image, string path)
    {
        using var bitmap = ToBitmap(image.Pixels, image.Channels, image.Height, image.Width);
        Augment.Core.AtomicFile.WriteAllBytes(path, EncodePng(bitmap));
    }
}
