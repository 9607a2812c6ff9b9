using ScottPlot;

namespace NeuroSim.Replay.Figures;

/// <summary>Stacked bars: a bar per category (epoch, layer), split into parts (phases of training, circuit blocks), in an SI-prefixed unit.</summary>
public static class StackedBarFigure
{
    /// <param name="unit">The values' unit without prefix (J, s): the axis takes the prefix that suits the largest bar.</param>
    public static byte[] Render(string title, string categoryLabel, IReadOnlyList<string> categories, string quantity, string unit, IReadOnlyList<StackPart> parts)
    {
        if (categories.Count == 0) throw new ArgumentException($"figure '{title}': no bars");
        if (parts.Any(p => p.Values.Count != categories.Count)) throw new ArgumentException($"figure '{title}': a part has not one value per bar");
        var totals = Enumerable.Range(0, categories.Count).Select(c => parts.Sum(p => p.Values[c])).ToArray();
        var scale = EngineeringUnit.For(totals, unit);
        var plot = Figure.Create(title, categoryLabel, $"{quantity} ({scale.Unit})");
        var bars = new List<Bar>();
        for (var c = 0; c < categories.Count; c++)
        {
            var bottom = 0.0;
            for (var p = 0; p < parts.Count; p++)
            {
                var v = parts[p].Values[c] / scale.Factor;
                bars.Add(new Bar { Position = c, ValueBase = bottom, Value = bottom + v, FillColor = Figure.Color(p), LineWidth = 0 });
                bottom += v;
            }
        }
        plot.Add.Bars(bars);
        for (var p = 0; p < parts.Count; p++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = parts[p].Name, FillColor = Figure.Color(p) });
        // Label every category when they fit, else every k-th.
        var step = Math.Max(1, (int)Math.Ceiling(categories.Count / 25.0));
        var ticks = Enumerable.Range(0, categories.Count).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(ticks.Select(i => (double)i).ToArray(), ticks.Select(i => categories[i]).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        return Figure.Png(plot);
    }
}
