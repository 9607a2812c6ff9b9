namespace NeuroSim.Replay.Audit;

/// <summary>The model's outcome averaged over the runs with one parameter set to each value of a grid over its studied range.</summary>
public sealed record PartialDependence(string Parameter, IReadOnlyList<double> Values, IReadOnlyList<double> Outcome, bool LogScale);
