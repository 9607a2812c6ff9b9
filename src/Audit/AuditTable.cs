using System.Globalization;

namespace NeuroSim.Replay.Audit;

/// <summary>Runs x (parameters, outcomes): what the audit's models learn from.</summary>
/// <param name="Source">"study NAME" or "runs FILTER".</param>
/// <param name="Notes">Runs left out and why, outcomes missing.</param>
public sealed record AuditTable(string Source, IReadOnlyList<string> Parameters, IReadOnlyList<AuditRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The outcomes at least one run has, in <see cref="AuditOutcome.All"/>'s order.</summary>
    public IReadOnlyList<AuditOutcome> Outcomes => [.. AuditOutcome.All.Where(o => Rows.Any(r => r.Outcomes.ContainsKey(o.Name)))];

    /// <summary>The range of each parameter over the runs.</summary>
    public (double Min, double Max) Range(int parameter) => (Rows.Min(r => r.Parameters[parameter]), Rows.Max(r => r.Parameters[parameter]));

    public string ToCsv()
    {
        var outcomes = Outcomes;
        var w = new System.Text.StringBuilder();
        w.AppendLine(string.Join(",", ["run", "point", "seed", .. Parameters, .. outcomes.Select(o => o.Name)]));
        foreach (var r in Rows)
            w.AppendLine(string.Join(",", [r.Run, r.Point.ToString(CultureInfo.InvariantCulture), r.Seed.ToString(CultureInfo.InvariantCulture),
                .. r.Parameters.Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
                .. outcomes.Select(o => r.Outcomes.TryGetValue(o.Name, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "")]));
        return w.ToString();
    }
}
