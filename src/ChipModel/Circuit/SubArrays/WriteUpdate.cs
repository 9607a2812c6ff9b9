using System.Runtime.Intrinsics;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Trace;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// The weight update of one subarray from the weights before and after it (ProcessingUnit.cpp
/// GetWriteUpdateEstimation): LTP/LTD pulses against the minimum conductance step, selected rows and
/// columns, and the array's write energy.
/// </summary>
public static class WriteUpdate
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static WriteActivity Estimate(LayerData layer, SubMatrix m, SubArray subArray, MemCell cell, ChipParameters p)
    {
        var maxPulses = (int)Math.Max(cell.MaxNumLevelLTP, cell.MaxNumLevelLTD);
        var minDelta = (p.MaxConductance - p.MinConductance) / maxPulses;
        int totalSet = 0, totalReset = 0, rowsSet = 0, rowsReset = 0, colsSet = 0, colsReset = 0;
        double energy = 0;
        var envm = p.Config.MemCellType != MemCellType.Sram;
        var feFet = cell.Type == MemCellType.FeFet;
        var v2 = cell.WriteVoltage * cell.WriteVoltage;
        // RD-104 (V2.1 ProcessingUnit.cpp GetWriteUpdateEstimation): a FeFET cell updated by at least one step also switches
        // polarization: Pr maps conductance linearly onto −P…+P, Pr(G) = (G/ΔGmin − ⌊N/2⌋)·2P/N, and erasing to −P before
        // programming costs |Pr(Gnew) + P| + |Pr(Gold) + P| (µC/cm²) × 0.01 (to C/m²) × Vwrite × 2F² per cell.
        var polarization = p.V21 && feFet ? p.Config.Polarization : 0;
        var halfPulses = maxPulses / 2;   // integer division, as the reference
        var prPerStep = polarization * 2 / maxPulses;
        var switchEnergy = 0.01 * cell.WriteVoltage * (2 * subArray.FeatureSize * subArray.FeatureSize);
        var vMinDelta = Vector256.Create(minDelta);
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var (newRow, oldRow) = (pool.Rent(m.ColCount), pool.Rent(m.ColCount));
        foreach (var r in m.Rows)
        {
            int numSet = 0, numReset = 0, setPulse = 0, resetPulse = 0;
            var selected = false;
            layer.NewConductance.Read(r, m.ColStart, newRow.AsSpan(0, m.ColCount));
            layer.OldConductance.Read(r, m.ColStart, oldRow.AsSpan(0, m.ColCount));
            for (var j = 0; j < m.ColCount; j++)
            {
                // Four cells at a time that all changed by less than a pulse are skipped together (the same test as below).
                if (envm && Vector256.IsHardwareAccelerated && (j & 3) == 0 && j + 4 <= m.ColCount
                    && Vector256.LessThanAll(Vector256.Abs(Vector256.Create(newRow, j) - Vector256.Create(oldRow, j)), vMinDelta))
                {
                    j += 3;
                    continue;
                }
                var nw = newRow[j];
                var od = oldRow[j];
                if (envm)
                {
                    var delta = Math.Abs(nw - od);
                    if (delta < minDelta) continue;
                    selected = true;
                    var pulses = (int)Math.Ceiling(delta / minDelta);
                    if (nw > od) { numSet++; setPulse = Math.Max(setPulse, pulses); }
                    else { numReset++; resetPulse = Math.Max(resetPulse, pulses); }
                    if (!feFet) energy += v2 / (Math.Abs(1 / nw + 1 / od) / 2) * cell.WritePulseWidth * pulses;
                    else if (polarization > 0)
                    {
                        var newPr = (nw / minDelta - halfPulses) * prPerStep;
                        var oldPr = (od / minDelta - halfPulses) * prPerStep;
                        energy += (Math.Abs(newPr + polarization) + Math.Abs(oldPr + polarization)) * switchEnergy;
                    }
                }
                else if (nw != od)
                {
                    selected = true;
                    if (nw > od) { numSet++; setPulse = 1; }
                    else { numReset++; resetPulse = 1; }
                }
            }
            if (selected && numSet > 0) rowsSet++;
            else if (selected && numReset > 0) rowsReset++;
            colsSet += numSet;
            colsReset += numReset;
            totalSet += setPulse;
            totalReset += resetPulse;
        }
        pool.Return(newRow);
        pool.Return(oldRow);
        colsSet = rowsSet == 0 ? 0 : colsSet / rowsSet;
        colsReset = rowsReset == 0 ? 0 : colsReset / rowsReset;
        var total = totalReset + totalSet;
        var nRows = m.RowCount;
        var nCols = m.ColCount;
        // RD-107: V2.1 averages the pulses over the rows written (at least one), V2.0 over all rows; truncated to int either way
        // (it matters for cross-point cells, whose unselected word lines are charged that many times).
        var avgPulses = p.V21 ? (int)(total / Math.Max(1, (rowsSet + rowsReset) / 2.0)) : total / nRows;
        var activityCol = (colsSet + colsReset) / 2.0 / nCols;
        var activityRow = (rowsSet + rowsReset) / 2.0 / nRows;
        if (envm)
        {
            var vdd2 = subArray.Vdd * subArray.Vdd;
            if (cell.Access == CellAccessType.Cmos)
            {
                if (feFet)
                {
                    energy += subArray.CapRow2 * vdd2 * totalSet;
                    energy += (subArray.CapCol + p.Config.GateCapFeFET * rowsSet) * v2 * colsSet * totalSet;
                    energy += subArray.CapRow2 * vdd2 * totalReset;
                    energy += (subArray.CapCol + p.Config.GateCapFeFET * rowsReset) * v2 * colsReset * totalReset;
                }
                else
                {
                    energy += subArray.CapRow2 * vdd2 * totalSet;                                                           // selected WL
                    energy += subArray.CapCol * v2 * (nCols >= colsSet ? nCols - colsSet : nCols) * totalSet;               // unselected SLs
                    energy += subArray.CapRow1 * v2 * colsSet * totalSet;                                                   // selected BL
                    energy += subArray.CapRow2 * vdd2 * totalReset;                                                         // selected WL
                    energy += subArray.CapCol * v2 * colsReset * totalReset;                                                // selected SLs
                    energy += subArray.CapRow1 * v2 * (nCols >= colsReset ? nCols - colsReset : nCols) * totalReset;        // unselected BL
                }
            }
            else
            {
                var half2 = cell.WriteVoltage / 2 * cell.WriteVoltage / 2;
                var r = subArray.Resistances;
                var halfCell = half2 * (1 / r.ResMemCellOnAtHalfVw + 1 / r.ResMemCellOffAtHalfVw) / 2 * cell.WritePulseWidth;
                energy += subArray.CapRow1 * v2 * totalSet;
                energy += subArray.CapRow1 * half2 * (nRows >= rowsSet ? nRows - rowsSet : nRows) * avgPulses;
                energy += subArray.CapCol * half2 * (nCols >= colsSet ? nCols - colsSet : nCols) * totalSet;
                energy += halfCell * (nCols >= colsSet ? nCols - colsSet : nCols) * totalSet;
                energy += halfCell * (nRows >= rowsSet ? nRows - rowsSet : nRows) * totalSet;
                energy += subArray.CapRow1 * half2 * (nRows >= rowsReset ? nRows - rowsReset : nRows) * avgPulses;
                energy += subArray.CapCol * v2 * totalReset;
                energy += subArray.CapCol * half2 * (nCols >= colsReset ? nCols - colsReset : nCols) * totalReset;
                energy += halfCell * (nCols >= colsReset ? nCols - colsReset : nCols) * totalReset;
                energy += halfCell * (nRows >= rowsReset ? nRows - rowsReset : nRows) * totalReset;
            }
        }
        else energy = 0;   // SRAM: the subarray accounts for it
        return new WriteActivity(activityRow, activityCol, avgPulses, total, energy);
    }
}
