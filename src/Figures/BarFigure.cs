using ScottPlot;

namespace NeuroSim.Replay.Figures;

/// <summary>Horizontal bars with error bars (e.g. permutation feature importance ± its spread), largest first from the top.</summary>
public static class BarFigure
{
    public static byte[] Render(string title, string valueLabel, IReadOnlyList<BarItem> items)
    {
        if (items.Count == 0) throw new ArgumentException($"figure '{title}': no bars");
        var plot = Figure.Create(title, valueLabel, "");
        var bars = items.Select((b, i) => new Bar
        {
            Position = items.Count - 1 - i, Value = b.Value, Error = b.Spread, FillColor = Figure.Color(0), Orientation = Orientation.Horizontal,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks(items.Select((_, i) => (double)(items.Count - 1 - i)).ToArray(), items.Select(b => b.Label).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 16;
        plot.Axes.Margins(left: 0);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "mean over permutations", FillColor = Figure.Color(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "error bar: ± one standard deviation", LineColor = Colors.Black, LineWidth = 2 });
        plot.ShowLegend(Alignment.LowerRight);
        return Figure.Png(plot);
    }
}
