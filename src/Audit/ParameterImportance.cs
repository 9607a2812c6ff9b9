namespace NeuroSim.Replay.Audit;

/// <summary>
/// Permutation feature importance of one parameter for one outcome: how much R² drops when the parameter's values are shuffled
/// between runs (mean over the permutations, and their standard deviation: the spread).
/// </summary>
public sealed record ParameterImportance(string Parameter, double Mean, double Spread)
{
    /// <summary>"0.853 ± 0.061" (three decimals; a mean that rounds to zero is shown as 0.000, without a sign).</summary>
    public string Text => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Math.Abs(Mean) < 0.0005 ? 0 : Mean):F3} ± {Spread:F3}");
}
