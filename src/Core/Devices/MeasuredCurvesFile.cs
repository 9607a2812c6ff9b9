using System.Globalization;
using NeuroSim.Replay.ChipModel.Device;

namespace NeuroSim.Replay.Core.Devices;

/// <summary>
/// Reads measured conductance curves for <c>fit-device</c>. Two layouts:
/// <list type="bullet">
/// <item>CSV with the header <c>curve,pulse,conductance</c> (columns in any order, names case-insensitive): <c>curve</c> is
/// LTP or LTD, <c>pulse</c> the pulse number counted from the start of that train (for LTD the depression pulses, so the
/// conductance falls), <c>conductance</c> in siemens.</item>
/// <item>The two-column layout of V2.0's Documents/nonlinear_fit.m: lines of "pulse conductance" (spaces, tabs or a comma),
/// the LTP block first, then the LTD block, separated by any non-numeric line (a blank line, a comment, a name); as in that
/// script, the LTD block's pulse axis runs backwards (its conductance rises along it) and is turned around on reading.</item>
/// </list>
/// Lines starting with '#' or '%' are comments. Every error names the file and line.
/// </summary>
public static class MeasuredCurvesFile
{
    public static MeasuredDevice Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        var lines = File.ReadAllLines(path);
        var first = Array.FindIndex(lines, l => !IsComment(l) && l.Trim().Length > 0);
        if (first < 0) throw new ArgumentException($"{path}: no data (expected a 'curve,pulse,conductance' header or two columns of numbers)");
        return Numbers(lines[first]) is null ? ReadCsv(path, lines, first) : ReadTwoColumn(path, lines);
    }

    private static bool IsComment(string line) => line.TrimStart().StartsWith('#') || line.TrimStart().StartsWith('%');

    private static double[]? Numbers(string line)
    {
        var parts = line.Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) return null;
        return values;
    }

    private static MeasuredDevice ReadCsv(string path, string[] lines, int headerLine)
    {
        var header = lines[headerLine].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i
            : throw new ArgumentException($"{path}:{headerLine + 1}: the header has no '{name}' column (expected curve,pulse,conductance)");
        var (c, p, g) = (Column("curve"), Column("pulse"), Column("conductance"));
        if (header.FirstOrDefault(h => h is not ("curve" or "pulse" or "conductance")) is { } extra)
            throw new ArgumentException($"{path}:{headerLine + 1}: unknown column '{extra}' (expected curve,pulse,conductance)");
        var trains = new Dictionary<string, (List<double> P, List<double> G, int Line)>();
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (IsComment(lines[i]) || lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split(',').Select(x => x.Trim()).ToArray();
            if (cells.Length != header.Count) throw new ArgumentException($"{path}:{i + 1}: {cells.Length} fields, the header has {header.Count}");
            var curve = cells[c].ToUpperInvariant();
            if (curve is not ("LTP" or "LTD")) throw new ArgumentException($"{path}:{i + 1}: curve '{cells[c]}' is not LTP or LTD");
            var pulse = Number(path, i, "pulse", cells[p]);
            var conductance = Number(path, i, "conductance", cells[g]);
            if (!trains.TryGetValue(curve, out var t)) trains[curve] = t = ([], [], i + 1);
            t.P.Add(pulse);
            t.G.Add(conductance);
        }
        MeasuredCurve Train(string name) => trains.TryGetValue(name, out var t) ? new MeasuredCurve(t.P, t.G)
            : throw new ArgumentException($"{path}: no {name} points (a device needs both an LTP and an LTD train)");
        var ltp = Train("LTP");
        var ltd = Train("LTD");
        Direction(path, trains["LTP"].Line, "LTP", ltp, rising: true, "an LTP train's conductance rises with its pulses");
        Direction(path, trains["LTD"].Line, "LTD", ltd, rising: false,
            "in this layout LTD pulses count the depression pulses from the train's start, so the conductance falls (nonlinear_fit.m's reversed axis is its two-column layout)");
        return new MeasuredDevice(ltp, ltd, "csv");
    }

    private static MeasuredDevice ReadTwoColumn(string path, string[] lines)
    {
        var blocks = new List<(List<double> P, List<double> G, int Line)>();
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            // nonlinear_fit.m's own text also reads: "exp_LTP_raw=[   0	2.92308E-09" … "97.4286	4.17692E-08];"
            var text = lines[i].IndexOf('[') is var open and >= 0 ? lines[i][(open + 1)..] : lines[i];
            var values = IsComment(text) ? null : Numbers(text.Replace("]", " ").Replace(";", " "));
            if (values is null) { inBlock = false; continue; }
            if (values.Length != 2) throw new ArgumentException($"{path}:{i + 1}: {values.Length} numbers; the two-column layout has a pulse number and a conductance per line");
            if (!inBlock) { blocks.Add(([], [], i + 1)); inBlock = true; }
            blocks[^1].P.Add(values[0]);
            blocks[^1].G.Add(values[1]);
        }
        if (blocks.Count != 2)
            throw new ArgumentException($"{path}: {blocks.Count} block(s) of numbers; the two-column layout has two, LTP then LTD, separated by a non-numeric line" +
                (blocks.Count > 2 ? $" (the third starts at line {blocks[2].Line})" : ""));
        var ltp = new MeasuredCurve(blocks[0].P, blocks[0].G);
        var reversed = new MeasuredCurve(blocks[1].P, blocks[1].G);
        Direction(path, blocks[0].Line, "LTP", ltp, rising: true, "an LTP train's conductance rises with its pulses");
        Direction(path, blocks[1].Line, "LTD", reversed, rising: true,
            "in nonlinear_fit.m's layout the LTD block's axis runs backwards, so its conductance rises along it (CSV files with a header count depression pulses instead)");
        // Turn the script's axis around: depression pulses from the train's start.
        var end = reversed.Pulses.Max();
        var ltd = new MeasuredCurve([.. reversed.Pulses.Select(p => end - p)], reversed.Conductances);
        return new MeasuredDevice(ltp, ltd, "two-column");
    }

    private static double Number(string path, int line, string column, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"{path}:{line + 1}: {column} '{text}' is not a number");

    /// <summary>The train's trend (least-squares slope of conductance on pulse) must have the expected sign.</summary>
    private static void Direction(string path, int line, string name, MeasuredCurve curve, bool rising, string why)
    {
        if (curve.Count < 2) return;
        var mp = curve.Pulses.Average();
        var mg = curve.Conductances.Average();
        var slope = curve.Pulses.Zip(curve.Conductances, (p, g) => (p - mp) * (g - mg)).Sum();
        if (rising ? slope <= 0 : slope >= 0)
            throw new ArgumentException($"{path}:{line}: the {name} points' conductance {(slope > 0 ? "rises" : slope < 0 ? "falls" : "stays flat")} with the pulse number; {why}");
    }
}
