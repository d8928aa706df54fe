using Augment.Evaluation.Reports;
using Augment.Tests.Data;
using Augment.Tests.ExprGan;
using SkiaSharp;

namespace Augment.Tests.Evaluation;

public class LossPlotTests
{
    [Fact]
    public void PlotsACommittedLossLog()
    {
        using var dir = new TempDirectory();
        var png = dir.File("losses.png");
        LossPlot.Save(Path.Combine(DataPaths.RepoRoot(), "results", "procedural", "exprgan-ip", "losses.csv"), png);
        using var image = SKBitmap.Decode(png);
        Assert.Equal((1200, 700), (image.Width, image.Height));
    }
}
