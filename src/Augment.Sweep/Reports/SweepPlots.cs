using Augment.Core;
using Augment.Sweep.Plan;
using Augment.Sweep.Results;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;

namespace Augment.Sweep.Reports;

/// <summary>accuracy.png (accuracy vs synthetic count with error bars, paper curve for reference) and confusion heat maps.</summary>
public static class SweepPlots
{
    /// <summary>One curve per classic variant and synthetic variant (pooled, capped), each starting from the shared count-0 runs.</summary>
    public static void Accuracy(string path, IReadOnlyList<SummaryRow> rows, string dataset, double share)
    {
        var counts = rows.Select(r => r.Count).Distinct().Order().ToList();
        var model = new PlotModel { Title = "Accuracy vs synthetic images", Subtitle = dataset, Background = OxyColors.White };
        // Below the plot, so the legend never hides a curve.
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter, LegendOrientation = LegendOrientation.Horizontal,
        });
        // Counts are spaced evenly (0, 3K, 6K, 30K, 60K): a linear axis would crowd the small ones.
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = "synthetic images", Minimum = -0.3, Maximum = counts.Count - 0.7,
            MajorStep = 1, MinorStep = 1,
            LabelFormatter = x => Math.Abs(x - Math.Round(x)) < 1e-6 && x >= 0 && x < counts.Count ? SummaryWriter.CountLabel(counts[(int)Math.Round(x)]) : "",
        });
        // The range covers every error bar and the paper's curve (OxyPlot's automatic range ignores error bars).
        static double Spread(Stat s) => double.IsNaN(s.Std) ? 0 : s.Std;
        var low = rows.Select(r => 100 * (r.Accuracy.Mean - Spread(r.Accuracy))).Concat(Summary.PaperOuluCasia.Values).Min();
        var high = rows.Select(r => 100 * (r.Accuracy.Mean + Spread(r.Accuracy))).Concat(Summary.PaperOuluCasia.Values).Max();
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = "accuracy (%)", MajorGridlineStyle = LineStyle.Dot,
            Minimum = Math.Max(0, low - 3), Maximum = Math.Min(100, high + 3),
        });
        var colors = new[] { OxyColors.SteelBlue, OxyColors.DarkOrange, OxyColors.SeaGreen, OxyColors.Firebrick };
        int v = 0;
        var curves = rows.Where(r => r.Mix != SyntheticMix.None).Select(r => (r.Variant, r.Mix)).Distinct().ToList();
        // Without synthetic counts there is still the count-0 point to draw.
        if (curves.Count == 0) curves = rows.Select(r => (r.Variant, r.Mix)).Distinct().ToList();
        foreach (var (variant, mix) in curves)
        {
            var color = colors[v++ % colors.Length];
            var title = mix == SyntheticMix.None ? SummaryWriter.VariantLabel(variant) : $"{SummaryWriter.VariantLabel(variant)}, {SummaryWriter.MixLabel(mix, share)}";
            var line = new LineSeries { Title = title, Color = color, MarkerType = MarkerType.Circle, MarkerFill = color };
            var bars = new ScatterErrorSeries { MarkerFill = color, ErrorBarColor = color, ErrorBarStopWidth = 4, MarkerSize = 0 };
            foreach (var r in rows.Where(r => r.Variant == variant && (r.Mix == mix || r.Mix == SyntheticMix.None)).OrderBy(r => r.Count))
            {
                double x = counts.IndexOf(r.Count) + (v - 1) * 0.06;
                line.Points.Add(new DataPoint(x, 100 * r.Accuracy.Mean));
                bars.Points.Add(new ScatterErrorPoint(x, 100 * r.Accuracy.Mean, 0, 100 * r.Accuracy.Std));
            }
            model.Series.Add(line);
            model.Series.Add(bars);
        }
        var paper = new LineSeries { Title = "paper (Oulu-CASIA)", Color = OxyColors.Gray, LineStyle = LineStyle.Dash, MarkerType = MarkerType.Square };
        foreach (var c in counts.Where(Summary.PaperOuluCasia.ContainsKey))
            paper.Points.Add(new DataPoint(counts.IndexOf(c), Summary.PaperOuluCasia[c]));
        model.Series.Add(paper);
        Export(path, model, 760, 520);
    }

    public static void Confusion(string path, int[,] confusion, IReadOnlyList<string> classNames, string title)
    {
        int k = classNames.Count;
        var normalized = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            double row = 0;
            for (int c = 0; c < k; c++) row += confusion[r, c];
            for (int c = 0; c < k; c++) normalized[c, k - 1 - r] = row > 0 ? 100.0 * confusion[r, c] / row : 0;
        }
        var model = new PlotModel { Title = title, Background = OxyColors.White };
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalette.Interpolate(100, OxyColors.White, OxyColors.SteelBlue, OxyColors.MidnightBlue), Minimum = 0, Maximum = 100 });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = "predicted", ItemsSource = classNames.ToArray() });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = "true", ItemsSource = classNames.Reverse().ToArray() });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = k - 1, Y0 = 0, Y1 = k - 1, Data = normalized, Interpolate = false,
            RenderMethod = HeatMapRenderMethod.Rectangles, LabelFontSize = 0.2, LabelFormatString = "0",
        });
        Export(path, model, 560, 500);
    }

    static void Export(string path, PlotModel model, int width, int height) =>
        AtomicFile.Write(path, stream => new PngExporter { Width = width, Height = height, UseTextShaping = false }.Export(model, stream));
}
