using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Trace;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>A subarray's reads summed over every input vector of a layer, and its weight update.</summary>
public readonly record struct SubArrayTotals(SubArrayRead Reads, SubArrayWrite Write);

/// <summary>
/// Runs one subarray through a layer's input vectors (ProcessingUnitCalculatePerformance's inner loop with
/// GetInputVector/GetColumnResistance): per vector, the active rows and each column's resistance, with
/// the wire resistance to the cell's position and the access resistance of 1T1R cells.
/// </summary>
public static class SubArrayEvaluation
{
    public static SubArrayTotals Evaluate(SubArray sa, LayerData layer, SubMatrix m, ChipParameters p, MemCell cell, int numInVector)
    {
        var write = p.Config.TrainingEstimation
            ? sa.Write(WriteUpdate.Estimate(layer, m, sa, cell, p))
            : default;
        var reads = sa switch
        {
            SramSubArray sram => ReadSram(sram, sram.Array, layer, m, p, numInVector),
            SramRowByRowSubArray sram => ReadSram(sram, sram.Array, layer, m, p, numInVector),
            _ => ReadEnvm(sa, layer, m, p, cell, numInVector),
        };
        return new SubArrayTotals(reads, write);
    }

    private static SubArrayRead ReadEnvm(SubArray sa, LayerData layer, SubMatrix m, ChipParameters p, MemCell cell, int numInVector)
    {
        var n = m.RowCount;
        var cols = m.ColCount;
        // Scratch (128 KB for a 128x128 subarray): pooled, so thousands of subarrays do not churn the large-object heap.
        var pooled = System.Buffers.ArrayPool<double>.Shared.Rent(n * cols);
        try { return ReadEnvm(sa, layer, m, p, cell, numInVector, pooled.AsSpan(0, n * cols)); }
        finally { System.Buffers.ArrayPool<double>.Shared.Return(pooled); }
    }

    private static SubArrayRead ReadEnvm(SubArray sa, LayerData layer, SubMatrix m, ChipParameters p, MemCell cell, int numInVector, Span<double> g)
    {
        var n = m.RowCount;
        var cols = m.ColCount;
        var access = cell.Access == CellAccessType.Cmos && cell.Type == MemCellType.Rram ? cell.ResistanceAccess : 0;
        for (var i = 0; i < n; i++)
        {
            var src = m.Rows[i] * layer.Cols + m.ColStart;
            for (var j = 0; j < cols; j++)
            {
                var total = 1.0 / layer.NewConductance[src + j] + (j + 1) * p.WireResistanceRow + (n - i) * p.WireResistanceCol + access;
                g[i * cols + j] = 1.0 / total;
            }
        }
        var acc = new double[cols];
        var res = new double[cols];
        var sum = new ReadSum();
        // No row driven gives the same read every time (common: zero activations and high-order bit planes).
        SubArrayRead? idle = null;
        for (var k = 0; k < numInVector; k++)
        {
            Array.Clear(acc);
            var active = 0;
            for (var i = 0; i < n; i++)
            {
                if (!layer.InputBit(k, m.Rows[i])) continue;
                active++;
                AddInto(acc, g.Slice(i * cols, cols));
            }
            SubArrayRead r;
            if (active == 0 && idle is { } known) r = known;
            else
            {
                var activity = (double)active / n;
                for (var j = 0; j < cols; j++)
                    res[j] = p.ParallelRead ? 1.0 / acc[j] : 1.0 / (acc[j] / active);
                r = sa.Read(activity, res);
                if (active == 0) idle = r;
            }
            sum.Add(r);
        }
        return sum.Total;
    }

    /// <summary>
    /// SRAM: a cell's read current does not depend on its bit, so every column sees the same resistance,
    /// set by the number of active rows alone; one read per distinct count.
    /// </summary>
    private static SubArrayRead ReadSram(SubArray sa, SramArray array, LayerData layer, SubMatrix m, ChipParameters p, int numInVector)
    {
        var n = m.RowCount;
        var cols = m.ColCount;
        var perRow = 1.0 / array.CellReadResistance(p.WireResistanceCol);
        // RD-26: summed row by row as the reference does, so the last bit matches.
        var columnG = new double[n + 1];
        for (var a = 1; a <= n; a++) columnG[a] = columnG[a - 1] + perRow;
        var known = new SubArrayRead?[n + 1];
        var res = new double[cols];
        var sum = new ReadSum();
        for (var k = 0; k < numInVector; k++)
        {
            var active = 0;
            for (var i = 0; i < n; i++)
                if (layer.InputBit(k, m.Rows[i])) active++;
            if (known[active] is not { } r)
            {
                Array.Fill(res, 1.0 / columnG[active]);
                r = sa.Read((double)active / n, res);
                known[active] = r;
            }
            sum.Add(r);
        }
        return sum.Total;
    }

    /// <summary>Running totals of reads, in input-vector order.</summary>
    private struct ReadSum
    {
        private double _lat, _latAG, _latADC, _latAccum, _latOther, _e, _eAG, _eADC, _eAccum, _eOther;

        public void Add(SubArrayRead r)
        {
            _lat += r.Latency;
            _latAG += r.LatencyAG;
            _latADC += r.LatencyADC;
            _latAccum += r.LatencyAccum;
            _latOther += r.LatencyOther;
            _e += r.Energy;
            _eAG += r.EnergyAG;
            _eADC += r.EnergyADC;
            _eAccum += r.EnergyAccum;
            _eOther += r.EnergyOther;
        }

        public readonly SubArrayRead Total => new(_lat, _latAG, _latADC, _latAccum, _latOther, _e, _eAG, _eADC, _eAccum, _eOther);
    }

    /// <summary>acc += row, element-wise, with SIMD where the machine has it.</summary>
    private static void AddInto(Span<double> acc, ReadOnlySpan<double> row)
    {
        var j = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var width = System.Numerics.Vector<double>.Count;
            var a = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(acc);
            var r = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(row);
            for (var v = 0; v < a.Length; v++) a[v] += r[v];
            j = a.Length * width;
        }
        for (; j < acc.Length; j++) acc[j] += row[j];
    }
}
