namespace NeuroSim.Replay.Audit;

/// <summary>
/// One outcome's model: its cross-validated quality (folds keep a design point's seeds together, so a fold's runs are at points the
/// model did not train on; R², mean absolute and root-mean-square error over all held-out runs, and R² per fold), the parameters'
/// permutation importance (largest first), and partial dependence on the top parameters. <see cref="RelativeSpread"/>: the outcome's
/// standard deviation over the runs relative to its mean; where it is tiny the parameters barely move the outcome and R² and importance
/// measure noise (<see cref="BarelyVaries"/>).
/// </summary>
public sealed record OutcomeAudit(AuditOutcome Outcome, int Runs, int Folds, double RSquared, double Mae, double Rmse, double FoldRSquaredMean, double FoldRSquaredSpread,
    IReadOnlyList<ParameterImportance> Importance, IReadOnlyList<PartialDependence> Dependence, double RelativeSpread)
{
    /// <summary>Below this relative spread (0.1 %) an outcome counts as not moved by the studied parameters.</summary>
    public const double NegligibleSpread = 1e-3;

    public bool BarelyVaries => RelativeSpread < NegligibleSpread;
}
