namespace NeuroSim.Replay.Figures;

/// <summary>One line of a line figure: its legend text, points, and optionally a dashed line and ± error bands per point.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false, IReadOnlyList<double>? Error = null);
