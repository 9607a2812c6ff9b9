using System.Globalization;

namespace NeuroSim.Replay.Core.Results;

/// <summary>One compared number: ours, the reference's, where it sits, and whether it matched.</summary>
public sealed record ComparedCell(string Where, double Ours, double Reference, double RelativeError, bool Matched);

/// <summary>The outcome of comparing a folder of V2.0-format results with a reference folder.</summary>
public sealed record V2ComparisonReport(IReadOnlyList<ComparedCell> Cells, IReadOnlyList<string> Skipped, double Tolerance)
{
    public int MatchedCount => Cells.Count(c => c.Matched);
    public bool AllMatched => Cells.All(c => c.Matched);
    public ComparedCell? Worst => Cells.OrderByDescending(c => c.RelativeError).FirstOrDefault();

    public string Summary =>
        $"matched {MatchedCount}/{Cells.Count} worst rel err {Worst?.RelativeError.ToString("G3", CultureInfo.InvariantCulture) ?? "0"} at {Worst?.Where ?? "-"}";
}

/// <summary>
/// Compares our V2.0-format result files with the reference's, number by number: the last
/// NeuroSim_Output.csv row, and every number of the epoch-0 breakdown in order. A reference folder may list
/// cells where the reference is known to be wrong in defects.txt (<c>output COL</c>, <c>breakdown LINE:COL</c>,
/// 1-based); those and the reference's NaN cells are skipped, but ours must be finite there.
/// Same rules as ../shared/tools/compare_v2.py.
/// </summary>
public static class V2ResultComparison
{
    public const double DefaultTolerance = 1e-4;

    public static V2ComparisonReport Compare(string oursDirectory, string referenceDirectory, double tolerance = DefaultTolerance)
    {
        var oursOutput = Path.Combine(oursDirectory, "NeuroSim_Output.csv");
        var refOutput = Path.Combine(referenceDirectory, "NeuroSim_Output.csv");
        var a = LastDataRow(oursOutput);
        var b = LastDataRow(refOutput);
        if (a.Length != b.Length)
            throw new FormatException($"{oursOutput}: {a.Length} numbers in the last row, reference {refOutput} has {b.Length}.");
        var pairs = new List<(double Ours, double Ref, string Where)>();
        for (var i = 0; i < a.Length; i++) pairs.Add((a[i], b[i], $"output {i + 1}"));

        // NeuroSim_Output.csv gains a row per epoch: its last row is the latest epoch, so the breakdowns compared are
        // the latest epoch both folders have (RD-75: the reference spells the file "Epock").
        var oursEpochs = Breakdowns(oursDirectory);
        var refEpochs = Breakdowns(referenceDirectory);
        var common = oursEpochs.Keys.Intersect(refEpochs.Keys).ToList();
        if (common.Count == 0)
            throw new FileNotFoundException($"no epoch has a breakdown in both folders: {Describe(oursDirectory, oursEpochs)}; {Describe(referenceDirectory, refEpochs)}.");
        var latest = common.Max();
        var oursBreakdown = oursEpochs[latest];
        var refBreakdown = refEpochs[latest];
        var no = Numbers(oursBreakdown);
        var nr = Numbers(refBreakdown);
        if (no.Count != nr.Count)
            throw new FormatException($"{oursBreakdown}: {no.Count} numbers, reference {refBreakdown} has {nr.Count}.");
        for (var i = 0; i < no.Count; i++) pairs.Add((no[i].Value, nr[i].Value, $"breakdown {nr[i].Where}"));

        var defects = ReadDefects(Path.Combine(referenceDirectory, "defects.txt"));
        var cells = new List<ComparedCell>();
        var skipped = new List<string>();
        foreach (var (ours, reference, where) in pairs)
        {
            if (defects.Contains(where) || double.IsNaN(reference))
            {
                if (!double.IsFinite(ours))
                    throw new InvalidDataException($"{where}: ours is {ours} where the reference is defective; it must be finite.");
                skipped.Add(where);
                continue;
            }
            var err = reference != 0 ? Math.Abs(ours - reference) / Math.Abs(reference) : Math.Abs(ours);
            var ok = err <= tolerance || (reference == 0 && Math.Abs(ours) < 1e-30);
            cells.Add(new ComparedCell(where, ours, reference, double.IsNaN(err) ? double.PositiveInfinity : err, ok));
        }
        return new V2ComparisonReport(cells, skipped, tolerance);
    }

    private static double[] LastDataRow(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found.", path);
        double[]? last = null;
        foreach (var line in File.ReadLines(path))
        {
            var cells = line.Trim().Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
            var values = new double[cells.Count];
            var numeric = cells.Count > 0;
            for (var i = 0; i < cells.Count && numeric; i++)
                numeric = TryParse(cells[i], out values[i]);
            if (numeric) last = values;
        }
        return last ?? throw new FormatException($"{path}: no row of numbers.");
    }

    /// <summary>The breakdown file of the latest epoch in a results folder, or null when it has none.</summary>
    public static string? LatestBreakdown(string directory)
    {
        var all = Breakdowns(directory);
        return all.Count == 0 ? null : all[all.Keys.Max()];
    }

    /// <summary>NeuroSim_Results_Each_Epoch/NeuroSim_Breakdown_Epoch_N.csv (or the reference's Epock_N, RD-75) by epoch N.</summary>
    private static Dictionary<int, string> Breakdowns(string directory)
    {
        var folder = Path.Combine(directory, "NeuroSim_Results_Each_Epoch");
        var found = new Dictionary<int, string>();
        if (!Directory.Exists(folder)) return found;
        foreach (var f in Directory.EnumerateFiles(folder, "NeuroSim_Breakdown_Epo*_*.csv"))
        {
            var m = System.Text.RegularExpressions.Regex.Match(Path.GetFileName(f), @"^NeuroSim_Breakdown_Epo(?:ch|ck)_(\d+)\.csv$");
            if (m.Success && int.TryParse(m.Groups[1].Value, out var epoch)) found.TryAdd(epoch, f);
        }
        return found;
    }

    private static string Describe(string directory, Dictionary<int, string> epochs) =>
        epochs.Count == 0
            ? $"{directory} has no NeuroSim_Results_Each_Epoch/NeuroSim_Breakdown_Epoch_N.csv"
            : $"{directory} has epoch(s) {string.Join(", ", epochs.Keys.Order())}";

    private static List<(double Value, string Where)> Numbers(string path)
    {
        var result = new List<(double, string)>();
        var ln = 0;
        foreach (var line in File.ReadLines(path))
        {
            ln++;
            var cells = line.Trim().Split(',');
            for (var cn = 0; cn < cells.Length; cn++)
                if (TryParse(cells[cn].Trim(), out var v))
                    result.Add((v, $"{ln}:{cn + 1}"));
        }
        return result;
    }

    /// <summary>
    /// Reads defects.txt into the cell names used by <see cref="Compare"/> ("output 11", "breakdown 14:12"); empty
    /// without the file; a malformed line is an error naming it.
    /// </summary>
    public static HashSet<string> ReadDefects(string path)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return set;
        var ln = 0;
        foreach (var raw in File.ReadLines(path))
        {
            ln++;
            var t = raw.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (t.Length == 0) continue;
            if (t.Length == 2 && t[0] == "output") set.Add($"output {t[1]}");
            else if (t.Length == 2 && t[0] == "breakdown") set.Add($"breakdown {t[1]}");
            else throw new FormatException($"{path}:{ln}: expected 'output COL' or 'breakdown LINE:COL', got '{raw.Trim()}'.");
        }
        return set;
    }

    private static bool TryParse(string cell, out double value)
    {
        if (cell.Equals("nan", StringComparison.OrdinalIgnoreCase) || cell.Equals("-nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (cell is "inf" or "-inf")
        {
            value = cell[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
