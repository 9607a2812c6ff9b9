using ScottPlot;

namespace NeuroSim.Replay.Figures;

/// <summary>
/// A trade-off: every configuration as a point (x to minimize, y to maximize or minimize), the Pareto front (the points no other
/// point beats in both) joined and marked, each point labelled.
/// </summary>
public static class ParetoFigure
{
    /// <summary>The indices of the non-dominated points (lower x is better; higher y when <paramref name="maximizeY"/>, else lower).</summary>
    public static IReadOnlyList<int> Front(IReadOnlyList<ParetoPoint> points, bool maximizeY)
    {
        bool Better(double a, double b) => maximizeY ? a > b : a < b;
        return [.. Enumerable.Range(0, points.Count).Where(i => !Enumerable.Range(0, points.Count).Any(j => j != i
            && points[j].X <= points[i].X && (maximizeY ? points[j].Y >= points[i].Y : points[j].Y <= points[i].Y)
            && (points[j].X < points[i].X || Better(points[j].Y, points[i].Y))))
            .OrderBy(i => points[i].X)];
    }

    public static byte[] Render(string title, string xQuantity, string xUnit, string yQuantity, string yUnit, IReadOnlyList<ParetoPoint> points, bool maximizeY)
    {
        if (points.Count == 0) throw new ArgumentException($"figure '{title}': no points");
        var xs = EngineeringUnit.For(points.Select(p => p.X), xUnit);
        // Units with a power (mm²) or percentages are taken as given; others get an SI prefix.
        var ys = yUnit.Any(char.IsDigit) || yUnit.Contains('²') || yUnit == "%" ? new EngineeringUnit(1, yUnit) : EngineeringUnit.For(points.Select(p => p.Y), yUnit);
        var plot = Figure.Create(title, $"{xQuantity} ({xs.Unit})", $"{yQuantity} ({ys.Unit})");
        var all = plot.Add.ScatterPoints(xs.Scale(points.Select(p => p.X)), ys.Scale(points.Select(p => p.Y)), Figure.Color(0));
        all.LegendText = "configuration";
        all.MarkerSize = 10;
        var front = Front(points, maximizeY);
        var line = plot.Add.ScatterLine(xs.Scale(front.Select(i => points[i].X)), ys.Scale(front.Select(i => points[i].Y)), Figure.Color(3));
        line.LegendText = "Pareto front";
        line.LineWidth = 2.5f;
        line.MarkerSize = 13;
        line.MarkerShape = MarkerShape.OpenCircle;
        line.MarkerLineWidth = 2.5f;
        // The front's attainment line: from each point along x to the next point's x, then to its y.
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        if (points.Count <= 40)
            foreach (var p in points)
            {
                var text = plot.Add.Text(p.Label, p.X / xs.Factor, p.Y / ys.Factor);
                text.LabelFontSize = 12;
                text.LabelFontName = Figure.FontName;
                text.LabelOffsetX = 8;
                text.LabelOffsetY = -8;
            }
        // Room for the labels, written to the right of their points.
        var (x0, x1) = (points.Min(p => p.X) / xs.Factor, points.Max(p => p.X) / xs.Factor);
        var (y0, y1) = (points.Min(p => p.Y) / ys.Factor, points.Max(p => p.Y) / ys.Factor);
        var (dx, dy) = (x1 > x0 ? x1 - x0 : Math.Max(Math.Abs(x0), 1) * 0.1, y1 > y0 ? y1 - y0 : Math.Max(Math.Abs(y0), 1) * 0.1);
        plot.Axes.SetLimits(x0 - 0.06 * dx, x1 + 0.35 * dx, y0 - 0.08 * dy, y1 + 0.08 * dy);
        plot.ShowLegend(Edge.Bottom);
        return Figure.Png(plot);
    }
}
