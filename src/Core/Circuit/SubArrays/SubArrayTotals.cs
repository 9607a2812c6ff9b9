using NeuroSim.Replay.Core.Circuit.Cells;
using NeuroSim.Replay.Core.Circuit.Trace;

namespace NeuroSim.Replay.Core.Circuit.SubArrays;

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
        var n = m.RowCount;
        var cols = m.ColCount;
        var g = new double[n * cols];
        var access = cell.Access == CellAccessType.Cmos && cell.Type == MemCellType.Rram ? cell.ResistanceAccess : 0;
        if (cell.Type == MemCellType.Sram) throw new NotSupportedException("SRAM subarrays are not modeled yet.");
        for (var i = 0; i < n; i++)
        {
            var src = m.Rows[i] * layer.Cols + m.ColStart;
            for (var j = 0; j < cols; j++)
            {
                var total = 1.0 / layer.NewConductance[src + j] + (j + 1) * p.WireResistanceRow + (n - i) * p.WireResistanceCol + access;
                g[i * cols + j] = 1.0 / total;
            }
        }
        var write = p.Config.TrainingEstimation
            ? sa.Write(WriteUpdate.Estimate(layer, m, sa, cell, p))
            : default;

        var acc = new double[cols];
        var res = new double[cols];
        double lat = 0, latAG = 0, latADC = 0, latAccum = 0, latOther = 0, e = 0, eAG = 0, eADC = 0, eAccum = 0, eOther = 0;
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
                AddInto(acc, g.AsSpan(i * cols, cols));
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
            lat += r.Latency;
            latAG += r.LatencyAG;
            latADC += r.LatencyADC;
            latAccum += r.LatencyAccum;
            latOther += r.LatencyOther;
            e += r.Energy;
            eAG += r.EnergyAG;
            eADC += r.EnergyADC;
            eAccum += r.EnergyAccum;
            eOther += r.EnergyOther;
        }
        return new SubArrayTotals(new SubArrayRead(lat, latAG, latADC, latAccum, latOther, e, eAG, eADC, eAccum, eOther), write);
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
