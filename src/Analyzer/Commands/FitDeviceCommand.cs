using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Device;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Devices;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Text;
using NeuroSim.Replay.Figures;

namespace NeuroSim.Replay.Analyzer.Commands;

/// <summary>
/// <c>fit-device FILE [--out DIR] [--name NAME] [--compare-a LTP,LTD]</c>: fits V2.0's device curve to measured LTP/LTD trains
/// (<see cref="DeviceCurveFitter"/>), prints the fit, and writes the device file (<see cref="DeviceFile"/>), the figure of data against
/// fit and the points with their residuals as CSV.
/// </summary>
public static class FitDeviceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE") { Description = "Measured curves: CSV with header curve,pulse,conductance (LTD pulses count depression pulses), or nonlinear_fit.m's two-column layout (LTP block, then LTD block on its reversed axis)." };
        var outDir = new Option<string?>("--out") { Description = "Folder for NAME.device.toml, NAME-fit.png and NAME-fit.csv (default: the current folder)." };
        var name = new Option<string?>("--name") { Description = "The device's name (default: the file's name)." };
        var compare = new Option<string?>("--compare-a") { Description = "A for LTP and LTD to set beside the fit, e.g. hand-picked values: 0.5,-0.2 (nonlinear_fit.m's)." };
        var cmd = new Command("fit-device", "Fit V2.0's device curve (A for LTP and LTD, Gmin, Gmax) to measured conductance curves; write a device file for record/replay --device and a figure.")
        { file, outDir, name, compare };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            var path = parse.GetValue(file)!;
            var measured = MeasuredCurvesFile.Read(path);
            var deviceName = parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(path);
            if (deviceName.Length == 0 || deviceName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || deviceName.Contains('/'))
                throw new ArgumentException($"--name: '{deviceName}' cannot name a file");
            (double, double)? against = parse.GetValue(compare) is { } c ? ParsePair(c) : null;
            DeviceFit fit;
            try { fit = DeviceCurveFitter.Fit(measured.Ltp, measured.Ltd); }
            catch (ArgumentException e) { throw new ArgumentException($"{path}: {e.Message}"); }
            if (!(fit.Gmin > 0)) throw new ArgumentException($"{path}: the fitted Gmin is {fit.Gmin:G3} S, not positive: the data do not fix the device's off state (no on/off ratio)");
            var hand = against is { } a ? DeviceCurveFitter.WithA(measured.Ltp, measured.Ltd, a.Item1, a.Item2) : null;

            foreach (var line in Report(path, measured, fit, hand)) await output.WriteLineAsync(line);
            var dir = parse.GetValue(outDir) ?? ".";
            AtomicFile.CreateFolder(dir);
            var deviceFile = Path.Combine(dir, deviceName + ".device.toml");
            var figure = Path.Combine(dir, deviceName + "-fit.png");
            var csv = Path.Combine(dir, deviceName + "-fit.csv");
            DeviceFileOf(deviceName, path, measured, fit).Write(deviceFile,
                [$"NeuroSim.Replay device file, written by ./neurosim fit-device from {Path.GetFileName(path)}",
                 "record --device FILE trains with [update]; replay --device FILE puts [chip] on every chip (cost and --accuracy)"]);
            AtomicFile.Write(figure, s => s.Write(DeviceFitFigure.Render(deviceName, measured.Ltp, measured.Ltd, fit)));
            AtomicFile.WriteText(csv, PointsCsv(measured, fit));
            await output.WriteLineAsync($"wrote {deviceFile} (./neurosim record --device {deviceFile}; ./neurosim replay RUN --device {deviceFile}), {figure} ({Figure.Width}x{Figure.Height}), {csv}");
            return 0;
        }));
        return cmd;
    }

    private static (double, double) ParsePair(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        double Parse(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v != 0 ? v
            : throw new ArgumentException($"--compare-a: '{s}' is not a non-zero number (expected A_LTP,A_LTD, e.g. 0.5,-0.2)");
        return parts.Length == 2 ? (Parse(parts[0]), Parse(parts[1])) : throw new ArgumentException($"--compare-a: '{text}': expected two values, A_LTP,A_LTD");
    }

    private static IEnumerable<string> Report(string path, MeasuredDevice m, DeviceFit fit, DeviceFit? hand)
    {
        static string F(double v, string format = "G4") => v.ToString(format, CultureInfo.InvariantCulture);
        yield return $"device fit of {path} ({m.Layout} layout: {m.Ltp.Count} LTP and {m.Ltd.Count} LTD points)";
        var table = new TextTable("curve", "A (P = 1)", "NL label (V2.0)", "Gmin (nS)", "Gmax (nS)", "pulses", "R²", "RMSE / (Gmax−Gmin)", "max |residual|", "C2C σ per pulse");
        foreach (var (label, c) in new[] { ("LTP", fit.Ltp), ("LTD", fit.Ltd) })
            table.Add(label, F(c.A), F(c.Label, "F2") + (c.OutsideTable ? " (outside V2.0's table)" : ""), F(c.Gmin * 1e9), F(c.Gmax * 1e9), F(c.PulseSpan), F(c.RSquared, "F4"), F(c.RmseNormalized, "F4"), F(c.MaxResidualNormalized, "F3"), F(c.C2C, "G3"));
        foreach (var line in table.ToString().Split('\n'))
            if (line.TrimEnd('\r').Length > 0) yield return line.TrimEnd('\r');
        yield return string.Create(CultureInfo.InvariantCulture,
            $"device (means of the two trains' ranges): Gmin {F(fit.Gmin * 1e9)} nS, Gmax {F(fit.Gmax * 1e9)} nS, on/off {F(fit.OnOffRatio, "G3")}, max_level {fit.MaxLevel}; both curves R² {F(fit.RSquared, "F4")}; c2cVari {F(fit.C2C, "G3")} (one-pulse-ahead residuals: read noise in the data counts as C2C)");
        if (hand is not null)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"given A {F(hand.Ltp.A)} / {F(hand.Ltd.A)} (same normalization): RMSE / (Gmax−Gmin) {F(hand.Ltp.RmseNormalized, "F4")} / {F(hand.Ltd.RmseNormalized, "F4")}, R² {F(hand.RSquared, "F4")}; " +
                $"the fit: {F(fit.Ltp.RmseNormalized, "F4")} / {F(fit.Ltd.RmseNormalized, "F4")}, R² {F(fit.RSquared, "F4")}");
    }

    /// <summary>The device file: labels on V2.0's table grid, resistances from the conductances (Ron = 1/Gmax), levels from the pulse spans.</summary>
    public static DeviceFile DeviceFileOf(string name, string source, MeasuredDevice m, DeviceFit fit)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string G(double v) => double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        return new DeviceFile(name,
            [
                new("nonlinearityLTP", N(fit.Ltp.TableLabel), Comment: $"A = {G(fit.Ltp.A)}" + (fit.Ltp.OutsideTable ? $"; the fit's label {G(fit.Ltp.Label)} lies outside V2.0's table (0.01-9)" : "")),
                new("nonlinearityLTD", N(fit.Ltd.TableLabel), Comment: $"A = {G(fit.Ltd.A)}" + (fit.Ltd.OutsideTable ? $"; the fit's label {G(fit.Ltd.Label)} lies outside V2.0's table (0.01-9)" : "")),
                new("max_level", $"{fit.MaxLevel}", Comment: "mean of the two trains' pulses"),
                new("c2cVari", G(fit.C2C), Comment: "σ per pulse in normalized conductance, from one-pulse-ahead residuals (d2dVari needs several devices)"),
            ],
            [
                new("resistanceOn", G(1 / fit.Gmax), Comment: $"1/Gmax (Ω); Gmax = {G(fit.Gmax)} S"),
                new("resistanceOff", G(1 / fit.Gmin), Comment: $"1/Gmin (Ω); on/off {G(fit.OnOffRatio)}"),
                new("maxNumLevelLTP", $"{Math.Max(1, (int)Math.Round(fit.Ltp.PulseSpan))}"),
                new("maxNumLevelLTD", $"{Math.Max(1, (int)Math.Round(fit.Ltd.PulseSpan))}"),
            ],
            [
                new("source", Path.GetFullPath(source)), new("layout", m.Layout),
                new("A_LTP", G(fit.Ltp.A)), new("A_LTD", G(fit.Ltd.A)), new("label_LTP", G(fit.Ltp.Label)), new("label_LTD", G(fit.Ltd.Label)),
                new("Gmin_S", G(fit.Gmin)), new("Gmax_S", G(fit.Gmax)), new("pulses_LTP", G(fit.Ltp.PulseSpan)), new("pulses_LTD", G(fit.Ltd.PulseSpan)),
                new("r_squared", G(fit.RSquared)), new("r_squared_LTP", G(fit.Ltp.RSquared)), new("r_squared_LTD", G(fit.Ltd.RSquared)),
                new("rmse_normalized_LTP", G(fit.Ltp.RmseNormalized)), new("rmse_normalized_LTD", G(fit.Ltd.RmseNormalized)),
                new("c2c_LTP", G(fit.Ltp.C2C)), new("c2c_LTD", G(fit.Ltd.C2C)),
            ]);
    }

    private static string PointsCsv(MeasuredDevice m, DeviceFit fit)
    {
        var w = new System.Text.StringBuilder("curve,pulse,conductance_S,fit_S,residual_normalized\n");
        foreach (var (label, curve, depression) in new[] { ("LTP", m.Ltp.Sorted(), false), ("LTD", m.Ltd.Sorted(), true) })
        {
            var start = curve.Pulses[0];
            for (var i = 0; i < curve.Count; i++)
            {
                var f = fit.Conductance(depression, curve.Pulses[i] - start);
                w.Append(string.Create(CultureInfo.InvariantCulture, $"{label},{curve.Pulses[i]:R},{curve.Conductances[i]:R},{f:R},{(curve.Conductances[i] - f) / (fit.Gmax - fit.Gmin):R}\n"));
            }
        }
        return w.ToString();
    }
}
