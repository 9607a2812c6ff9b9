namespace NeuroSim.Replay.ChipModel.Device;

/// <summary>
/// Least-squares fit of V2.0's device curve to measured pulse trains (what V2.0 leaves to Documents/nonlinear_fit.m, where A
/// is guessed and the curve eyeballed). As in that script each train is normalized on its own: conductance by its lowest and
/// highest point (Gmin, Gmax of the train), pulse number by the train's span (LTD: 1 − that, the script's axis); then A is the
/// one that minimizes the squared distance of the normalized points to y(x; A): a grid over u = 1/A (|A| ≥ 0.005 and the
/// linear device), then golden-section refinement. The device's Gmin and Gmax are the means of the two trains'. The
/// cycle-to-cycle variation comes from the residuals of one-pulse-ahead predictions (the script's C2C model: every pulse moves
/// the device along the curve from where its conductance is, plus Gaussian noise), per pulse; read noise in the data adds to it.
/// </summary>
public static class DeviceCurveFitter
{
    private const int GridSize = 241;
    private static readonly double TMax = Math.Log(201);   // |u| ≤ 200, |A| ≥ 0.005

    /// <summary>Fits both trains; throws <see cref="ArgumentException"/> naming the train when it cannot be fitted.</summary>
    public static DeviceFit Fit(MeasuredCurve ltp, MeasuredCurve ltd)
    {
        var p = Prepare(ltp, "LTP", depression: false);
        var d = Prepare(ltd, "LTD", depression: true);
        return Combine(Describe(p, "LTP", BestU(p)), Describe(d, "LTD", BestU(d)));
    }

    /// <summary>
    /// The same normalization with A fixed (e.g. hand-picked values), so its error can be set beside <see cref="Fit"/>'s.
    /// </summary>
    public static DeviceFit WithA(MeasuredCurve ltp, MeasuredCurve ltd, double aLtp, double aLtd)
    {
        if (aLtp == 0 || aLtd == 0 || double.IsNaN(aLtp) || double.IsNaN(aLtd)) throw new ArgumentException($"A must be non-zero: {aLtp}, {aLtd}");
        var p = Prepare(ltp, "LTP", depression: false);
        var d = Prepare(ltd, "LTD", depression: true);
        return Combine(Describe(p, "LTP", 1 / aLtp), Describe(d, "LTD", 1 / aLtd));
    }

    private static DeviceFit Combine((CurveFit Fit, double Sse, double Sst, double Squared, double Pulses) p, (CurveFit Fit, double Sse, double Sst, double Squared, double Pulses) d) =>
        new((p.Fit.Gmin + d.Fit.Gmin) / 2, (p.Fit.Gmax + d.Fit.Gmax) / 2, p.Fit, d.Fit,
            1 - (p.Sse + d.Sse) / (p.Sst + d.Sst), Math.Sqrt((p.Squared + d.Squared) / (p.Pulses + d.Pulses)));

    private static double U(double t) => Math.Sign(t) * double.ExpM1(Math.Abs(t));

    /// <summary>u = 1/A of least squared error: grid in t (u = sign(t)·(e^|t| − 1), dense near the linear device), then golden section.</summary>
    private static double BestU(Train t)
    {
        double best = double.PositiveInfinity, at = 0;
        for (var i = 0; i < GridSize; i++)
        {
            var ti = -TMax + 2 * TMax * i / (GridSize - 1);
            var sse = Solve(t, t.Shape(U(ti))).Sse;
            if (sse < best) (best, at) = (sse, ti);
        }
        var h = 2 * TMax / (GridSize - 1);
        return U(Golden(x => Solve(t, t.Shape(U(x))).Sse, Math.Max(-TMax, at - h), Math.Min(TMax, at + h)));
    }

    private static (CurveFit Fit, double Sse, double Sst, double Squared, double Pulses) Describe(Train t, string name, double u)
    {
        var shape = t.Shape(u);
        var (gmin, dg, sse) = Solve(t, shape);
        var residuals = t.G.Select((g, i) => g - gmin - dg * shape[i]).ToArray();
        var innovations = t.Innovations(u, gmin, dg).ToList();
        var squared = innovations.Sum(e => e.Squared);
        var pulses = innovations.Sum(e => e.Pulses);
        var a = u == 0 ? double.PositiveInfinity : 1 / u;
        var fit = new CurveFit(a, u == 0 ? 0 : Nonlinearity.Label(a), gmin * t.Scale, (gmin + dg) * t.Scale, t.Span, t.G.Length,
            t.Sst > 0 ? 1 - sse / t.Sst : 1, Math.Sqrt(sse / t.G.Length) * t.Scale, Math.Sqrt(sse / t.G.Length) / dg, residuals.Max(Math.Abs) / dg,
            pulses > 0 ? Math.Sqrt(squared / pulses) : 0);
        // Sums in units of the device's range, so the two trains pool on one scale.
        return (fit, sse / (dg * dg), t.Sst / (dg * dg), squared, pulses);
    }

    /// <summary>The train's range (its lowest point and its span, as the script normalizes) and the squared residuals of a curve shape.</summary>
    private static (double Gmin, double Dg, double Sse) Solve(Train t, double[] shape)
    {
        var gmin = t.G.Min();
        var dg = t.G.Max() - gmin;
        var sse = 0.0;
        for (var i = 0; i < shape.Length; i++) sse += Sq(t.G[i] - gmin - dg * shape[i]);
        return (gmin, dg, sse);
    }

    private static double Golden(Func<double, double> f, double lo, double hi)
    {
        var r = (Math.Sqrt(5) - 1) / 2;
        double a = lo, b = hi, c = b - r * (b - a), e = a + r * (b - a), fc = f(c), fe = f(e);
        for (var i = 0; i < 100 && b - a > 1e-12; i++)
        {
            if (fc < fe) { b = e; e = c; fe = fc; c = b - r * (b - a); fc = f(c); }
            else { a = c; c = e; fc = fe; e = a + r * (b - a); fe = f(e); }
        }
        return fc < fe ? c : e;
    }

    private static double Sq(double x) => x * x;

    private static Train Prepare(MeasuredCurve curve, string name, bool depression)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Pulses.Count != curve.Conductances.Count) throw new ArgumentException($"{name}: {curve.Pulses.Count} pulse numbers but {curve.Conductances.Count} conductances");
        if (curve.Count < 4) throw new ArgumentException($"{name}: {curve.Count} points; a fit needs at least 4");
        if (curve.Pulses.Concat(curve.Conductances).Any(v => !double.IsFinite(v))) throw new ArgumentException($"{name}: a pulse number or conductance is not a finite number");
        if (curve.Conductances.Any(g => g < 0)) throw new ArgumentException($"{name}: a conductance is negative");
        if (!(curve.Conductances.Max() > curve.Conductances.Min())) throw new ArgumentException($"{name}: every point has the same conductance");
        if (!(curve.Span > 0)) throw new ArgumentException($"{name}: every point has the same pulse number");
        // Work in units of the largest conductance (siemens are ~1e-8: keeps the normal equations well scaled).
        var scale = curve.Conductances.Max();
        if (!(scale > 0)) throw new ArgumentException($"{name}: every conductance is zero");
        var sorted = curve.Sorted();
        var span = sorted.Span;
        // RD-96: the pulse axis is the train's span (V2.0's script divides by floor(max pulse)).
        var p0 = sorted.Pulses[0];
        var x = sorted.Pulses.Select(v => (v - p0) / span).Select(v => depression ? 1 - v : v).ToArray();
        return new Train(x, [.. sorted.Pulses], [.. sorted.Conductances.Select(g => g / scale)], span, scale, depression);
    }

    /// <summary>A train on the script's axis: x (LTD reversed), conductances over <see cref="Scale"/>.</summary>
    private sealed record Train(double[] X, double[] Pulses, double[] G, double Span, double Scale, bool Depression)
    {
        public double Sst { get; } = SumOfSquares(G);

        private static double SumOfSquares(double[] g)
        {
            var mean = g.Average();
            return g.Sum(v => Sq(v - mean));
        }

        public double[] Shape(double u) => [.. X.Select(x => DeviceCurve.Value(x, u))];

        /// <summary>One-pulse-ahead residuals in normalized conductance: where the curve takes the device from each point's conductance.</summary>
        public IEnumerable<(double Squared, double Pulses)> Innovations(double u, double gmin, double dg)
        {
            for (var i = 0; i + 1 < G.Length; i++)
            {
                var pulses = Pulses[i + 1] - Pulses[i];
                if (pulses <= 0) continue;
                var y = (G[i] - gmin) / dg;
                var x = DeviceCurve.Inverse(y, u) + (Depression ? -pulses : pulses) / Span;
                var predicted = Math.Clamp(DeviceCurve.Value(x, u), 0, 1);
                yield return (Sq((G[i + 1] - gmin) / dg - predicted), pulses);
            }
        }
    }
}
