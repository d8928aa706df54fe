using Augment.Data.Imaging;
using SkiaSharp;
using static TorchSharp.torch;

namespace Augment.Tests.Data;

public class ImageGridTests
{
    /// <summary>Five 1 x 4 x 6 images, image i filled with gray level 40 * (i + 1).</summary>
    static Tensor Images() =>
        stack(Enumerable.Range(0, 5).Select(i => full(1, 4, 6, 40f * (i + 1) / 127.5f - 1f)).ToArray());

    [Fact]
    public void CellsHoldTheImagesAtTheirPlaces()
    {
        using var images = Images();
        using var grid = ImageGrid.Compose(images, new GridOptions { Columns = 3, Scale = 2, Padding = 1 });
        Assert.Equal((3 * 13 + 1, 2 * 9 + 1), (grid.Width, grid.Height));
        Assert.Equal(new SKColor(40, 40, 40), grid.GetPixel(1 + 5, 1 + 3));                  // image 0, row 0 col 0
        Assert.Equal(new SKColor(200, 200, 200), grid.GetPixel(1 + 13 + 2, 1 + 9 + 2));      // image 4, row 1 col 1
        Assert.Equal(SKColors.White, grid.GetPixel(1 + 26 + 5, 1 + 9 + 5));                 // blank sixth cell
    }

    [Fact]
    public void LabelsAreDrawnBesideAndAboveTheCells()
    {
        using var images = Images();
        var options = new GridOptions { Columns = 3, Scale = 4, RowLabels = ["anger", "fear"], ColumnLabels = ["a", "b", "c"], Title = "title" };
        using var plain = ImageGrid.Compose(images, new GridOptions { Columns = 3, Scale = 4 });
        using var grid = ImageGrid.Compose(images, options);
        Assert.True(grid.Width > plain.Width && grid.Height > plain.Height);
        var left = grid.Width - plain.Width;
        var dark = 0;
        for (var y = 0; y < grid.Height; y++)
            for (var x = 0; x < left - 2; x++)
                if (grid.GetPixel(x, y).Red < 128) dark++;
        Assert.True(dark > 20, $"row labels left {dark} dark pixels: is a font available?");

        using var dir = new TempDataDir();
        var path = dir.PathOf("grid.png");
        ImageGrid.Save(path, images, options);
        using var back = SKBitmap.Decode(path);
        Assert.Equal((grid.Width, grid.Height), (back.Width, back.Height));
    }

    [Fact]
    public void TooManyImagesForTheGridIsAnError()
    {
        using var images = Images();
        Assert.Throws<ArgumentException>(() => ImageGrid.Compose(images, new GridOptions { Columns = 2, Rows = 2 }));
    }
}
