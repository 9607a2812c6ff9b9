using System.Globalization;

namespace NeuroSim.Replay.Audit;

/// <summary>
/// A point the audit is asked about (<c>--predict key=value…</c>): the parameters' values in the table's order (those not given at the
/// median of the studied values), which were defaulted, and which lie outside the studied ranges (the model extrapolates there: a
/// tree model holds its edge value).
/// </summary>
public sealed record AuditPrediction(IReadOnlyList<double> Values, IReadOnlyList<string> Defaulted, IReadOnlyList<string> OutsideRange)
{
    public static AuditPrediction Of(AuditTable table, IEnumerable<string> settings)
    {
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in settings)
        {
            var eq = s.IndexOf('=');
            if (eq <= 0 || !double.TryParse(s[(eq + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw new ArgumentException($"--predict: '{s}' is not key=number");
            var key = s[..eq].Trim();
            if (!table.Parameters.Contains(key))
                throw new ArgumentException($"--predict: '{key}' is not a parameter of the audit ({string.Join(", ", table.Parameters)})");
            if (!given.TryAdd(key, v)) throw new ArgumentException($"--predict: '{key}' is given twice");
        }
        var values = new List<double>();
        var defaulted = new List<string>();
        var outside = new List<string>();
        for (var i = 0; i < table.Parameters.Count; i++)
        {
            var key = table.Parameters[i];
            var (min, max) = table.Range(i);
            if (given.TryGetValue(key, out var v))
            {
                if (v < min || v > max) outside.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {v:G4} is outside the studied {min:G4}..{max:G4}"));
            }
            else
            {
                var sorted = table.Rows.Select(r => r.Parameters[i]).Order().ToList();
                v = sorted[sorted.Count / 2];
                defaulted.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {v:G4} (median)"));
            }
            values.Add(v);
        }
        return new AuditPrediction(values, defaulted, outside);
    }
}
