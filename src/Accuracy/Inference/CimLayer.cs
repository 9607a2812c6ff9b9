using System.Numerics;

namespace NeuroSim.Replay.Accuracy.Inference;

/// <summary>Where a layer's reads draw their random numbers, and the chip instance's stuck cells of the layer.</summary>
/// <param name="Stuck">Per cell (k, permuted row, output): 0 healthy, 1 stuck at Gmin, 2 stuck at Gmax; null: none stuck.</param>
/// <param name="OnBoundary">When given (one flag per output, [b, o, y, x]), set for every output one of whose weight-column ADC reads
/// lies within <paramref name="BoundaryTolerance"/> of the read's range from a level boundary, where float rounding decides V2.0's
/// level (tests; the dummy column's reads, one per sample and position, are not marked).</param>
public sealed record LayerRead(ulong Seed, int Instance, int Layer, int Batch, byte[]? Stuck, int Parallelism = 0,
    bool[]? OnBoundary = null, double BoundaryTolerance = 1e-9);

/// <summary>
/// One conv/fc layer on the chip, as DNN+NeuroSim V2.0's inference computes it (tests/ReferenceRuns/inference/NOTES.md):
/// weights to integers X = round((2^bW−1)/2·(w+1)) split into K = floor(bW/cb) cells of cb bits (least significant first),
/// conductances between Gmin and Gmax by the on/off ratio, a dummy column at their midpoint; inputs round((2^bA−1)·x) applied
/// bit by bit; every (array, input bit, cell) read through an ADC whose range is the minimum and maximum of that read over
/// the whole batch (floor, levelOutput levels, RD-89); shift and add; dummy subtracted; divided by 2^bW·2^bA.
/// A first layer of three input channels takes V2.0's analog path (no input bits, no ADC; RD-92).
/// <para>Without variation and drift, conductances are whole numbers (units Gmax/((c−1)·Num), <see cref="OnOffRatio"/>) and
/// the ADC level index is found in integers: the result is the exact one, rounded once (NOTES.md §9). Variation (a fresh
/// draw per cell and read, RD-90) and drift (non-integer levels) are computed in doubles.</para>
/// </summary>
public sealed class CimLayer
{
    private readonly CimSettings _s;
    private readonly ArrayLayout _layout;
    private readonly int _k, _c, _cout, _rows;
    private readonly long[] _x;            // weight integer X per permuted row · Cout + o
    private readonly long[][] _digits;     // [k][pr·Cout + o], without drift
    private readonly double[][]? _drifted; // [k][pr·Cout + o], deterministic drift (detect = 1), per array's lo/hi
    private readonly bool _exact;          // integer conductances and ADC
    private readonly double[] _ratio;      // t^(v·s) for s = −1, 0, +1

    public CimLayer(LayerShape shape, ReadOnlySpan<double> weights, CimSettings settings, bool analog)
    {
        if (weights.Length != shape.Rows * shape.OutChannels)
            throw new ArgumentException($"{weights.Length} weights for a layer of {shape.Rows} rows x {shape.OutChannels} columns", nameof(weights));
        Shape = shape;
        Analog = analog;
        _s = settings;
        _layout = new ArrayLayout(shape, settings.SubArrayRows, settings.NovelMapping, settings.Cells.V2Quirks);
        _k = settings.CellsPerWeight;
        _c = 1 << settings.CellBit;
        _cout = shape.OutChannels;
        _rows = shape.Rows;
        // RD-91: V2.0 maps [-1, 1] onto 2^bW − 1 steps, not the WAGE grid's 2^bW: the chip multiplies w ± 2^-bW, not w.
        var half = (Math.Pow(2, settings.WeightBits) - 1) / 2;
        _x = new long[_layout.Count * _cout];
        for (var pr = 0; pr < _layout.Count; pr++)
            for (var o = 0; o < _cout; o++)
                _x[pr * _cout + o] = (long)Math.Round(half * (weights[_layout.Row[pr] * _cout + o] + 1), MidpointRounding.ToEven);
        _digits = new long[_k][];
        var x = (long[])_x.Clone();
        for (var k = 0; k < _k; k++)
        {
            var d = _digits[k] = new long[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                d[i] = x[i] % _c;                   // fmod: the sign of the dividend
                x[i] = (x[i] - d[i]) / _c;
            }
        }
        var cells = settings.Cells;
        _ratio = [Math.Pow(cells.T, -cells.V), 1, Math.Pow(cells.T, cells.V)];
        if (cells.Drifts && cells.Detect == 1)
        {
            _drifted = new double[_k][];
            for (var k = 0; k < _k; k++) _drifted[k] = new double[_x.Length];
            var sign = new ChipRandom(0);
            for (var a = 0; a < _layout.Arrays.Count; a++) DriftChain(a, _drifted, ref sign, random: false);
        }
        var rowsMax = _layout.Arrays.Count == 0 ? 0 : _layout.Arrays.Max(a => a.Length);
        var on = settings.OnOff;
        _exact = on.Exact && cells.Vari == 0 && !cells.Drifts && !analog
                 && (double)rowsMax * (_c - 1) * Math.Max(on.Num, 1) * 4 < int.MaxValue;
    }

    public LayerShape Shape { get; }
    public bool Analog { get; }
    public ArrayLayout Layout => _layout;
    /// <summary>Cells per layer a stuck map covers: K · permuted rows · Cout.</summary>
    public int CellCount => _k * _x.Length;

    /// <summary>A chip instance's stuck cells of this layer (rate_stuck_0 at Gmin, rate_stuck_1 at Gmax), or null when none can be.</summary>
    public byte[]? DrawStuck(ulong seed, int instance, int layer)
    {
        var (r0, r1) = (_s.Cells.RateStuck0, _s.Cells.RateStuck1);
        if (r0 == 0 && r1 == 0) return null;
        var map = new byte[CellCount];
        var rng = new ChipRandom(seed, instance, -1, layer);
        for (var i = 0; i < map.Length; i++)
        {
            var u = rng.NextDouble();
            map[i] = u < r0 ? (byte)1 : u < r0 + r1 ? (byte)2 : (byte)0;
        }
        return map;
    }

    /// <summary>
    /// V2.0's retention on the cells of one array (NOTES.md §7): digit by digit, lo and hi over the digit tensor (zeros outside
    /// the array unless it holds the whole layer), T = (hi − lo)·target, r' = clamp((r+1)·t^(v·s) − 1, lo, hi) with s = sign(T − r)
    /// (detect = 1) or random in {−1, 0, +1} (detect = 0), and the drifted digit carried into the next one (RD-93).
    /// </summary>
    private void DriftChain(int array, double[][] into, ref ChipRandom rng, bool random)
    {
        var (start, length) = _layout.Arrays[array];
        var covers = _layout.ArrayCoversLayer(array, _rows);
        var from = start * _cout;
        var count = length * _cout;
        var x = new double[count];
        for (var i = 0; i < count; i++) x[i] = _x[from + i];
        var r = new double[count];
        var target = _s.Cells.Target;
        for (var k = 0; k < _k; k++)
        {
            double lo = covers ? double.MaxValue : 0, hi = covers ? double.MinValue : 0;
            for (var i = 0; i < count; i++)
            {
                r[i] = x[i] % _c;
                lo = Math.Min(lo, r[i]);
                hi = Math.Max(hi, r[i]);
            }
            var t = (hi - lo) * target;
            var dst = into[k];
            for (var i = 0; i < count; i++)
            {
                var s = random ? rng.NextSign() : Math.Sign(t - r[i]);
                var d = Math.Clamp((r[i] + 1) * _ratio[s + 1] - 1, lo, hi);
                dst[from + i] = d;
                x[i] = Math.Round((x[i] - d) / _c, MidpointRounding.ToEven);
            }
        }
    }

    /// <summary>
    /// The layer's raw output y_raw (before /scale and the activation quantization) for a batch: input [batch, Cin, H, W]
    /// (fully connected: [batch, Cin]), output [batch, Cout, H, W].
    /// </summary>
    public double[] Forward(double[] input, int batch, LayerRead read, CancellationToken ct = default)
    {
        if (input.Length != batch * Shape.InputSize)
            throw new ArgumentException($"{input.Length} inputs for a batch of {batch} x {Shape.InputSize}", nameof(input));
        var n = batch * Shape.Positions;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = read.Parallelism > 0 ? read.Parallelism : -1 };
        var boundary = read.OnBoundary is null ? null : new bool[n * _cout];
        var pass = Analog ? ForwardAnalog(input, n, read, options) : ForwardBits(input, batch, n, read, options, boundary);
        // [n = (b, y, x), o] -> [b, o, y, x]
        var positions = Shape.Positions;
        var y = new double[n * _cout];
        for (var b = 0; b < batch; b++)
            for (var p = 0; p < positions; p++)
                for (var o = 0; o < _cout; o++)
                {
                    y[(b * _cout + o) * positions + p] = pass[(b * positions + p) * _cout + o];
                    if (boundary is not null) read.OnBoundary![(b * _cout + o) * positions + p] = boundary[(b * positions + p) * _cout + o];
                }
        return y;
    }

    /// <summary>The weight row's input for output position p of image b (0 in the padding).</summary>
    private static double InputAt(double[] input, LayerShape sh, ArrayLayout l, int pr, int b, int p)
    {
        var (py, px) = (p / sh.Width, p % sh.Width);
        var iy = py + l.KernelY[pr] - sh.KernelHeight / 2;
        var ix = px + l.KernelX[pr] - sh.KernelWidth / 2;
        if (iy < 0 || iy >= sh.Height || ix < 0 || ix >= sh.Width) return 0;
        return input[((b * sh.InChannels + l.Channel[pr]) * sh.Height + iy) * sh.Width + ix];
    }

    private double[] ForwardBits(double[] input, int batch, int n, LayerRead read, ParallelOptions options, bool[]? boundary)
    {
        var bA = _s.InputBits;
        var mask = (1L << bA) - 1;
        var scale = Math.Pow(2, bA) - 1;
        // Inputs to integers, bits above bA dropped as V2.0 does (an input above 1 loses its high bits); RD-91: round((2^bA−1)·x)
        // later divided by 2^bA, so the chip reads round(255·x)/256, not x.
        var q = new int[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            var v = input[i];
            if (v < 0 || double.IsNaN(v))
                throw new InvalidDataException($"input {v} of a bit-serial layer is negative: V2.0 applies non-negative inputs bit by bit (ReLU outputs, pixels in [0, 1])");
            q[i] = (int)((long)Math.Round(scale * v, MidpointRounding.ToEven) & mask);
        }
        var cout = _cout;
        var levels = _s.AdcLevels;
        var leff = levels == 0 ? 1 : levels;
        var on = _s.OnOff;
        var gd2 = on.Exact ? (_c - 1) * (on.Num + on.Den) : 0;          // dummy, units 1/(2·Num)
        var gd2D = (_c - 1) * (on.NumValue + on.DenValue);
        var rowsMax = _layout.Arrays.Max(a => a.Length);
        // The exact accumulator holds Σ 2^z c^k (2·qP − qD)·L; checked against long's range, else doubles.
        var bound = Math.Pow(2, bA) * Math.Pow(_c, _k) * _layout.Arrays.Count * 4.0 * rowsMax * (_c - 1) * Math.Max(1, on.NumValue + on.DenValue) * leff;
        var exactSum = _exact && bound < 1L << 62;
        var accL = exactSum ? new long[n * cout] : null;
        var accD = exactSum ? null : new double[n * cout];
        var sh = Shape;
        var positions = sh.Positions;
        var cnt = new int[n];
        var qdl = new long[n];
        var qdd = new double[n];
        var pInt = _exact ? new int[n * cout] : null;
        var pDbl = _exact ? null : new double[n * cout];
        var random = _s.Cells.Drifts && _s.Cells.Detect == 0;
        double[][]? chain = random ? [.. Enumerable.Range(0, _k).Select(_ => new double[_x.Length])] : null;
        int[][]? gInt = _exact ? [.. Enumerable.Range(0, _k).Select(k => ExactConductances(k, read.Stuck))] : null;
        for (var a = 0; a < _layout.Arrays.Count; a++)
        {
            var (start, length) = _layout.Arrays[a];
            var ws = (length + 63) >> 6;
            var bits = new ulong[bA][];
            for (var z = 0; z < bA; z++) bits[z] = new ulong[n * ws];
            ForChunks(n, options, (from, to) =>
            {
                for (var i = from; i < to; i++)
                {
                    int b = i / positions, p = i % positions, py = p / sh.Width, px = p % sh.Width;
                    for (var t = 0; t < length; t++)
                    {
                        var pr = start + t;
                        var iy = py + _layout.KernelY[pr] - sh.KernelHeight / 2;
                        var ix = px + _layout.KernelX[pr] - sh.KernelWidth / 2;
                        if (iy < 0 || iy >= sh.Height || ix < 0 || ix >= sh.Width) continue;
                        var v = q[((b * sh.InChannels + _layout.Channel[pr]) * sh.Height + iy) * sh.Width + ix];
                        while (v != 0)
                        {
                            var z = BitOperations.TrailingZeroCount(v);
                            bits[z][i * ws + (t >> 6)] |= 1UL << (t & 63);
                            v &= v - 1;
                        }
                    }
                }
            });
            for (var z = 0; z < bA; z++)
            {
                var bz = bits[z];
                if (random)
                {
                    var rng = new ChipRandom(read.Seed, read.Instance, read.Batch, read.Layer, a, z, -2);
                    DriftChain(a, chain!, ref rng, random: true);
                }
                // The dummy column: every active row adds Gd; its read has its own range (RD-87: a zero range reads exactly).
                int cmin = int.MaxValue, cmax = int.MinValue;
                for (var i = 0; i < n; i++)
                {
                    var c = 0;
                    for (var w = 0; w < ws; w++) c += BitOperations.PopCount(bz[i * ws + w]);
                    cnt[i] = c;
                    cmin = Math.Min(cmin, c);
                    cmax = Math.Max(cmax, c);
                }
                var dc = (long)cmax - cmin;
                for (var i = 0; i < n; i++)
                {
                    // The dummy's level, found in integers (its reads are counts of one conductance): cmin·L + level·dc, in units of Gd/L.
                    var counts = levels == 0 ? cnt[i] : dc == 0 ? (long)cnt[i] * levels : cmin * levels + Math.Min(levels - 1, (cnt[i] - cmin) * levels / dc) * dc;
                    qdl[i] = gd2 * counts;
                    qdd[i] = gd2D * counts / leff;
                }
                for (var k = 0; k < _k; k++)
                {
                    var weight = Math.Pow(2, z) * Math.Pow(_c, k);
                    if (_exact)
                    {
                        var (lo, hi) = Read(gInt![k], bz, start, ws, n, pInt!, options);
                        AdcExact(pInt!, lo, hi, qdl, (long)weight, levels, accL, accD, n, options, boundary, read.BoundaryTolerance);
                    }
                    else
                    {
                        var g = Conductances(k, a, z, read, random ? chain![k] : _drifted?[k]);
                        var (lo, hi) = Read(g, bz, 0, ws, n, pDbl!, options);
                        AdcDouble(pDbl!, lo, hi, qdd, weight, levels, accD!, n, options, boundary, read.BoundaryTolerance);
                    }
                }
            }
        }
        // The exact reads accumulate 2·qP·L (L: ADC levels); the reads in doubles 2·qP.
        var denominator = (_exact ? leff : 1) * (on.NumValue - on.DenValue) * Math.Pow(2, _s.WeightBits) * Math.Pow(2, bA);
        var y = new double[n * cout];
        if (accL is not null) for (var i = 0; i < y.Length; i++) y[i] = accL[i] / denominator;
        else for (var i = 0; i < y.Length; i++) y[i] = accD![i] / denominator;
        return y;
    }

    /// <summary>Whether x in [0, range] is within tolerance·range of an inner level boundary j·range/L (0 &lt; j &lt; L).</summary>
    private static bool NearBoundary(double x, double range, long levels, double tolerance)
    {
        var f = x * levels / range;
        var j = Math.Round(f);
        return j > 0 && j < levels && Math.Abs(f - j) / levels <= tolerance;
    }

    /// <summary>Integer conductances of cell k (units 1/Num): (Num − Den)·r + (c−1)·Den, stuck cells at G(0) or G(c−1).</summary>
    private int[] ExactConductances(int k, byte[]? stuck)
    {
        var on = _s.OnOff;
        var (a, b) = (on.Num - on.Den, (_c - 1) * on.Den);
        var d = _digits[k];
        var g = new int[d.Length];
        for (var i = 0; i < d.Length; i++)
            g[i] = (int)(stuck?[k * d.Length + i] switch
            {
                1 => b,
                2 => a * (_c - 1) + b,
                _ => a * d[i] + b,
            });
        return g;
    }

    /// <summary>
    /// Conductances of cell k in array a for one read, in doubles (units 1/Num): drifted digits where given, stuck cells, then
    /// the variation G·(1 + ε), ε ~ N(0, vari) drawn afresh for every cell of every read (RD-90).
    /// </summary>
    private double[] Conductances(int k, int array, int z, LayerRead read, double[]? digits)
    {
        var (start, length) = _layout.Arrays[array];
        var on = _s.OnOff;
        var (a, b) = (on.NumValue - on.DenValue, (_c - 1) * on.DenValue);
        var g = new double[length * _cout];
        var vari = _s.Cells.Vari;
        var baseIndex = start * _cout;
        var stuck = read.Stuck;
        var cells = _x.Length;
        Parallel.For(0, length, new ParallelOptions { MaxDegreeOfParallelism = read.Parallelism > 0 ? read.Parallelism : -1 }, t =>
        {
            var rng = vari > 0 ? new ChipRandom(read.Seed, read.Instance, read.Batch, read.Layer, array, z, k, t) : default;
            for (var o = 0; o < _cout; o++)
            {
                var i = baseIndex + t * _cout + o;
                var r = digits is null ? _digits[k][i] : digits[i];
                var v = stuck?[k * cells + i] switch
                {
                    1 => b,
                    2 => a * (_c - 1) + b,
                    _ => a * r + b,
                };
                g[t * _cout + o] = vari > 0 ? v + v * (vari * rng.NextGaussian()) : v;
            }
        });
        return g;
    }

    /// <summary>Runs body(from, to) over [0, n) in chunks, in parallel (results must not depend on the chunks: they do not).</summary>
    private static void ForChunks(int n, ParallelOptions options, Action<int, int> body)
    {
        var chunks = Math.Max(1, Math.Min(n, Environment.ProcessorCount * 8));
        Parallel.For(0, chunks, options, c => body((int)((long)n * c / chunks), (int)((long)n * (c + 1) / chunks)));
    }

    /// <summary>
    /// One read: P[i, o] = Σ over the vector's active rows r (its bits, rows numbered from <paramref name="start"/>) of G[r, o];
    /// returns the read's min and max. In integer conductance units (exact) or in doubles (variation, drift): the same loop,
    /// specialized per type by the JIT.
    /// </summary>
    private (T Lo, T Hi) Read<T>(T[] g, ulong[] bits, int start, int ws, int n, T[] p, ParallelOptions options)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var cout = _cout;
        var (lo, hi) = (T.MaxValue, T.MinValue);
        var gate = new object();
        ForChunks(n, options, (from, to) =>
        {
            var (mn, mx) = (T.MaxValue, T.MinValue);
            for (var i = from; i < to; i++)
            {
                var acc = p.AsSpan(i * cout, cout);
                acc.Clear();
                for (var w = 0; w < ws; w++)
                {
                    var word = bits[i * ws + w];
                    while (word != 0)
                    {
                        var r = start + (w << 6) + BitOperations.TrailingZeroCount(word);
                        word &= word - 1;
                        Add(acc, g.AsSpan(r * cout, cout));
                    }
                }
                foreach (var v in acc) (mn, mx) = (T.Min(mn, v), T.Max(mx, v));
            }
            lock (gate) (lo, hi) = (T.Min(lo, mn), T.Max(hi, mx));
        });
        return (lo, hi);
    }

    private static void Add<T>(Span<T> acc, ReadOnlySpan<T> row) where T : struct, INumber<T>
    {
        var o = 0;
        if (Vector.IsHardwareAccelerated)
            for (; o <= acc.Length - Vector<T>.Count; o += Vector<T>.Count)
                (new Vector<T>(acc[o..]) + new Vector<T>(row[o..])).CopyTo(acc[o..]);
        for (; o < acc.Length; o++) acc[o] += row[o];
    }

    /// <summary>
    /// The ADC on an exact read: level = min(L−1, floor((P − lo)·L/Δ)) over the batch's range [lo, lo + Δ] (RD-89); the quantized
    /// value times 2L, 2·(lo·L + level·Δ), looked up by P − lo; accumulated as w·(2·qP·L − qD·L).
    /// </summary>
    private void AdcExact(int[] p, int lo, int hi, long[] qdl, long weight, long levels, long[]? accL, double[]? accD, int n, ParallelOptions options,
        bool[]? boundary, double tolerance)
    {
        var count = n * _cout;
        long delta = (long)hi - lo;
        Func<long, long> value = levels == 0 ? x => 2 * (lo + x)
            : delta == 0 ? _ => 2L * lo * levels   // RD-87: V2.0 divides 0 by 0 (NaN); the read is exact
            : x => 2 * (lo * levels + Math.Min(levels - 1, x * levels / delta) * delta);
        if (boundary is not null && levels > 0 && delta > 0)
            for (var j = 0; j < count; j++)
                if (NearBoundary(p[j] - lo, delta, levels, tolerance)) boundary[j] = true;
        long[]? table = delta < 4L * count + 1024 ? new long[delta + 1] : null;
        if (table is not null) for (var x = 0; x <= delta; x++) table[x] = value(x);
        var cout = _cout;
        ForChunks(n, options, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var d = qdl[i];
                var start = i * cout;
                if (accL is not null && table is not null)
                    for (var j = start; j < start + cout; j++) accL[j] += weight * (table[p[j] - lo] - d);
                else
                    for (var j = start; j < start + cout; j++)
                    {
                        var v = (table is not null ? table[p[j] - lo] : value(p[j] - lo)) - d;
                        if (accL is not null) accL[j] += weight * v;
                        else accD![j] += (double)weight * v;
                    }
            }
        });
    }

    /// <summary>The ADC on a read in doubles, as V2.0's LinearQuantizeOut: index = clamp(floor((P − lo)/step), 0, L−1), q = index·step + lo.</summary>
    private void AdcDouble(double[] p, double lo, double hi, double[] qd, double weight, long levels, double[] acc, int n, ParallelOptions options,
        bool[]? boundary, double tolerance)
    {
        var count = n * _cout;
        var step = (hi - lo) / levels;
        var quantize = levels > 0 && hi > lo;   // RD-87: a zero range reads exactly
        if (boundary is not null && quantize)
            for (var j = 0; j < count; j++)
                if (NearBoundary(p[j] - lo, hi - lo, levels, tolerance)) boundary[j] = true;
        var cout = _cout;
        ForChunks(n, options, (from, to) =>
        {
            var (vlo, vstep, vtop, vw) = (new Vector<double>(lo), new Vector<double>(step), new Vector<double>(levels - 1), new Vector<double>(weight));
            for (var i = from; i < to; i++)
            {
                var d = qd[i];
                var vd = new Vector<double>(d);
                var start = i * cout;
                var j = start;
                if (Vector.IsHardwareAccelerated && quantize)
                    for (; j <= start + cout - Vector<double>.Count; j += Vector<double>.Count)
                    {
                        var v = new Vector<double>(p.AsSpan(j));
                        var index = Vector.Min(Vector.Max(Vector.Floor((v - vlo) / vstep), Vector<double>.Zero), vtop);
                        (new Vector<double>(acc.AsSpan(j)) + vw * (new Vector<double>(2) * (index * vstep + vlo) - vd)).CopyTo(acc.AsSpan(j));
                    }
                for (; j < start + cout; j++)
                {
                    var v = p[j];
                    if (quantize) v = Math.Clamp(Math.Floor((v - lo) / step), 0, levels - 1) * step + lo;
                    acc[j] += weight * (2 * v - d);
                }
            }
        });
    }

    /// <summary>V2.0's analog first layer (RD-92): real inputs times conductances, no input bits, no ADC, not divided by 2^bA.</summary>
    private double[] ForwardAnalog(double[] input, int n, LayerRead read, ParallelOptions options)
    {
        var on = _s.OnOff;
        var gd2 = (_c - 1) * (on.NumValue + on.DenValue);
        var cout = _cout;
        var acc = new double[n * cout];
        var sh = Shape;
        var positions = sh.Positions;
        var random = _s.Cells.Drifts && _s.Cells.Detect == 0;
        double[][]? chain = random ? [.. Enumerable.Range(0, _k).Select(_ => new double[_x.Length])] : null;
        for (var a = 0; a < _layout.Arrays.Count; a++)
        {
            var (start, length) = _layout.Arrays[a];
            if (random)
            {
                var rng = new ChipRandom(read.Seed, read.Instance, read.Batch, read.Layer, a, 0, -2);
                DriftChain(a, chain!, ref rng, random: true);
            }
            for (var k = 0; k < _k; k++)
            {
                var g = Conductances(k, a, 0, read, random ? chain![k] : _drifted?[k]);
                var weight = Math.Pow(_c, k);
                Parallel.For(0, n, options, () => new double[cout], (i, _, p) =>
                {
                    int b = i / positions, pos = i % positions;
                    Array.Clear(p);
                    var d = 0.0;
                    for (var t = 0; t < length; t++)
                    {
                        var x = InputAt(input, sh, _layout, start + t, b, pos);
                        if (x == 0) continue;
                        d += x * gd2;
                        for (var o = 0; o < cout; o++) p[o] += x * g[t * cout + o];
                    }
                    for (var o = 0; o < cout; o++) acc[i * cout + o] += weight * (2 * p[o] - d);
                    return p;
                }, _ => { });
            }
        }
        var denominator = (on.NumValue - on.DenValue) * Math.Pow(2, _s.WeightBits);
        for (var i = 0; i < acc.Length; i++) acc[i] /= denominator;
        return acc;
    }
}
