using Augment.Data.Imaging;
using SkiaSharp;

namespace Augment.Tests.Data;

/// <summary>A temporary folder the test writes small image fixtures into; deleted on dispose.</summary>
public sealed class TempDataDir : IDisposable
{
    public TempDataDir() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "augment-data-tests", Guid.NewGuid().ToString("N"));

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a w x h gray image of one level (0..255), or a horizontal ramp starting at that level.</summary>
    public string Gray(string relative, int w, int h, byte level, bool ramp = false, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var rgba = new byte[4 * w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var v = ramp ? (byte)Math.Min(255, level + x * 4) : level;
                var i = 4 * (y * w + x);
                rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
                rgba[i + 3] = 255;
            }
        return Write(relative, rgba, w, h, format);
    }

    /// <summary>Writes a w x h image of one colour.</summary>
    public string Color(string relative, int w, int h, byte r, byte g, byte b, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var rgba = new byte[4 * w * h];
        for (var i = 0; i < w * h; i++) { rgba[4 * i] = r; rgba[4 * i + 1] = g; rgba[4 * i + 2] = b; rgba[4 * i + 3] = 255; }
        return Write(relative, rgba, w, h, format);
    }

    /// <summary>Writes a 24-bit BMP of one colour by hand (Skia decodes BMP but cannot encode it).</summary>
    public string Bmp(string relative, int w, int h, byte r, byte g, byte b)
    {
        var row = (3 * w + 3) / 4 * 4;
        var bytes = new byte[54 + row * h];
        void I32(int at, int v) => BitConverter.GetBytes(v).CopyTo(bytes, at);
        bytes[0] = (byte)'B'; bytes[1] = (byte)'M';
        I32(2, bytes.Length); I32(10, 54); I32(14, 40); I32(18, w); I32(22, h);
        bytes[26] = 1; bytes[28] = 24; I32(34, row * h);
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var o = 54 + y * row + 3 * x;
                (bytes[o], bytes[o + 1], bytes[o + 2]) = (b, g, r);
            }
        return Bytes(relative, bytes);
    }

    public string Text(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string Bytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Folder(string relative)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(path);
        return path;
    }

    string Write(string relative, byte[] rgba, int w, int h, SKEncodedImageFormat format)
    {
        using var bitmap = ImageCodec.FromRgba(rgba, w, h);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return Bytes(relative, data.ToArray());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class DataPaths
{
    /// <summary>The folder holding Augment.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Augment.sln"))) return dir.FullName;
        throw new InvalidOperationException("Augment.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>CK+48: env AUGMENT_CK48, else ../shared/datasets/ck48 beside the repository.</summary>
    public static string Ck48() =>
        Environment.GetEnvironmentVariable("AUGMENT_CK48") is { Length: > 0 } env ? env
            : Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "datasets", "ck48"));
}
