using System.Runtime.Intrinsics;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// One layer's trace as the chip model consumes it (Chip.cpp LoadInWeightData / LoadInInputData):
/// conductances of the weights after and before the update, [rows x cols] (mapped from the weights where they are
/// read), and the input bits transposed so that each input vector (a column of the V2.0 input matrix) is a bit set over rows.
/// </summary>
public sealed class LayerData
{
    private readonly ulong[] _inputBits;   // [vector][word]

    public LayerData(ConductanceMap newConductance, ConductanceMap oldConductance, int numVectors, ulong[] inputBitsByVector)
    {
        Rows = newConductance.Rows;
        Cols = newConductance.Cols;
        NewConductance = newConductance;
        OldConductance = oldConductance;
        NumVectors = numVectors;
        WordsPerVector = (Rows + 63) / 64;
        _inputBits = inputBitsByVector;
    }

    public int Rows { get; }
    public int Cols { get; }
    public ConductanceMap NewConductance { get; }
    public ConductanceMap OldConductance { get; }
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
    /// Builds the layer's data from a decoded trace (weights mapped to conductance as the reference does, where they are
    /// read); with <paramref name="shared"/>, the input bits come from (and go to) the sweep's shared work.
    /// </summary>
    public static LayerData From(LayerTrace trace, ChipParameters p, ArrayReads? shared = null, EstimateTimings? timings = null, bool planOnly = false, int index = 0)
    {
        var weightRows = trace.Layer.WeightRows;
        var weightCols = trace.Layer.WeightColumns;
        var newG = new ConductanceMap(trace.Weights, weightRows, weightCols, p);
        var oldG = new ConductanceMap(trace.WeightsBeforeUpdate, weightRows, weightCols, p);
        var bits = shared is null ? TransposeInput(trace.Input) : shared.InputBitsOf(trace, () => TransposeInput(trace.Input));
        return new LayerData(newG, oldG, trace.Input.Columns, bits)
            { Source = trace, Conductances = ConductanceKey.Of(p), SharedReads = shared, Timings = timings, PlanOnly = planOnly && shared is not null, Index = index };
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

/// <summary>
/// A layer's weights as conductances (Chip.cpp LoadInWeightData), [rows x weight columns · cells per synapse], mapped cell by
/// cell where they are read rather than stored: a stored map cost 8 bytes a cell for every distinct mapping of a sweep
/// (issue #17). The operations are the reference's, in its order, so every conductance is the same double.
/// </summary>
public sealed class ConductanceMap
{
    private readonly double[] _weights;
    private readonly int _weightCols;
    private readonly int _perSynapse;
    private readonly bool _linear;
    private readonly double _maxG, _minG, _range, _normalizedMax, _realMax, _realMin;
    private readonly int _cellRange;

    public ConductanceMap(double[] weights, int rows, int weightCols, ChipParameters p)
    {
        if (weights.Length != (long)rows * weightCols) throw new ArgumentException($"{weights.Length} weights for a {rows}x{weightCols} matrix", nameof(weights));
        _weights = weights;
        _weightCols = weightCols;
        _perSynapse = p.NumColPerSynapse;
        Rows = rows;
        Cols = weightCols * _perSynapse;
        _linear = p.Config.MemCellType != MemCellType.Sram && p.SynapseBit == p.CellBit;
        (_maxG, _minG) = (p.MaxConductance, p.MinConductance);
        _range = _maxG - _minG;
        _normalizedMax = Math.Pow(2, p.SynapseBit);
        (_realMax, _realMin) = (p.Config.AlgoWeightMax, p.Config.AlgoWeightMin);
        _cellRange = (int)Math.Pow(2, p.CellBit);
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>
    /// Conductances of <paramref name="row"/>, columns [<paramref name="colStart"/>, + destination's length): linear
    /// G = (w+1)/2·(Gmax−Gmin)+Gmin when one eNVM cell holds a synapse (four at a time, the same operations); otherwise
    /// the reference's bit-slicing path, kept as it is (RD-59: it keeps quotients, not remainders, and divides integers,
    /// so cells read Gmin, Gmax or multiples of the range).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Read(int row, int colStart, Span<double> destination)
    {
        if ((uint)row >= (uint)Rows || colStart < 0 || colStart + destination.Length > Cols)
            throw new ArgumentOutOfRangeException(nameof(row), $"cells ({row}, {colStart}..{colStart + destination.Length - 1}) of a {Rows}x{Cols} map");
        if (_linear)
        {
            var w = _weights.AsSpan(row * _weightCols + colStart, destination.Length);
            var j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var (one, two, r, min) = (Vector256.Create(1.0), Vector256.Create(2.0), Vector256.Create(_range), Vector256.Create(_minG));
                for (; j + 4 <= w.Length; j += 4)
                    ((Vector256.Create(w.Slice(j, 4)) + one) / two * r + min).CopyTo(destination.Slice(j, 4));
            }
            for (; j < w.Length; j++) destination[j] = (w[j] + 1) / 2 * _range + _minG;
            return;
        }
        for (var j = 0; j < destination.Length; j++)
        {
            var col = colStart + j;
            var f = _weights[row * _weightCols + col / _perSynapse];
            var newData = (_normalizedMax - 0) / (_realMax - _realMin) * (f - _realMax) + _normalizedMax;
            newData += newData >= 0 ? 0.5 : -0.5;
            var value = (int)newData;
            // Slice u of the synapse is what remains after perSynapse − u integer divisions by the cell's range.
            for (var z = 0; z < _perSynapse - col % _perSynapse; z++) value /= _cellRange;
            destination[j] = value / (_cellRange - 1) * (_maxG - _minG) + _minG;
        }
    }
}
