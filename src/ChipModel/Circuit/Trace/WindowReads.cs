using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// A subarray window's reads as far as they depend on the trace (ProcessingUnitCalculatePerformance's inner loop with
/// GetInputVector/GetColumnResistance): per input vector, the number of driven rows and what each sense amp makes of
/// the columns' resistances (with the wire resistance to each cell and the 1T1R access resistance). The rest of a read
/// is the subarray's periphery, which the configuration alone decides.
/// </summary>
public sealed class WindowReads
{
    private readonly int[] _active;
    private readonly AdcIdentity[] _identities;
    private readonly AdcSample[][] _samples;   // [sense amp][vector]

    private WindowReads(int[] active, AdcIdentity[] identities, AdcSample[][] samples) => (_active, _identities, _samples) = (active, identities, samples);

    public int NumVectors => _active.Length;

    /// <summary>Distinct sense amps the columns were converted by.</summary>
    public int Identities => _identities.Length;

    /// <summary>Rows driven by input vector <paramref name="vector"/>.</summary>
    public int Active(int vector) => _active[vector];

    /// <summary>The position of a sense amp's samples (−1 when this window was not converted by one of its identity).</summary>
    public int IndexOf(AdcIdentity identity) => Array.IndexOf(_identities, identity);

    /// <summary>What sense amp number <paramref name="amp"/> (<see cref="IndexOf"/>) made of vector <paramref name="vector"/>'s columns.</summary>
    public AdcSample Sample(int amp, int vector) => _samples[amp][vector];

    /// <summary>Bytes held (for the benchmark's memory figures).</summary>
    public long Bytes => 4L * _active.Length + 16L * _active.Length * _samples.Length;

    /// <summary>
    /// Reads the window's columns for every input vector and converts them with each sense amp of a distinct identity.
    /// Column currents add row by row in row order (RD-26), as the reference; a vector that drives no row is converted once.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static WindowReads Compute(LayerData layer, SubMatrix m, ColumnReadParameters read, int numVectors, IEnumerable<MultilevelSenseAmp> senseAmps,
        EstimateTimings? timings = null)
    {
        var amps = senseAmps.DistinctBy(a => a.Identity).ToArray();
        var n = m.RowCount;
        var cols = m.ColCount;
        var active = new int[numVectors];
        var samples = amps.Select(_ => new AdcSample[numVectors]).ToArray();
        var start = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        // Scratch (128 KB for a 128x128 subarray and a chunk of vectors): pooled, so thousands of windows do not churn the large-object heap.
        const int chunk = 64;
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var g = pool.Rent(n * cols);
        var res = pool.Rent(chunk * cols);
        try
        {
            for (var i = 0; i < n; i++)
            {
                var row = g.AsSpan(i * cols, cols);
                layer.NewConductance.Read(m.Rows[i], m.ColStart, row);
                for (var j = 0; j < cols; j++)
                {
                    var total = 1.0 / row[j] + (j + 1) * read.WireResistanceRow + (n - i) * read.WireResistanceCol + read.AccessResistance;
                    row[j] = 1.0 / total;
                }
            }
            var idle = -1;   // the first vector that drove no row: every later one converts alike
            var driven = new int[chunk * n];   // per vector of the chunk, its driven rows in row order
            // A window of consecutive input rows (every conventional and most novel windows) takes its driven rows from the
            // input's words 64 at a time.
            var firstRow = n == 0 ? 0 : m.Rows[0];
            var consecutive = true;
            for (var i = 1; i < n && consecutive; i++) consecutive = m.Rows[i] == firstRow + i;
            for (var first = 0; first < numVectors; first += chunk)
            {
                var count = Math.Min(chunk, numVectors - first);
                for (var c = 0; c < count; c++)
                {
                    var k = first + c;
                    var list = driven.AsSpan(c * n, n);
                    var rows = 0;
                    if (consecutive)
                    {
                        var words = layer.InputWords(k);
                        for (var i0 = 0; i0 < n; i0 += 64)
                        {
                            var bits = Bits64(words, firstRow + i0);
                            if (n - i0 < 64) bits &= (1UL << (n - i0)) - 1;
                            while (bits != 0)
                            {
                                list[rows++] = i0 + System.Numerics.BitOperations.TrailingZeroCount(bits);
                                bits &= bits - 1;
                            }
                        }
                    }
                    else
                        for (var i = 0; i < n; i++)
                            if (layer.InputBit(k, m.Rows[i])) list[rows++] = i;
                    active[k] = rows;
                }
                ColumnSums(g, n, cols, driven, active.AsSpan(first, count), res);
                for (var c = 0; c < count; c++)
                {
                    var acc = res.AsSpan(c * cols, cols);
                    if (read.ParallelRead) Invert(acc);
                    else
                    {
                        var rows = active[first + c];
                        for (var j = 0; j < cols; j++) acc[j] = 1.0 / (acc[j] / rows);
                    }
                }
                if (timings is not null) start = timings.Add(EstimatePhase.ArrayReads, start);
                for (var c = 0; c < count; c++)
                {
                    var k = first + c;
                    if (active[k] == 0 && idle >= 0)
                    {
                        for (var a = 0; a < amps.Length; a++) samples[a][k] = samples[a][idle];
                        continue;
                    }
                    var columns = res.AsSpan(c * cols, cols);
                    for (var a = 0; a < amps.Length; a++) samples[a][k] = amps[a].Sample(columns);
                    if (active[k] == 0) idle = k;
                }
                if (timings is not null) start = timings.Add(EstimatePhase.Adc, start);
            }
        }
        finally
        {
            pool.Return(g);
            pool.Return(res);
        }
        return new WindowReads(active, [.. amps.Select(a => a.Identity)], samples);
    }

    /// <summary>The 64 bits of rows [row, row + 64) (rows past the end read 0).</summary>
    private static ulong Bits64(ReadOnlySpan<ulong> words, int row)
    {
        var w = row >> 6;
        var shift = row & 63;
        var low = w < words.Length ? words[w] >> shift : 0;
        var high = shift != 0 && w + 1 < words.Length ? words[w + 1] << (64 - shift) : 0;
        return low | high;
    }

    /// <summary>
    /// Each vector's column sums: sums[c, j] = Σ g[i, j] over its driven rows i, added in row order from 0 (RD-26: the
    /// reference's order, so every sum is the same double). Sixteen columns at a time in registers, so that a block of g
    /// stays in the first-level cache while every vector of the chunk goes through it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ColumnSums(double[] g, int n, int cols, int[] driven, ReadOnlySpan<int> counts, double[] sums)
    {
        ref var g0 = ref MemoryMarshal.GetArrayDataReference(g);
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(sums);
        var j0 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j0 + 16 <= cols; j0 += 16)
                for (var c = 0; c < counts.Length; c++)
                {
                    var (a0, a1, a2, a3) = (Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero);
                    var rows = driven.AsSpan(c * n, counts[c]);
                    foreach (var i in rows)
                    {
                        var at = (nuint)(i * cols + j0);
                        a0 += Vector256.LoadUnsafe(ref g0, at);
                        a1 += Vector256.LoadUnsafe(ref g0, at + 4);
                        a2 += Vector256.LoadUnsafe(ref g0, at + 8);
                        a3 += Vector256.LoadUnsafe(ref g0, at + 12);
                    }
                    var to = (nuint)(c * cols + j0);
                    a0.StoreUnsafe(ref s0, to);
                    a1.StoreUnsafe(ref s0, to + 4);
                    a2.StoreUnsafe(ref s0, to + 8);
                    a3.StoreUnsafe(ref s0, to + 12);
                }
        }
        for (var c = 0; c < counts.Length; c++)
        {
            var rows = driven.AsSpan(c * n, counts[c]);
            for (var j = j0; j < cols; j++)
            {
                var sum = 0.0;
                foreach (var i in rows) sum += g[i * cols + j];
                sums[c * cols + j] = sum;
            }
        }
    }

    /// <summary>x = 1 / x, element-wise (each division correctly rounded, as one at a time).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Invert(Span<double> x)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var v = MemoryMarshal.Cast<double, Vector512<double>>(x);
            for (var i = 0; i < v.Length; i++) v[i] = Vector512<double>.One / v[i];
            j = v.Length * Vector512<double>.Count;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var v = MemoryMarshal.Cast<double, Vector256<double>>(x);
            for (var i = 0; i < v.Length; i++) v[i] = Vector256<double>.One / v[i];
            j = v.Length * Vector256<double>.Count;
        }
        for (; j < x.Length; j++) x[j] = 1.0 / x[j];
    }
}
