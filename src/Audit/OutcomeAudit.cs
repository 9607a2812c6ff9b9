namespace NeuroSim.Replay.Audit;

/// <summary>
/// One outcome's model: its cross-validated quality (folds keep a design point's seeds together, so a fold's runs are at points the
/// model did not train on; R², mean absolute and root-mean-square error over all held-out runs, and R² per fold), the parameters'
/// permutation importance (largest first), and partial dependence on the top parameters.
/// </summary>
public sealed record OutcomeAudit(AuditOutcome Outcome, int Runs, int Folds, double RSquared, double Mae, double Rmse, double FoldRSquaredMean, double FoldRSquaredSpread,
    IReadOnlyList<ParameterImportance> Importance, IReadOnlyList<PartialDependence> Dependence);
