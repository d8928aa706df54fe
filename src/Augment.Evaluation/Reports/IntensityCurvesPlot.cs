using Augment.Core;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;

namespace Augment.Evaluation.Reports;

/// <summary>intensity-curves.png: the judge's mean probability of the target class vs the requested intensity.</summary>
public static class IntensityCurvesPlot
{
    static readonly OxyColor[] Colors =
    [
        OxyColors.SteelBlue, OxyColors.DarkOrange, OxyColors.ForestGreen, OxyColors.Crimson, OxyColors.MediumPurple,
        OxyColors.SaddleBrown, OxyColors.HotPink, OxyColors.Teal, OxyColors.Olive,
    ];

    public static void Save(string path, IntensityControl control, IReadOnlyList<string> classNames, string title)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = "requested intensity", Minimum = -0.02, Maximum = 1.02, MajorStep = 0.2,
            MajorGridlineStyle = LineStyle.Dot,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = "judge P(target)", Minimum = 0, Maximum = 1, MajorStep = 0.2, MajorGridlineStyle = LineStyle.Dot,
        });
        for (var k = 0; k < classNames.Count; k++)
        {
            var color = Colors[k % Colors.Length];
            var line = new LineSeries
            {
                Title = $"{classNames[k]} (ρ {control.Spearman[k]:0.00})", Color = color, MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = color,
            };
            for (var l = 0; l < control.Intensities.Length; l++) line.Points.Add(new DataPoint(control.Intensities[l], control.MeanProbability[k][l]));
            model.Series.Add(line);
        }
        var mean = new LineSeries { Title = $"mean (ρ {control.MeanSpearman:0.00})", Color = OxyColors.Black, StrokeThickness = 3 };
        for (var l = 0; l < control.Intensities.Length; l++) mean.Points.Add(new DataPoint(control.Intensities[l], control.MeanProbabilityAllClasses[l]));
        model.Series.Add(mean);
        AtomicFile.Write(path, stream => new PngExporter { Width = 760, Height = 460, UseTextShaping = false }.Export(model, stream));
    }
}
