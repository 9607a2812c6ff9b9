namespace NeuroSim.Replay.Figures;

/// <summary>A configuration in a trade-off figure: its label and its two figures.</summary>
public sealed record ParetoPoint(string Label, double X, double Y);
