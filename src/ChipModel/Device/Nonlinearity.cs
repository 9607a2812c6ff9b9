namespace NeuroSim.Replay.ChipModel.Device;

/// <summary>
/// The synaptic device's update curve (NeuroSim's nonlinear weight update; Chen et al., IEEE TCAD 2018): with p
/// pulses out of P, the normalized conductance follows G(p) = B·(1 − e^(−p/A)) with B = 1/(1 − e^(−P/A)). The
/// nonlinearity label NL names how far that curve bows from linear: its largest distance to the diagonal, measured
/// perpendicular to it in normalized units, is 0.07·NL. V2.0 tabulates A (for P = 1) at NL = 0.01 … 9.00 and looks
/// labels up truncated to that grid (RD-80); we solve the same definition and round to six decimals, so each entry
/// equals V2.0's printed value or is one unit of the sixth decimal off.
/// </summary>
public static class Nonlinearity
{
    /// <summary>Perpendicular distance to the diagonal per unit of NL.</summary>
    public const double DistancePerLabel = 0.07;
    public const double MinLabel = 0.01, MaxLabel = 9.00;

    private static readonly double[] Table = BuildTable();

    /// <summary>
    /// A for a pulse range of 1 (multiply by max_level for the wrapper's A), signed as the label: RD-80, V2.0's
    /// GetParamA, which truncates |NL|·100 in single precision and clamps it to 1 … 900.
    /// </summary>
    public static double NormalizedA(double label)
    {
        var hundredths = (int)((float)Math.Abs(label) * 100f);   // numpy float32 astype(int)
        var index = Math.Clamp(hundredths - 1, 0, Table.Length - 1);
        return Math.Sign(label) * Table[index];
    }

    /// <summary>B = 2 / (1 − e^(−maxLevel/A)): the curve's scale when weights span [−1, 1] over maxLevel pulses (V2.0 GetParamB).</summary>
    public static double ParamB(double a, double maxLevel) => 2 / (1 - Math.Exp(-maxLevel / a));

    /// <summary>The curve's largest normalized bow above the diagonal for a given A (P = 1), vertical distance.</summary>
    public static double MaxBow(double a)
    {
        var e = -double.ExpM1(-1 / a);
        var p = Math.Clamp(-a * Math.Log(a * e), 0, 1);   // where G'(p) = 1
        return -double.ExpM1(-p / a) / e - p;
    }

    /// <summary>Solves <see cref="MaxBow"/>(A) = √2·0.07·NL for A &gt; 0 (the bow shrinks as A grows).</summary>
    public static double SolveA(double label)
    {
        var target = Math.Sqrt(2) * DistancePerLabel * label;
        double lo = 1e-4, hi = 1e6;
        for (var i = 0; i < 200; i++)
        {
            var mid = Math.Sqrt(lo * hi);
            if (MaxBow(mid) > target) lo = mid; else hi = mid;
        }
        return Math.Sqrt(lo * hi);
    }

    /// <summary>
    /// The label of a curve parameter (P = 1): the inverse of <see cref="SolveA"/>, signed as A (V2.0's table read the
    /// other way: NL = bow(|A|) / (√2·0.07)). Not clamped: a result beyond <see cref="MaxLabel"/> lies outside V2.0's table.
    /// </summary>
    public static double Label(double normalizedA)
    {
        if (normalizedA == 0 || double.IsNaN(normalizedA)) throw new ArgumentOutOfRangeException(nameof(normalizedA), normalizedA, "A must be non-zero");
        if (double.IsInfinity(normalizedA)) return 0;
        return Math.Sign(normalizedA) * MaxBow(Math.Abs(normalizedA)) / (Math.Sqrt(2) * DistancePerLabel);
    }

    private static double[] BuildTable()
    {
        var t = new double[900];
        // RD-80: rounded to six decimals, as V2.0 prints its table (each entry then equals V2.0's or is one unit of the sixth decimal off).
        for (var i = 0; i < t.Length; i++) t[i] = Math.Round(SolveA((i + 1) / 100.0), 6);
        return t;
    }
}
