using Augment.Data.Imaging;
using Augment.Data.Loading;
using SkiaSharp;

namespace Augment.Tests.Data;

public class ImageCodecTests
{
    [Theory]
    [InlineData(37, 29, 48, 48, ResizeMode.Stretch)]
    [InlineData(200, 160, 48, 48, ResizeMode.Stretch)]
    [InlineData(200, 160, 64, 64, ResizeMode.CenterCrop)]
    [InlineData(20, 20, 128, 128, ResizeMode.Stretch)]
    public void ResizingKeepsAConstantGrayExactly(int w, int h, int tw, int th, ResizeMode mode)
    {
        using var dir = new TempDataDir();
        var path = dir.Gray("g.png", w, h, 77);
        var image = ImageCodec.Load(path, new ImageReadOptions(tw, th, 1, mode));
        Assert.Equal((1, th, tw), (image.Channels, image.Height, image.Width));
        var expected = ImageData.FromByte(77);
        Assert.All(image.Pixels, v => Assert.Equal(expected, v, 5));
    }

    [Fact]
    public void CenterCropKeepsTheMiddleAndStretchKeepsEverything()
    {
        // 30 x 10: black | gray | white thirds; a square crop keeps only the gray middle.
        var rgba = new byte[4 * 30 * 10];
        for (var i = 0; i < 300; i++)
        {
            var v = (byte)(i % 30 < 10 ? 0 : i % 30 < 20 ? 128 : 255);
            (rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]) = (v, v, v, 255);
        }
        using var bitmap = ImageCodec.FromRgba(rgba, 30, 10);
        var crop = ImageCodec.FromBitmap(bitmap, new ImageReadOptions(10, 10, 1, ResizeMode.CenterCrop));
        Assert.All(crop.Pixels, v => Assert.Equal(ImageData.FromByte(128), v, 5));
        var stretch = ImageCodec.FromBitmap(bitmap, new ImageReadOptions(15, 10, 1, ResizeMode.Stretch));
        Assert.Equal(ImageData.FromByte(0), stretch.Pixels[5 * 15 + 1], 2);
        Assert.Equal(ImageData.FromByte(255), stretch.Pixels[5 * 15 + 13], 2);
    }

    [Fact]
    public void ColourDecodesToRgbPlanesAndLumaGray()
    {
        using var dir = new TempDataDir();
        var path = dir.Bmp("c.bmp", 6, 5, 200, 100, 50);
        var rgb = ImageCodec.Load(path, new ImageReadOptions(Channels: 3));
        Assert.Equal(ImageData.FromByte(200), rgb.Pixels[0], 5);
        Assert.Equal(ImageData.FromByte(100), rgb.Pixels[30], 5);
        Assert.Equal(ImageData.FromByte(50), rgb.Pixels[60], 5);
        var gray = ImageCodec.Load(path, new ImageReadOptions(Channels: 1));
        Assert.Equal(ImageData.FromByte(0.299f * 200 + 0.587f * 100 + 0.114f * 50), gray.Pixels[0], 4);
    }

    [Fact]
    public void JpegDecodesCloseToItsSource()
    {
        using var dir = new TempDataDir();
        var path = dir.Gray("g.jpeg", 16, 16, 128, format: SKEncodedImageFormat.Jpeg);
        var image = ImageCodec.Load(path, new ImageReadOptions());
        Assert.All(image.Pixels, v => Assert.InRange(v, ImageData.FromByte(124), ImageData.FromByte(132)));
    }

    [Fact]
    public void PngRoundTripIsExact()
    {
        var pixels = Enumerable.Range(0, 3 * 4 * 5).Select(i => ImageData.FromByte(i * 4 % 256)).ToArray();
        using var bitmap = ImageCodec.ToBitmap(pixels, 3, 4, 5);
        var png = ImageCodec.EncodePng(bitmap);
        var back = ImageCodec.Decode(png, "memory", new ImageReadOptions(Channels: 3));
        Assert.Equal(pixels, back.Pixels);
    }

    [Fact]
    public void Gray8BufferResizesWithoutRescaling()
    {
        var gray = Enumerable.Repeat((byte)90, 48 * 48).ToArray();
        var image = ImageCodec.FromGray8(gray, 48, 48, new ImageReadOptions(64, 64, 3));
        Assert.Equal(3 * 64 * 64, image.Length);
        Assert.All(image.Pixels, v => Assert.Equal(ImageData.FromByte(90), v, 5));
    }
}
