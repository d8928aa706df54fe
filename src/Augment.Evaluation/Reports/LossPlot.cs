using System.Globalization;
using Augment.Core;
using Augment.ExprGan.Training;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;

namespace Augment.Evaluation.Reports;

/// <summary>
/// Loss curves from losses.csv as a PNG: one panel-wide line per loss, smoothed by a moving average. Drawn by whoever
/// ran the training (the train command, the sweep's GAN cache), so the ExprGAN library needs no plotting package.
/// </summary>
public static class LossPlot
{
    public static void Save(string csvPath, string pngPath, int width = 1200, int height = 700)
    {
        var rows = LossLog.Read(csvPath);
        var losses = rows.Select(r => r.Losses.Values()).ToArray();
        var model = new PlotModel
        {
            Title = "ExprGAN training losses", Background = OxyColors.White,
            // Ten distinguishable colours (OxyPlot's default palette repeats after a few series).
            DefaultColors =
            [
                OxyColor.FromRgb(31, 119, 180), OxyColor.FromRgb(255, 127, 14), OxyColor.FromRgb(44, 160, 44),
                OxyColor.FromRgb(214, 39, 40), OxyColor.FromRgb(148, 103, 189), OxyColor.FromRgb(140, 86, 75),
                OxyColor.FromRgb(227, 119, 194), OxyColor.FromRgb(127, 127, 127), OxyColor.FromRgb(188, 189, 34),
                OxyColor.FromRgb(23, 190, 207),
            ],
        };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "step (all stages)" });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "loss (log scale)" });
        var window = Math.Max(1, rows.Count / 100);
        for (var col = 0; col < StepLosses.Columns.Length; col++)
        {
            var series = new LineSeries { Title = StepLosses.Columns[col], StrokeThickness = 1.2 };
            var recent = new Queue<double>();
            double sum = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                var v = Cell(losses[r][col]);
                if (double.IsNaN(v) || v <= 0) { recent.Clear(); sum = 0; continue; }
                recent.Enqueue(v);
                sum += v;
                if (recent.Count > window) sum -= recent.Dequeue();
                series.Points.Add(new DataPoint(r, sum / recent.Count));
            }
            if (series.Points.Count > 0) model.Series.Add(series);
        }
        // Vertical markers where a stage begins.
        for (var r = 1; r < rows.Count; r++)
            if (rows[r].Stage != rows[r - 1].Stage)
                model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation
                {
                    Type = OxyPlot.Annotations.LineAnnotationType.Vertical, X = r, Color = OxyColors.Gray,
                    Text = $"stage {rows[r].Stage}",
                });
        using var stream = new MemoryStream();
        new PngExporter { Width = width, Height = height }.Export(model, stream);
        // OxyPlot draws a failure as text into the picture instead of throwing: surface it.
        if (model.GetLastPlotException() is { } error)
            throw new InvalidOperationException($"Plotting '{csvPath}' failed: {error.Message}", error);
        AtomicFile.WriteAllBytes(pngPath, stream.ToArray());
    }

    /// <summary>The loss as the double its text in the file reads as: the float widened to double differs in the last digits,
    /// enough to move the smoothed curves by a fraction of a pixel and change the PNG.</summary>
    static double Cell(float v) => float.IsNaN(v) ? double.NaN : double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
