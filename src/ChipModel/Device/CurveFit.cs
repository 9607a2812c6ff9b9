namespace NeuroSim.Replay.ChipModel.Device;

/// <summary>
/// The fit of one pulse train (LTP or LTD) to V2.0's device curve.
/// </summary>
/// <param name="A">The curve parameter for a pulse range of 1 (V2.0's normalized A; the wrapper's A is A·max_level).</param>
/// <param name="Gmin">The train's lowest conductance (S): the low end of its normalization, as nonlinear_fit.m's.</param>
/// <param name="Gmax">The train's highest conductance (S).</param>
/// <param name="Label">The nonlinearity label of A by V2.0's NL↔A relation (signed as A; may lie outside the table's 0.01–9).</param>
/// <param name="PulseSpan">Pulses the measured train spans (its conductance levels).</param>
/// <param name="RSquared">1 − SSE/SST of the conductances.</param>
/// <param name="Rmse">Root-mean-square residual (S).</param>
/// <param name="RmseNormalized">The same over Gmax − Gmin.</param>
/// <param name="MaxResidualNormalized">Largest |residual| over Gmax − Gmin.</param>
/// <param name="C2C">Cycle-to-cycle variation per pulse, in normalized conductance, from the one-pulse-ahead residuals.</param>
public sealed record CurveFit(double A, double Label, double Gmin, double Gmax, double PulseSpan, int Points, double RSquared, double Rmse, double RmseNormalized,
    double MaxResidualNormalized, double C2C)
{
    /// <summary>1/A (0: linear).</summary>
    public double U => double.IsInfinity(A) ? 0 : 1 / A;

    /// <summary>The label rounded to V2.0's table grid (hundredths) and clamped to it, as a device file holds it.</summary>
    public double TableLabel => Math.Sign(Label) * Math.Clamp(Math.Round(Math.Abs(Label), 2), Nonlinearity.MinLabel, Nonlinearity.MaxLabel);

    /// <summary>Whether the label lies outside V2.0's table (0.01–9).</summary>
    public bool OutsideTable => Math.Abs(Label) < Nonlinearity.MinLabel || Math.Abs(Label) > Nonlinearity.MaxLabel;
}
