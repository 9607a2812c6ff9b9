using NeuroSim.Replay.ChipModel.Hardware;
using System.Runtime.CompilerServices;
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

    public bool InputBit(int vector, int row) => (_inputBits[(long)vector * WordsPerVector + (row >> 6)] >> (row & 63) & 1) != 0;

    /// <summary>Builds the layer's data from a decoded trace (weights mapped to conductance as the reference does).</summary>
    public static LayerData From(LayerTrace trace, ChipParameters p)
    {
        var weightRows = trace.Layer.WeightRows;
        var weightCols = trace.Layer.WeightColumns;
        var cols = weightCols * p.NumColPerSynapse;
        var newG = Conductance.Map(trace.Weights, weightRows, weightCols, p);
        var oldG = Conductance.Map(trace.WeightsBeforeUpdate, weightRows, weightCols, p);
        var bits = InputBitsByVector.GetValue(trace, static t => TransposeInput(t.Input));
        return new LayerData(weightRows, cols, newG, oldG, trace.Input.Columns, bits);
    }

    // The input bits do not depend on the chip: configurations replaying the same trace share one transposition.
    private static readonly ConditionalWeakTable<LayerTrace, ulong[]> InputBitsByVector = new();

    private static ulong[] TransposeInput(BitMatrix input)
    {
        var words = (input.Rows + 63) / 64;
        var bits = new ulong[(long)input.Columns * words];
        for (var r = 0; r < input.Rows; r++)
        {
            var rowStart = (long)r * input.Columns;
            for (var cIdx = 0; cIdx < input.Columns; cIdx++)
            {
                var i = rowStart + cIdx;
                if ((input.Packed[i >> 3] >> (int)(i & 7) & 1) != 0)
                    bits[(long)cIdx * words + (r >> 6)] |= 1UL << (r & 63);
            }
        }
        return bits;
    }
}

/// <summary>Weight → conductance (Chip.cpp LoadInWeightData).</summary>
public static class Conductance
{
    /// <summary>
    /// Linear mapping G = (w+1)/2·(Gmax−Gmin)+Gmin when one eNVM cell holds a synapse; otherwise the
    /// reference's bit-slicing path, kept as it is (RD-59: it stores quotients, not remainders, and divides
    /// integers, so cells read Gmin, Gmax or multiples of the range).
    /// </summary>
    public static double[] Map(double[] weights, int rows, int cols, ChipParameters p)
    {
        var maxG = p.MaxConductance;
        var minG = p.MinConductance;
        var perSynapse = p.NumColPerSynapse;
        var outCols = cols * perSynapse;
        var g = new double[rows * outCols];
        var linear = p.Config.MemCellType != MemCellType.Sram && p.SynapseBit == p.CellBit;
        var normalizedMax = Math.Pow(2, p.SynapseBit);
        var realMax = p.Config.AlgoWeightMax;
        var realMin = p.Config.AlgoWeightMin;
        var cellRange = (int)Math.Pow(2, p.CellBit);
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
