using System.Globalization;
using NeuroSim.Replay.ChipModel.Device;
using ScottPlot;

namespace NeuroSim.Replay.Figures;

/// <summary>
/// The device fit: measured conductance against pulse number over one potentiation–depression cycle (the LTD train drawn after
/// the LTP train), the fitted curves over them, and the fit's figures in a note.
/// </summary>
public static class DeviceFitFigure
{
    public static byte[] Render(string name, MeasuredCurve ltp, MeasuredCurve ltd, DeviceFit fit)
    {
        var plot = Figure.Create($"Device fit: {name}", "pulse number (LTP, then LTD)", "conductance (nS)");
        const double nano = 1e9;
        var ltpStart = ltp.Pulses.Min();
        var ltdStart = ltd.Pulses.Min();
        var offset = ltp.Span;
        var dataLtp = plot.Add.ScatterPoints(ltp.Pulses.Select(p => p - ltpStart).ToArray(), ltp.Conductances.Select(g => g * nano).ToArray(), Figure.Color(0));
        dataLtp.LegendText = "measured LTP";
        dataLtp.MarkerSize = 7;
        var dataLtd = plot.Add.ScatterPoints(ltd.Pulses.Select(p => offset + p - ltdStart).ToArray(), ltd.Conductances.Select(g => g * nano).ToArray(), Figure.Color(3));
        dataLtd.LegendText = "measured LTD";
        dataLtd.MarkerSize = 7;
        dataLtd.MarkerShape = MarkerShape.OpenCircle;
        const int steps = 200;
        var xs = Enumerable.Range(0, steps + 1).Select(i => fit.Ltp.PulseSpan * i / steps).ToArray();
        var fitLtp = plot.Add.ScatterLine(xs, xs.Select(p => fit.Conductance(false, p) * nano).ToArray(), Figure.Color(0));
        fitLtp.LegendText = string.Create(CultureInfo.InvariantCulture, $"fit LTP: A = {fit.Ltp.A:G3}, NL = {fit.Ltp.Label:F2}");
        fitLtp.LineWidth = 3;
        var xd = Enumerable.Range(0, steps + 1).Select(i => fit.Ltd.PulseSpan * i / steps).ToArray();
        var fitLtd = plot.Add.ScatterLine(xd.Select(p => offset + p).ToArray(), xd.Select(p => fit.Conductance(true, p) * nano).ToArray(), Figure.Color(3));
        fitLtd.LegendText = string.Create(CultureInfo.InvariantCulture, $"fit LTD: A = {fit.Ltd.A:G3}, NL = {fit.Ltd.Label:F2}");
        fitLtd.LineWidth = 3;
        fitLtd.LinePattern = LinePattern.Dashed;
        plot.ShowLegend(Alignment.UpperRight);
        var note = plot.Add.Annotation(string.Create(CultureInfo.InvariantCulture,
            $"device: Gmin {fit.Gmin * nano:G4} nS, Gmax {fit.Gmax * nano:G4} nS, on/off {fit.OnOffRatio:G3} (means of the two trains' ranges)\n" +
            $"levels {fit.Ltp.PulseSpan:G4} (LTP) / {fit.Ltd.PulseSpan:G4} (LTD); R² {fit.RSquared:F3}; C2C σ {fit.C2C:G3} per pulse"), Alignment.UpperLeft);
        note.LabelFontSize = 15;
        note.LabelFontName = Figure.FontName;
        return Figure.Png(plot);
    }
}
