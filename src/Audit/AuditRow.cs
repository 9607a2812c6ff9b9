namespace NeuroSim.Replay.Audit;

/// <summary>One run of the audit: its parameters' values (in the table's order) and the outcomes it has (a replay's only where replayed).</summary>
public sealed record AuditRow(string Run, int Point, long Seed, IReadOnlyList<double> Parameters, IReadOnlyDictionary<string, double> Outcomes);
