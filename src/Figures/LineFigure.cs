using ScottPlot;

namespace NeuroSim.Replay.Figures;

/// <summary>Lines with markers (e.g. accuracy per epoch of several runs, partial dependence), a legend naming each, optional error bars.</summary>
public static class LineFigure
{
    public static byte[] Render(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, Alignment legend = Alignment.LowerRight, bool integerX = false)
    {
        if (series.Count == 0 || series.All(s => s.X.Count == 0)) throw new ArgumentException($"figure '{title}': nothing to plot");
        var plot = Figure.Create(title, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = Figure.Color(s.Dashed ? i - 1 : i);
            var line = plot.Add.Scatter(s.X.ToArray(), s.Y.ToArray(), color);
            line.LegendText = s.Name;
            line.LineWidth = 2.5f;
            line.MarkerSize = s.X.Count > 60 ? 0 : 7;
            if (s.Dashed) line.LinePattern = LinePattern.Dashed;
            if (s.Error is { } error)
            {
                var bars = plot.Add.ErrorBar(s.X.ToArray(), s.Y.ToArray(), error.ToArray());
                bars.Color = color;
            }
        }
        if (integerX) plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(legend);
        return Figure.Png(plot);
    }
}
