namespace NeuroSim.Replay.Figures;

/// <summary>One part of stacked bars (e.g. the forward pass's energy), a value per category.</summary>
public sealed record StackPart(string Name, IReadOnlyList<double> Values);
