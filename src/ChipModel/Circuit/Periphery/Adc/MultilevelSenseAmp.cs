using System.Runtime.Intrinsics;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// The multilevel current-sense ADC (NeuroSim MultilevelSenseAmp.cpp): <c>levelOutput − 1</c> sense
/// amplifiers against reference resistances per column. Latency and power per column come from the
/// reference's SPICE fits as functions of the column resistance (normalized to a 0.5 V read), per node
/// and roadmap; latency is clamped to 1–10 ns. V2.1 (<see cref="AdcVariant"/>) adds the voltage-mode sense amp (fixed 1 ns
/// conversions, its own area and power fits) and, in the same read-out role, the SAR ADC (log2(levels) + 1 ns conversions;
/// DNN_NeuroSim_V2.1 SarADC.cpp), and scales every column power with temperature.
/// </summary>
public sealed class MultilevelSenseAmp
{
    private readonly CircuitContext _c;
    private readonly double[] _rref;
    private readonly double _widthNmos, _widthPmos;
    private readonly bool _highPerformance;
    private readonly double _readVoltage;
    private readonly LatencyFit? _fit;
    private readonly double[] _breakpoints;
    private readonly double _rrefStart, _rrefStep;
    // ColumnPower = _powerBase + _powerA · x^_powerK (x the normalized resistance).
    private readonly double _powerBase, _powerA, _powerK;
    // The largest |fit| over all ratios: bounds a column's latency by its tMax alone (see ConversionLatency).
    private readonly double _fitBound;
    // Tight bounds of a column's latency per narrow band of resistances (null: every column is 1 ns).
    private readonly ColumnLatencyBounds? _latencyBounds;

    /// <param name="parallel">Parallel read: references scale with the rows read at once (numRowSubArray).</param>
    private readonly AdcVariant _variant;

    public MultilevelSenseAmp(CircuitContext c, int numCol, int levelOutput, bool parallel,
        double resistanceOn, double resistanceOff, int numRowSubArray, int technode, bool highPerformance, double readVoltage, AdcVariant? variant = null)
    {
        _c = c;
        _variant = variant ?? AdcVariant.V20;
        NumCol = numCol;
        LevelOutput = levelOutput;
        _highPerformance = highPerformance;
        _readVoltage = readVoltage;
        _rref = new double[Math.Max(0, levelOutput - 1)];
        for (var i = 0; i < levelOutput - 1; i++)
        {
            var (start, index) = parallel
                ? (resistanceOn / numRowSubArray, resistanceOff / numRowSubArray)
                : (resistanceOn, resistanceOff);
            _rref[i] = start + (double)(i + 1) * index / levelOutput;
            (_rrefStart, _rrefStep) = (start, index / levelOutput);
        }
        _fit = _variant.Kind == ColumnAdcKind.CurrentSenseAmp ? FitFor(technode) : null;
        _breakpoints = _fit is null ? [] : Breakpoints(_fit);
        _fitBound = _fit is null ? 0 : FitBound(_fit, _breakpoints);
        _latencyBounds = _fit is null || highPerformance ? null : ColumnLatencyBounds.For(_fit, _rref);
        (_powerBase, _powerA, _powerK) = _variant.Kind switch
        {
            ColumnAdcKind.VoltageSenseAmp => (V21ColumnAdcFits.VoltageSenseAmpBase(highPerformance, technode, levelOutput),
                V21ColumnAdcFits.ResistanceTerm(highPerformance, technode).D, V21ColumnAdcFits.ResistanceTerm(highPerformance, technode).C),
            ColumnAdcKind.Sar => (V21ColumnAdcFits.SarBase(highPerformance, technode, levelOutput),
                V21ColumnAdcFits.ResistanceTerm(highPerformance, technode).D, V21ColumnAdcFits.ResistanceTerm(highPerformance, technode).C),
            _ => PowerFit(highPerformance, technode, levelOutput),
        };
        _widthNmos = MinNmosSize * c.F;
        _widthPmos = c.Tech.PnSizeRatio * MinNmosSize * c.F;
        Identity = new AdcIdentity(levelOutput, parallel, resistanceOn, resistanceOff, numRowSubArray, technode, highPerformance, readVoltage,
            _variant.Kind, _variant.PowerScale);
    }

    public int NumCol { get; }
    public int LevelOutput { get; }

    /// <summary>Current- or voltage-mode sense amp, or SAR ADC.</summary>
    public ColumnAdcKind Kind => _variant.Kind;

    /// <summary>
    /// What a conversion depends on (references, fits, read voltage): two sense amps of equal identity give the same
    /// <see cref="Sample"/> for the same columns, whatever their column count.
    /// </summary>
    public AdcIdentity Identity { get; }

    /// <summary>One conversion of these columns: the worst column's latency and the columns' summed comparator power.</summary>
    public AdcSample Sample(ReadOnlySpan<double> columnResistance) => new(ConversionLatency(columnResistance), PowerSum(columnResistance));

    /// <summary>Energy of <paramref name="numRead"/> conversions of a sample: each column's power over the worst-column latency.</summary>
    public static double ReadEnergy(AdcSample sample, double numRead) => !(sample.Conversion > 0) ? 0 : sample.PowerSum * sample.Conversion * numRead;

    /// <summary>48 NMOS and 24 PMOS per comparator level per column, fitted to the array's width (or height).</summary>
    public Footprint Layout(double heightArray, double widthArray, AreaModify option = AreaModify.None)
    {
        var h = _c.F * MaxTransistorHeight;
        var n = Gate.Area(GateType.Inv, 1, _widthNmos, 0, h, _c.Tech);
        var p = Gate.Area(GateType.Inv, 1, 0, _widthPmos, h, _c.Tech);
        var (nArea, pArea) = (n.Height * n.Width, p.Height * p.Width);
        var area = _variant.Kind switch
        {
            // V2.1 SarADC.cpp CalculateUnitArea: per ADC, minimum NMOS and PMOS gates growing with the resolution.
            ColumnAdcKind.Sar => (nArea * (269 + (Math.Log2(LevelOutput) - 1) * 109) + pArea * (209 + (Math.Log2(LevelOutput) - 1) * 73)) * NumCol,
            ColumnAdcKind.VoltageSenseAmp => (nArea * 52 + pArea * 60) * (LevelOutput - 1) * NumCol,
            _ => (nArea * 48 + pArea * 24) * (LevelOutput - 1) * NumCol,
        };
        Footprint fp;
        if (widthArray != 0 && option == AreaModify.None) fp = new Footprint(area / widthArray, widthArray, area);
        else if (heightArray != 0 && option == AreaModify.None) fp = new Footprint(heightArray, area / heightArray, area);
        else throw new ArgumentException("The multilevel sense amp needs the array's width or height.");
        return fp.Fit(heightArray, widthArray, option);
    }

    /// <summary>Worst column latency (1–10 ns) of one conversion; NaN resistances are skipped.</summary>
    /// <remarks>
    /// The reference clamps after every column, so the result is the clamped maximum (at least 1 ns once there is a
    /// column). A column's latency is at most |tMax(x)| · max|fit|, and tMax grows with x; tighter, at most the bound
    /// of its band of resistances (<see cref="ColumnLatencyBounds"/>): columns whose bound cannot beat the running
    /// maximum are skipped without evaluating their fits (exact: the same maximum). Where no band's bound exceeds
    /// 1 ns (V2.0's default RRAM chip), every conversion is the 1 ns floor without looking at a column.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double ConversionLatency(ReadOnlySpan<double> columnResistance)
    {
        // RD-115 (V2.1): a voltage-mode conversion takes 1 ns, a SAR conversion log2(levels) + 1 cycles of 1 ns, whatever the columns.
        if (_variant.Kind == ColumnAdcKind.VoltageSenseAmp) return 1e-9;
        if (_variant.Kind == ColumnAdcKind.Sar) return V21ColumnAdcFits.SarConversion(LevelOutput);
        if (columnResistance.Length == 0) return 0;
        const double floor = 1e-9, ceiling = 10e-9;
        if (_highPerformance || _fit is not { } fit) return floor;   // every column is 1 ns (or 0)
        var bounds = _latencyBounds!;
        if (bounds.NeverAbove(floor)) return floor;   // no column can beat the 1 ns floor
        var scale = 0.5 / _readVoltage;
        var best = floor;
        var (skipLow, skipHigh) = SkipRange(fit, best);
        foreach (var r in columnResistance)
        {
            if (double.IsNaN(r)) continue;
            var x = r * scale;
            if (x > skipLow && x < skipHigh) continue;
            if (bounds.AtMost(x) <= best) continue;
            var t = ColumnLatency(r);
            if (!(t > best)) continue;
            best = t;
            if (best >= ceiling) return ceiling;
            (skipLow, skipHigh) = SkipRange(fit, best);
        }
        return best;
    }

    /// <summary>
    /// Normalized resistances whose latency bound |tMax(x)| · max|fit| stays below <paramref name="latency"/>
    /// (tMax = (A ln(x/1 kΩ) + B) ns, A &gt; 0), narrowed by a relative 1e-9 so rounding never skips a larger column.
    /// </summary>
    private (double Low, double High) SkipRange(LatencyFit fit, double latency)
    {
        if (_fitBound <= 0) return (double.PositiveInfinity, double.NegativeInfinity);   // nothing to skip safely
        var u = latency / 1e-9 / _fitBound;
        var low = 1000 * Math.Exp((-u - fit.B) / fit.A) * (1 + 1e-9);
        var high = 1000 * Math.Exp((u - fit.B) / fit.A) * (1 - 1e-9);
        return (low, high);
    }

    /// <summary>max |fit(ratio)| over the ratios the fits cover, from the ends and turning points (plus a margin).</summary>
    private static double FitBound(LatencyFit fit, double[] breakpoints)
    {
        if (fit.A <= 0) return 0;
        var bound = 0.0;
        foreach (var r in breakpoints.Append(0.05).Append(0.9).Append(20))
        {
            if (r >= 0.05 && r <= 0.9) bound = Math.Max(bound, Math.Abs(fit.Cubic(r)));
            if (r >= 0.9 && r <= 20) bound = Math.Max(bound, Math.Abs(fit.Quartic(r)));
        }
        return bound * (1 + 1e-6);
    }

    public double ReadLatency(ReadOnlySpan<double> columnResistance, double numColMuxed, double numRead) =>
        ConversionLatency(columnResistance) * numColMuxed * numRead;

    /// <summary>Energy: each column's power over the worst-column latency.</summary>
    public double ReadEnergy(ReadOnlySpan<double> columnResistance, double numRead) =>
        ReadEnergy(columnResistance, ConversionLatency(columnResistance), numRead);

    /// <summary>Energy when the caller already has <see cref="ConversionLatency"/> of these columns.</summary>
    /// <remarks>
    /// Σ max(P_j · t, 0) = t · Σ_{P_j &gt; 0} P_j (t &gt; 0): the reference's MAX(x, 0) macro (RD-40), so a column with no
    /// driven row (NaN resistance in row-by-row reads) adds 0. Finite positive columns go four at a time.
    /// </remarks>
    public double ReadEnergy(ReadOnlySpan<double> columnResistance, double conversionLatency, double numRead) =>
        !(conversionLatency > 0) ? 0 : PowerSum(columnResistance) * conversionLatency * numRead;

    /// <summary>Σ max(P_j, 0) over the columns (the power each column's comparators draw; see <see cref="ReadEnergy(ReadOnlySpan{double}, double, double)"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double PowerSum(ReadOnlySpan<double> columnResistance)
    {
        var scale = 0.5 / _readVoltage;
        var sum = 0.0;
        var j = 0;
        if (Vector256.IsHardwareAccelerated && columnResistance.Length >= 4)
        {
            var vScale = Vector256.Create(scale);
            var vK = Vector256.Create(_powerK / Math.Log(10));   // x^k = exp(k · log10 x)
            var vA = Vector256.Create(_powerA);
            var vBase = Vector256.Create(_powerBase);
            var vInf = Vector256.Create(double.PositiveInfinity);
            var acc = Vector256<double>.Zero;
            for (; j + 4 <= columnResistance.Length; j += 4)
            {
                var x = Vector256.Create(columnResistance.Slice(j, 4)) * vScale;
                var ok = Vector256.GreaterThan(x, Vector256<double>.Zero) & Vector256.LessThan(x, vInf);
                if (ok.ExtractMostSignificantBits() != 0b1111)
                {
                    for (var q = j; q < j + 4; q++) sum += PositivePart(RawColumnPower(columnResistance[q]));
                    continue;
                }
                acc += vBase + vA * Vector256.Exp(Vector256.Log(x) * vK);
            }
            sum += Vector256.Sum(acc);
        }
        for (; j < columnResistance.Length; j++) sum += PositivePart(RawColumnPower(columnResistance[j]));
        // RD-110 (V2.1): every column's power times 1 + 1.3e-3·(T − 300) (1 for V2.0); a SAR ADC skips NaN columns, which the positive part does too.
        return sum * _variant.PowerScale;
    }

    private static double PositivePart(double x) => x > 0 ? x : 0;

    /// <summary>The latency fit of one node: t_max = (A ln(R/1 kΩ) + B) ns, scaled by a cubic in r = R_ref/R up to 0.9 and a quartic above.</summary>
    internal sealed record LatencyFit(double A, double B, double[] Low, double[] High)
    {
        public double Cubic(double r) => ((Low[0] * r + Low[1]) * r + Low[2]) * r + Low[3];
        public double Quartic(double r) => (((High[0] * r + High[1]) * r + High[2]) * r + High[3]) * r + High[4];
    }

    private static LatencyFit? FitFor(int technode) => technode switch
    {
        130 => new(0.2679, 0.0478, [3.915, -5.3996, 2.4653, 0.3856], [0.0004, -0.0087, 0.0742, -0.2725, 1.2211]),
        90 => new(0.0586, 1.41, [3.726, -5.651, 2.8249, 0.3574], [0.0000008, -0.00007, 0.0017, -0.0188, 0.9835]),
        65 => new(0.1239, 0.6642, [1.3899, -2.6913, 2.0483, 0.3202], [0.0036, -0.0363, 0.1043, -0.0346, 1.0512]),
        45 or 32 => new(0.0714, 0.7651, [3.7949, -5.6685, 2.6492, 0.4807], [0.000001, -0.00006, 0.0001, -0.0171, 1.0057]),
        _ => null,
    };

    /// <summary>
    /// Ratios where the latency curve changes piece (0.05, 0.9, 20) or turns (zeros of the fits' derivatives):
    /// between two of them it is monotonic, so over the sorted references its maximum sits next to one of them.
    /// </summary>
    private static double[] Breakpoints(LatencyFit fit)
    {
        var points = new List<double> { 0.05, 0.9, 20 };
        // Cubic: 3a r² + 2b r + c = 0.
        double a = 3 * fit.Low[0], b = 2 * fit.Low[1], c = fit.Low[2];
        var disc = b * b - 4 * a * c;
        if (a != 0 && disc >= 0)
        {
            points.Add((-b + Math.Sqrt(disc)) / (2 * a));
            points.Add((-b - Math.Sqrt(disc)) / (2 * a));
        }
        else if (a == 0 && b != 0) points.Add(-c / b);
        // Quartic: sign changes of its derivative on (0.9, 20), refined by bisection.
        double Slope(double r) => ((4 * fit.High[0] * r + 3 * fit.High[1]) * r + 2 * fit.High[2]) * r + fit.High[3];
        const int steps = 4000;
        for (var k = 0; k < steps; k++)
        {
            double lo = 0.9 + (20 - 0.9) * k / steps, hi = 0.9 + (20 - 0.9) * (k + 1) / steps;
            if (Math.Sign(Slope(lo)) == Math.Sign(Slope(hi))) continue;
            for (var it = 0; it < 80; it++)
            {
                var mid = (lo + hi) / 2;
                if (Math.Sign(Slope(mid)) == Math.Sign(Slope(lo))) lo = mid; else hi = mid;
            }
            points.Add((lo + hi) / 2);
        }
        return [.. points.Where(double.IsFinite).Order()];
    }

    /// <summary>Sensing time of one column (SPICE fit of the reference; constant 1 ns for HP and ≤ 22 nm).</summary>
    /// <remarks>
    /// The reference takes the slowest of the level-1 … level-(L−2) comparators. The references rise with the
    /// level, so we evaluate only the end levels and the levels next to each breakpoint: the same maximum, from
    /// a few evaluations instead of L−2 (the golden tests hold it to the reference).
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double ColumnLatency(double columnRes)
    {
        columnRes *= 0.5 / _readVoltage;
        if (1 / columnRes == 0 || columnRes == 0) return 0;
        if (_highPerformance) return 1e-9;
        if (_fit is not { } fit) return 1e-9;
        var tMax = (fit.A * Math.Log(columnRes / 1000) + fit.B) * 1e-9;
        int first = 1, last = LevelOutput - 2;
        if (last < first) return 0;
        var latency = 0.0;
        void Level(int i)
        {
            if (i < first || i > last) return;
            var ratio = _rref[i] / columnRes;
            double t;
            if (ratio >= 20 || ratio <= 0.05) t = 1e-9;
            else if (ratio <= 0.9) t = tMax * fit.Cubic(ratio);
            // RD-39: the reference writes "1.1 <= ratio <= 3", which C++ reads as (1.1 <= ratio) <= 3: always
            // true, so every ratio above 0.9 takes this fit.
            else t = tMax * fit.Quartic(ratio);
            latency = Math.Max(latency, t);
        }
        Level(first);
        Level(last);
        foreach (var b in _breakpoints)
        {
            // First level whose ratio exceeds b: the references are evenly spaced, so guess, then settle exactly.
            var guess = (b * columnRes - _rrefStart) / _rrefStep - 1;
            var lo = double.IsFinite(guess) ? (int)Math.Clamp(Math.Floor(guess), first, last + 1) : first;
            while (lo > first && _rref[lo - 1] / columnRes > b) lo--;
            while (lo <= last && _rref[lo] / columnRes <= b) lo++;
            Level(lo - 1);
            Level(lo);
        }
        return latency;
    }

    /// <summary>Power of one column's comparators (SPICE fit of the reference).</summary>
    public double ColumnPower(double columnRes) => RawColumnPower(columnRes) * _variant.PowerScale;

    /// <summary>A column's power before V2.1's temperature factor.</summary>
    private double RawColumnPower(double columnRes)
    {
        columnRes *= 0.5 / _readVoltage;
        if (1 / columnRes == 0) return 1e-6;
        if (columnRes == 0) return 0;
        return _powerBase + _powerA * Math.Exp(_powerK * Math.Log10(columnRes));
    }

    /// <summary>Per node and roadmap: a constant per comparator level plus a·x^k (MultilevelSenseAmp::GetColumnPower).</summary>
    private static (double Base, double A, double K) PowerFit(bool highPerformance, int technode, int levelOutput)
    {
        var (perLevel, a, k) = (highPerformance, technode) switch
        {
            (true, 130) => (19.898, 0.17452, -2.367),
            (true, 90) => (13.09, 0.14900, -2.345),
            (true, 65) => (9.9579, 0.1083, -2.321),
            (true, 45) => (7.7017, 0.0754, -2.296),
            (true, 32) => (3.9648, 0.079, -2.313),
            (true, 22) => (1.8939, 0.073, -2.311),
            (true, 14) => (1.2, 0.0584, -2.311),
            (true, 10) => (0.8, 0.0318, -2.311),
            (true, _) => (0.5, 0.0210, -2.311),
            (false, 130) => (18.09, 0.1380, -2.303),
            (false, 90) => (12.612, 0.1023, -2.303),
            (false, 65) => (8.4147, 0.0972, -2.303),
            (false, 45) => (6.3162, 0.075, -2.303),
            (false, 32) => (3.0875, 0.0649, -2.297),
            (false, 22) => (1.7, 0.0631, -2.303),
            (false, 14) => (1.0, 0.0508, -2.303),
            (false, 10) => (0.55, 0.0315, -2.303),
            (false, _) => (0.35, 0.0235, -2.303),
        };
        return (perLevel * (levelOutput - 1) * 1e-6, a, k);
    }
}
