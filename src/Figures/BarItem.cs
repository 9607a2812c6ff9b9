namespace NeuroSim.Replay.Figures;

/// <summary>One bar with its spread (drawn as an error bar, e.g. ± one standard deviation).</summary>
public sealed record BarItem(string Label, double Value, double Spread);
