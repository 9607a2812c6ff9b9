namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// Upper bounds of <see cref="MultilevelSenseAmp.ColumnLatency"/> over narrow bands of the (normalized) column
/// resistance x, so that a conversion can skip every column that cannot beat the slowest one found so far without
/// evaluating its fits. The latency of a column is max over the levels i of tMax(x)·fit(R_ref,i / x) (or 1 ns where
/// the ratio leaves the fits' range 0.05–20); over a band [x_a, x_b) tMax lies between its values at the ends (it is
/// monotonic in x) and every ratio between R_ref,first / x_b and R_ref,last / x_a, where the fit's extremes are at the
/// ends or at its turning points. Bands are the doubles sharing their top 20 bits (256 bands an octave); outside the
/// range where some ratio is in the fits' range every level reads 1 ns. A margin of 1e-9 of the numbers' magnitude
/// covers rounding (the evaluation's own error is about 1e-15 of it), so skipping is exact.
/// </summary>
internal sealed class ColumnLatencyBounds
{
    private const int BandShift = 44;
    private const double OutOfRange = 1e-9;
    private const double LowRatio = 0.05, PieceRatio = 0.9, HighRatio = 20;
    private readonly double[] _bound;
    private readonly long _firstBand;
    private readonly double _low, _high;
    private readonly double _largest;

    private ColumnLatencyBounds(double[] bound, long firstBand, double low, double high)
    {
        (_bound, _firstBand, _low, _high) = (bound, firstBand, low, high);
        _largest = bound.Length == 0 ? 0 : Math.Max(OutOfRange, bound.Max());
    }

    /// <summary>Whether no column's latency can exceed <paramref name="latency"/> (whatever its resistance).</summary>
    public bool NeverAbove(double latency) => _largest <= latency;

    /// <summary>An upper bound of the latency of a column of normalized resistance <paramref name="x"/> (&gt; 0).</summary>
    public double AtMost(double x)
    {
        if (!(x >= _low && x <= _high)) return _bound.Length == 0 ? 0 : OutOfRange;
        return _bound[(BitConverter.DoubleToInt64Bits(x) >> BandShift) - _firstBand];
    }

    /// <param name="rref">The comparators' reference resistances (levels 1 … L−2 are scanned, as the reference does).</param>
    public static ColumnLatencyBounds For(MultilevelSenseAmp.LatencyFit fit, double[] rref)
    {
        const int first = 1;
        var last = rref.Length - 1;
        if (last < first) return new ColumnLatencyBounds([], 0, 1, 0);   // no level scanned: every column reads 0
        // Beyond these, every level's ratio is at or past 20 (below) or 0.05 (above): 1 ns.
        var low = rref[first] / HighRatio * (1 - 1e-9);
        var high = rref[last] / LowRatio * (1 + 1e-9);
        var firstBand = BitConverter.DoubleToInt64Bits(low) >> BandShift;
        var lastBand = BitConverter.DoubleToInt64Bits(high) >> BandShift;
        var cubic = fit.Low;
        var quartic = fit.High;
        var bound = new double[lastBand - firstBand + 1];
        for (var b = firstBand; b <= lastBand; b++)
        {
            var xa = BitConverter.Int64BitsToDouble(b << BandShift);
            var xb = BitConverter.Int64BitsToDouble((b + 1) << BandShift);
            double TMax(double x) => (fit.A * Math.Log(x / 1000) + fit.B) * 1e-9;
            var (ta, tb) = (TMax(xa), TMax(xb));
            var (rhoLo, rhoHi) = (rref[first] / xb, rref[last] / xa);
            var best = 0.0;
            var magnitude = 0.0;
            void Piece(double[] poly, double lo, double hi)
            {
                if (!(lo <= hi)) return;
                var (min, max) = Range(poly, lo, hi);
                foreach (var t in new[] { ta * max, tb * max, ta * min, tb * min }) best = Math.Max(best, t);
                magnitude = Math.Max(magnitude, Math.Max(Math.Abs(ta), Math.Abs(tb)) * AbsoluteSize(poly, Math.Max(1, hi)));
            }
            Piece(cubic, Math.Max(rhoLo, LowRatio), Math.Min(rhoHi, PieceRatio));
            Piece(quartic, Math.Max(rhoLo, PieceRatio), Math.Min(rhoHi, HighRatio));
            // A level out of the fits' range reads exactly 1 ns; the fits' values get the rounding margin.
            var outOfRange = rhoLo <= LowRatio || rhoHi >= HighRatio ? OutOfRange : 0;
            bound[b - firstBand] = Math.Max(outOfRange, best + 1e-9 * magnitude + 1e-30);
        }
        return new ColumnLatencyBounds(bound, firstBand, low, high);
    }

    /// <summary>Smallest and largest value of a polynomial (coefficients highest power first) on [lo, hi].</summary>
    private static (double Min, double Max) Range(double[] poly, double lo, double hi)
    {
        var (min, max) = (Math.Min(Eval(poly, lo), Eval(poly, hi)), Math.Max(Eval(poly, lo), Eval(poly, hi)));
        foreach (var r in Roots(Derivative(poly), lo, hi))
        {
            var v = Eval(poly, r);
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }
        return (min, max);
    }

    /// <summary>
    /// The real roots of a polynomial on [lo, hi] where it changes sign: between consecutive roots of its derivative
    /// it is monotonic, so each such piece holds at most one, found by bisection.
    /// </summary>
    private static List<double> Roots(double[] poly, double lo, double hi)
    {
        var degree = poly.Length - 1;
        if (degree <= 0) return [];
        if (degree == 1) return poly[0] != 0 && -poly[1] / poly[0] is var r && r >= lo && r <= hi ? [r] : [];
        var cuts = new List<double> { lo };
        cuts.AddRange(Roots(Derivative(poly), lo, hi));
        cuts.Add(hi);
        var roots = new List<double>();
        for (var k = 0; k + 1 < cuts.Count; k++)
        {
            double a = cuts[k], b = cuts[k + 1];
            double fa = Eval(poly, a), fb = Eval(poly, b);
            if (fa == 0) { roots.Add(a); continue; }
            if (Math.Sign(fa) == Math.Sign(fb)) continue;
            for (var it = 0; it < 200 && b - a > 0; it++)
            {
                var mid = (a + b) / 2;
                if (mid <= a || mid >= b) break;
                if (Math.Sign(Eval(poly, mid)) == Math.Sign(fa)) a = mid; else b = mid;
            }
            roots.Add((a + b) / 2);
        }
        return roots;
    }

    private static double[] Derivative(double[] poly)
    {
        var degree = poly.Length - 1;
        var d = new double[Math.Max(1, degree)];
        for (var k = 0; k < degree; k++) d[k] = poly[k] * (degree - k);
        return d;
    }

    private static double Eval(double[] poly, double x)
    {
        var v = 0.0;
        foreach (var c in poly) v = v * x + c;
        return v;
    }

    /// <summary>Σ |c_k| x^k: no intermediate of the polynomial's evaluation at |ρ| ≤ x is larger.</summary>
    private static double AbsoluteSize(double[] poly, double x)
    {
        var v = 0.0;
        foreach (var c in poly) v = v * x + Math.Abs(c);
        return v;
    }
}
