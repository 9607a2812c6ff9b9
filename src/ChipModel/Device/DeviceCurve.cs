namespace NeuroSim.Replay.ChipModel.Device;

/// <summary>
/// V2.0's device update curve in normalized units (Chen et al., IEEE TCAD 2018; V2.0 Documents/nonlinear_fit.m):
/// the conductance y ∈ [0, 1] after a normalized pulse number x ∈ [0, 1] is y = B·(1 − e^(−x/A)) with B = 1/(1 − e^(−1/A)).
/// A &gt; 0 bends the curve down (steps shrink as x grows: saturating potentiation); A &lt; 0 bends it up. In the script's
/// convention the depression curve is drawn on the same axis, x running from 1 (Gmax) back to 0 as depression pulses
/// are applied, so a depression that saturates (large steps first) has A &lt; 0. Written with u = 1/A so that the linear
/// device (|A| → ∞) is u = 0.
/// </summary>
public static class DeviceCurve
{
    /// <summary>y(x) for u = 1/A; y = x when u = 0.</summary>
    public static double Value(double x, double u) =>
        Math.Abs(u) < 1e-9 ? x : double.ExpM1(-u * x) / double.ExpM1(-u);

    /// <summary>x(y), the inverse of <see cref="Value"/> (y clamped to [0, 1]).</summary>
    public static double Inverse(double y, double u)
    {
        y = Math.Clamp(y, 0, 1);
        if (Math.Abs(u) < 1e-9) return y;
        // For u < 0 through the point symmetry y(x; −u) = 1 − y(1 − x; u), so the logarithm's argument never cancels to 0.
        return u > 0 ? -Math.Log((1 - y) + y * Math.Exp(-u)) / u : 1 - Inverse(1 - y, -u);
    }

    /// <summary>
    /// One pulse train with cycle-to-cycle variation, as the script models it: each of <paramref name="pulses"/> pulses moves
    /// the device along the curve by 1/pulses from where its conductance says it is, plus N(0, <paramref name="c2c"/>) in
    /// normalized conductance, clamped to [0, 1]. Potentiation starts at y = 0 and steps x up; depression (<paramref name="depress"/>)
    /// starts at y = 1 and steps x down. Returns the normalized conductance after 0 … pulses pulses.
    /// </summary>
    public static double[] Walk(double u, int pulses, double c2c, bool depress, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pulses, 1);
        var y = new double[pulses + 1];
        y[0] = depress ? 1 : 0;
        var step = (depress ? -1.0 : 1.0) / pulses;
        for (var n = 0; n < pulses; n++)
        {
            var x = Inverse(y[n], u) + step;
            y[n + 1] = Math.Clamp(Value(x, u) + c2c * Gaussian(random), 0, 1);
        }
        return y;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
