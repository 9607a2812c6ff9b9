namespace NeuroSim.Replay.Audit;

/// <summary>
/// Permutation feature importance of one parameter for one outcome: how much R² drops when the parameter's values are shuffled
/// between runs (mean over the permutations, and their standard deviation: the spread).
/// </summary>
public sealed record ParameterImportance(string Parameter, double Mean, double Spread);
