namespace NeuroSim.Replay.ChipModel.Device;

/// <summary>
/// A device fitted to measured LTP and LTD pulse trains: each train's curve (its A, its own Gmin and Gmax, as nonlinear_fit.m
/// normalizes each train by its own range), the device's conductance range (the means of the two trains'), and the goodness of fit.
/// </summary>
/// <param name="RSquared">1 − SSE/SST over both curves (each in units of its own range; SST about each curve's own mean).</param>
/// <param name="C2C">Pooled cycle-to-cycle variation per pulse (normalized conductance).</param>
public sealed record DeviceFit(double Gmin, double Gmax, CurveFit Ltp, CurveFit Ltd, double RSquared, double C2C)
{
    /// <summary>Gmax/Gmin (V2.0's on/off ratio, resistanceOff/resistanceOn).</summary>
    public double OnOffRatio => Gmax / Gmin;

    /// <summary>Conductance levels for training (V2.0's max_level, one for both directions): the mean pulse span, rounded.</summary>
    public int MaxLevel => Math.Max(2, (int)Math.Round((Ltp.PulseSpan + Ltd.PulseSpan) / 2));

    /// <summary>The conductance (S) the train's fit gives after <paramref name="pulse"/> pulses of a train starting at pulse 0.</summary>
    public double Conductance(bool depression, double pulse)
    {
        var curve = depression ? Ltd : Ltp;
        var x = Math.Clamp(pulse / curve.PulseSpan, 0, 1);
        var y = DeviceCurve.Value(depression ? 1 - x : x, curve.U);
        return curve.Gmin + (curve.Gmax - curve.Gmin) * y;
    }
}
