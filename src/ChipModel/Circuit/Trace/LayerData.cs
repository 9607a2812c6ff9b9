using System.Runtime.Intrinsics;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// One layer's trace as the chip model consumes it (Chip.cpp LoadInWeightData / LoadInInputData):
/// conductances of the weights after and before the update, [rows x cols] row-major, and the input bits
/// transposed so that each input vector (a column of the V2.0 input matrix) is a bit set over rows.
/// </summary>
public sealed class LayerData
{
    private readonly ulong[] _inputBits;   // [vector][word]

    public LayerData(int rows, int cols, double[] newConductance, double[] oldConductance, int numVectors, ulong[] inputBitsByVector)
    {
        Rows = rows;
        Cols = cols;
        NewConductance = newConductance;
        OldConductance = oldConductance;
        NumVectors = numVectors;
        WordsPerVector = (rows + 63) / 64;
        _inputBits = inputBitsByVector;
    }

    public int Rows { get; }
    public int Cols { get; }
    public double[] NewConductance { get; }
    public double[] OldConductance { get; }
    public int NumVectors { get; }
    public int WordsPerVector { get; }

    /// <summary>The decoded trace this layer's data comes from (null when built from arrays).</summary>
    public LayerTrace? Source { get; private init; }

    /// <summary>What of the conductances depends on the configuration (equal keys: equal conductances for the same trace).</summary>
    public ConductanceKey Conductances { get; private init; }

    /// <summary>The shared array reads of a sweep this estimate takes part in (null: every read is computed here).</summary>
    public ArrayReads? SharedReads { get; private init; }

    /// <summary>Where the estimate's time goes (null: not measured).</summary>
    public EstimateTimings? Timings { get; private init; }

    /// <summary>The layer's index in the network (0: the first layer, which V2.1 gives no activation gradient).</summary>
    public int Index { get; private init; }

    /// <summary>The estimate only records the windows it reads in <see cref="SharedReads"/> (ChipDesign.PlanReads) and computes none.</summary>
    public bool PlanOnly { get; private init; }

    public bool InputBit(int vector, int row) => (_inputBits[(long)vector * WordsPerVector + (row >> 6)] >> (row & 63) & 1) != 0;

    /// <summary>The input bits of one vector, a bit per row (row r: word r / 64, bit r % 64).</summary>
    public ReadOnlySpan<ulong> InputWords(int vector) => _inputBits.AsSpan((int)((long)vector * WordsPerVector), WordsPerVector);

    /// <summary>
    /// Builds the layer's data from a decoded trace (weights mapped to conductance as the reference does); with
    /// <paramref name="shared"/>, conductances and input bits come from (and go to) the sweep's shared work.
    /// </summary>
    public static LayerData From(LayerTrace trace, ChipParameters p, ArrayReads? shared = null, EstimateTimings? timings = null, bool planOnly = false, int index = 0)
    {
        var weightRows = trace.Layer.WeightRows;
        var weightCols = trace.Layer.WeightColumns;
        var cols = weightCols * p.NumColPerSynapse;
        var key = ConductanceKey.Of(p);
        var (newG, oldG) = shared is null
            ? (Conductance.Map(trace.Weights, weightRows, weightCols, p), Conductance.Map(trace.WeightsBeforeUpdate, weightRows, weightCols, p))
            : shared.ConductancesOf(trace, key, () => (Conductance.Map(trace.Weights, weightRows, weightCols, p, shared.Recycler),
                Conductance.Map(trace.WeightsBeforeUpdate, weightRows, weightCols, p, shared.Recycler)));
        var bits = shared is null ? TransposeInput(trace.Input) : shared.InputBitsOf(trace, () => TransposeInput(trace.Input));
        return new LayerData(weightRows, cols, newG, oldG, trace.Input.Columns, bits) { Source = trace, Conductances = key, SharedReads = shared, Timings = timings, PlanOnly = planOnly && shared is not null, Index = index };
    }

    /// <summary>
    /// The input's bits by vector: word r / 64 of vector c holds rows r..r+63 of column c. Blocks of 64 rows x 64 columns
    /// are read as 64 words and transposed in registers (bits only move: the same bits as one at a time).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static ulong[] TransposeInput(BitMatrix input)
    {
        var words = (input.Rows + 63) / 64;
        var vectors = input.Columns;
        var bits = new ulong[(long)vectors * words];
        Span<ulong> block = stackalloc ulong[64];
        for (var w = 0; w < words; w++)
        {
            var rows = Math.Min(64, input.Rows - w * 64);
            for (var c0 = 0; c0 < vectors; c0 += 64)
            {
                var take = Math.Min(64, vectors - c0);
                for (var i = 0; i < 64; i++)
                    block[i] = i < rows ? ReadBits(input.Packed, ((long)w * 64 + i) * vectors + c0, take) : 0;
                Transpose64(block);
                for (var j = 0; j < take; j++) bits[(long)(c0 + j) * words + w] = block[j];
            }
        }
        return bits;
    }

    /// <summary><paramref name="count"/> (1–64) bits of LSB-first packed bytes from bit <paramref name="offset"/>, the first in bit 0.</summary>
    private static ulong ReadBits(byte[] packed, long offset, int count)
    {
        var at = (int)(offset >> 3);
        var shift = (int)(offset & 7);
        ulong value;
        if (at + 8 <= packed.Length) value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(packed.AsSpan(at, 8)) >> shift;
        else
        {
            value = 0;
            for (var b = 0; at + b < packed.Length && b < 8; b++) value |= (ulong)packed[at + b] << (8 * b);
            value >>= shift;
        }
        if (shift + count > 64 && at + 8 < packed.Length) value |= (ulong)packed[at + 8] << (64 - shift);
        return count == 64 ? value : value & ((1UL << count) - 1);
    }

    /// <summary>
    /// Transposes a 64x64 bit matrix in place (word i bit j ↔ word j bit i): swaps of ever smaller blocks, halves of 32,
    /// then 16, … then single bits (Warren, Hacker's Delight, §7-3, for least-significant-bit-first words).
    /// </summary>
    private static void Transpose64(Span<ulong> a)
    {
        ReadOnlySpan<ulong> masks = [0x00000000FFFFFFFFUL, 0x0000FFFF0000FFFFUL, 0x00FF00FF00FF00FFUL, 0x0F0F0F0F0F0F0F0FUL, 0x3333333333333333UL, 0x5555555555555555UL];
        var level = 0;
        for (var j = 32; j != 0; j >>= 1, level++)
        {
            var m = masks[level];
            for (var k = 0; k < 64; k = (k + j + 1) & ~j)
            {
                var t = ((a[k] >> j) ^ a[k + j]) & m;
                a[k + j] ^= t;
                a[k] ^= t << j;
            }
        }
    }
}

/// <summary>Weight → conductance (Chip.cpp LoadInWeightData).</summary>
public static class Conductance
{
    /// <summary>g[i] = (w[i] + 1) / 2 · range + Gmin over [start, end), four at a time (the same operations, so the same doubles).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void MapLinear(double[] weights, double[] g, int start, int end, double range, double minG)
    {
        var i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            var (one, two, r, min) = (Vector256.Create(1.0), Vector256.Create(2.0), Vector256.Create(range), Vector256.Create(minG));
            for (; i + 4 <= end; i += 4)
                ((Vector256.Create(weights, i) + one) / two * r + min).CopyTo(g, i);
        }
        for (; i < end; i++) g[i] = (weights[i] + 1) / 2 * range + minG;
    }

    /// <summary>
    /// Linear mapping G = (w+1)/2·(Gmax−Gmin)+Gmin when one eNVM cell holds a synapse; otherwise the
    /// reference's bit-slicing path, kept as it is (RD-59: it stores quotients, not remainders, and divides
    /// integers, so cells read Gmin, Gmax or multiples of the range).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] Map(double[] weights, int rows, int cols, ChipParameters p, ArrayRecycler? recycler = null)
    {
        var maxG = p.MaxConductance;
        var minG = p.MinConductance;
        var perSynapse = p.NumColPerSynapse;
        var outCols = cols * perSynapse;
        if (weights.Length != rows * cols) throw new ArgumentException($"{weights.Length} weights for a {rows}x{cols} matrix", nameof(weights));
        var g = recycler.RentOrAllocate<double>(rows * outCols);   // both paths below write every cell (a map per epoch: no zeroing)
        var linear = p.Config.MemCellType != MemCellType.Sram && p.SynapseBit == p.CellBit;
        var normalizedMax = Math.Pow(2, p.SynapseBit);
        var realMax = p.Config.AlgoWeightMax;
        var realMin = p.Config.AlgoWeightMin;
        var cellRange = (int)Math.Pow(2, p.CellBit);
        if (linear)
        {
            // One cell a synapse: element by element, the same operations in the same order (vectorized, in parallel chunks).
            var range = maxG - minG;
            const int chunk = 1 << 16;
            Parallel.For(0, (weights.Length + chunk - 1) / chunk, part =>
                MapLinear(weights, g, part * chunk, Math.Min(weights.Length, (part + 1) * chunk), range, minG));
            return g;
        }
        var slices = new int[perSynapse];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var f = weights[r * cols + c];
                if (linear)
                {
                    g[r * outCols + c] = (f + 1) / 2 * (maxG - minG) + minG;
                    continue;
                }
                var newData = (normalizedMax - 0) / (realMax - realMin) * (f - realMax) + normalizedMax;
                newData += newData >= 0 ? 0.5 : -0.5;
                var value = (int)newData;
                for (var z = 0; z < perSynapse; z++)
                {
                    value /= cellRange;
                    slices[perSynapse - 1 - z] = value;   // inserted at the front each time
                }
                for (var u = 0; u < perSynapse; u++)
                    g[r * outCols + c * perSynapse + u] = slices[u] / (cellRange - 1) * (maxG - minG) + minG;
            }
        }
        return g;
    }
}
