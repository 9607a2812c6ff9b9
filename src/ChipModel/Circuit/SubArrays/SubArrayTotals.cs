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
    /// <summary>
    /// The subarray's reads over every input vector and, in training, its weight update. While a sweep plans its shared
    /// reads (<see cref="LayerData.PlanOnly"/>) it only records the window and returns nothing.
    /// </summary>
    public static SubArrayTotals Evaluate(SubArray sa, LayerData layer, SubMatrix m, ChipParameters p, MemCell cell, int numInVector)
    {
        if (layer is { PlanOnly: true, SharedReads: { } shared })
        {
            if (sa is EnvmSubArray envm && layer.Source is { } source)
            {
                var (forward, backward) = envm.SenseAmps;
                shared.Register(new ReadWindow(source, layer.Conductances, ColumnRead(p, cell), m, numInVector), layer, forward, backward);
            }
            return default;
        }
        var timings = layer.Timings;
        var start = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var hasBackward = p.HasActivationGradient(layer.Index);   // RD-101: not V2.1's first layer
        var write = p.Config.TrainingEstimation ? sa.Write(WriteActivity(sa, layer, m, p, cell, numInVector), hasBackward) : default;
        if (timings is not null) timings.Add(EstimatePhase.WeightUpdate, start);
        var reads = sa switch
        {
            SramSubArray sram => ReadSram(sram, sram.Array, layer, m, p, numInVector, hasBackward),
            SramRowByRowSubArray sram => ReadSram(sram, sram.Array, layer, m, p, numInVector, hasBackward),
            EnvmSubArray envm => ReadEnvm(envm, layer, m, p, cell, numInVector, hasBackward),
            _ => throw new ArgumentException($"Unknown subarray {sa.GetType().Name}."),
        };
        return new SubArrayTotals(reads, write);
    }

    /// <summary>The window's weight-update pulses and activities: counted once for a sweep's chips of one <see cref="WriteUpdateKey"/>.</summary>
    private static WriteActivity WriteActivity(SubArray sa, LayerData layer, SubMatrix m, ChipParameters p, MemCell cell, int numInVector)
    {
        if (layer is not { SharedReads: { } shared, Source: { } source }) return WriteUpdate.Estimate(layer, m, sa, cell, p);
        var r = sa.Resistances;
        var key = new WriteUpdateKey(layer.Conductances, cell.MaxNumLevelLTP, cell.MaxNumLevelLTD, cell.WriteVoltage, cell.WritePulseWidth, (int)cell.Type,
            (int)cell.Access, sa.Vdd, sa.CapRow1, sa.CapRow2, sa.CapCol, r.ResMemCellOnAtHalfVw, r.ResMemCellOffAtHalfVw, p.Config.GateCapFeFET)
        {
            // V2.1's update differs (FeFET polarization energy, average pulses over the rows written): its own key.
            V21Polarization = p.V21 ? p.Config.Polarization : null,
            V21FeatureSize = p.V21 ? sa.FeatureSize : null,
        };
        return shared.WriteActivityOf(new ReadWindow(source, layer.Conductances, ColumnRead(p, cell), m, numInVector), key,
            () => WriteUpdate.Estimate(layer, m, sa, cell, p));
    }

    /// <summary>How this chip turns a window's conductances into column resistances.</summary>
    private static ColumnReadParameters ColumnRead(ChipParameters p, MemCell cell) =>
        new(p.WireResistanceRow, p.WireResistanceCol, cell.Access == CellAccessType.Cmos && cell.Type == MemCellType.Rram ? cell.ResistanceAccess : 0, p.ParallelRead);

    /// <summary>
    /// eNVM: the window's column reads and conversions (shared by a sweep's chips, or computed here), then this chip's
    /// periphery for each input vector, summed in vector order.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static SubArrayRead ReadEnvm(EnvmSubArray sa, LayerData layer, SubMatrix m, ChipParameters p, MemCell cell, int numInVector, bool hasBackward)
    {
        var (forward, backward) = sa.SenseAmps;
        var read = ColumnRead(p, cell);
        var reads = layer.SharedReads is { } shared && layer.Source is { } source
            ? shared.Find(new ReadWindow(source, layer.Conductances, read, m, numInVector), forward.Identity, backward?.Identity)
            : null;
        reads ??= WindowReads.Compute(layer, m, read, numInVector, backward is null ? [forward] : [forward, backward], layer.Timings);
        var timings = layer.Timings;
        var start = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var f = reads.IndexOf(forward.Identity);
        var b = backward is null ? -1 : reads.IndexOf(backward.Identity);
        var n = m.RowCount;
        var sum = new ReadSum();
        // No row driven gives the same read every time (common: zero activations and high-order bit planes).
        SubArrayRead? idle = null;
        for (var k = 0; k < numInVector; k++)
        {
            var active = reads.Active(k);
            SubArrayRead r;
            if (active == 0 && idle is { } known) r = known;
            else
            {
                var samples = new ReadSamples(reads.Sample(f, k), b < 0 ? default : reads.Sample(b, k));
                r = sa.Read((double)active / n, samples, hasBackward);
                if (active == 0) idle = r;
            }
            sum.Add(r);
        }
        if (timings is not null) timings.Add(EstimatePhase.ReadPeriphery, start);
        return sum.Total;
    }

    /// <summary>
    /// SRAM: a cell's read current does not depend on its bit, so every column sees the same resistance,
    /// set by the number of active rows alone; one read per distinct count.
    /// </summary>
    private static SubArrayRead ReadSram(SubArray sa, SramArray array, LayerData layer, SubMatrix m, ChipParameters p, int numInVector, bool hasBackward)
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
                r = sa.Read((double)active / n, res, hasBackward);
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
}
