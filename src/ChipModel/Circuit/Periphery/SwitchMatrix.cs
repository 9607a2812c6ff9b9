using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// A switch matrix of transmission-gate pairs with a DFF per line (NeuroSim SwitchMatrix.cpp), driving
/// rows (word/bit lines) or columns (source lines). Gates are sized so they add at most a quarter of
/// <c>resTg</c>.
/// </summary>
public sealed class SwitchMatrix
{
    private readonly CircuitContext _c;
    private readonly CellVoltages _v;
    private readonly CellAccessType _access;
    private readonly double _widthTgN, _widthTgP;
    private readonly Dff _dff;

    /// <param name="numWritePulse">The average write pulses known when the matrix is set up (RD-36: the reference reads it once, at initialization).</param>
    public SwitchMatrix(CircuitContext c, CellVoltages voltages, CellAccessType access, SwitchMode mode, int numOutput, double resTg,
        bool neuro, bool parallelWrite, int numWriteCellPerOperationMemory, int numWriteCellPerOperationNeuro, double numWritePulse, double clkFreq)
    {
        _c = c;
        _v = voltages;
        _access = access;
        Mode = mode;
        NumOutput = numOutput;
        Neuro = neuro;
        ParallelWrite = parallelWrite;
        NumWriteCellPerOperationMemory = numWriteCellPerOperationMemory;
        NumWriteCellPerOperationNeuro = numWriteCellPerOperationNeuro;
        NumWritePulse = numWritePulse;
        _dff = new Dff(c, numOutput, clkFreq);
        ResTg = resTg * IrDropTolerance;
        _widthTgN = Gate.OnResistance(c.F, TransistorKind.Nmos, c.Temperature, c.Tech) * c.F * LinearRegionRatio / (ResTg * 2);
        _widthTgP = Gate.OnResistance(c.F, TransistorKind.Pmos, c.Temperature, c.Tech) * c.F * LinearRegionRatio / (ResTg * 2);
        CapTgGateN = Gate.GateCap(_widthTgN, c.Tech);
        CapTgGateP = Gate.GateCap(_widthTgP, c.Tech);
        Leakage = _dff.Leakage;
    }

    public SwitchMode Mode { get; }
    public int NumOutput { get; }
    public bool Neuro { get; }
    public bool ParallelWrite { get; }
    public int NumWriteCellPerOperationMemory { get; }
    public int NumWriteCellPerOperationNeuro { get; }
    public double NumWritePulse { get; }
    public double ResTg { get; }
    public double CapTgGateN { get; }
    public double CapTgGateP { get; }
    public double Leakage { get; }

    public sealed record Placed(Footprint Footprint, double CapTgDrain);

    public Placed Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var t = _c.Tech;
        double height, width, hTg;
        if (Mode == SwitchMode.Row)
        {
            var minCellHeight = MaxTransistorHeight * _c.F;
            if (newHeight != 0 && option == AreaModify.None)
            {
                var perColumn = (int)(newHeight / minCellHeight);
                var columns = Dff.CeilDiv(NumOutput, perColumn);
                perColumn = Dff.CeilDiv(NumOutput, columns);
                var g = Gate.Area(GateType.Inv, 1, _widthTgN, _widthTgP, newHeight / perColumn, t);
                hTg = g.Height;
                height = newHeight;
                width = g.Width * 2 * columns + _dff.Layout(newHeight).Width;
            }
            else
            {
                var g = Gate.Area(GateType.Inv, 1, _widthTgN, _widthTgP, minCellHeight, t);
                hTg = g.Height;
                height = g.Height * NumOutput;
                width = g.Width * 2 + _dff.Layout(height).Width;
            }
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var minCellWidth = 2 * (PolyWidth + MinGapBetweenGatePoly) * _c.F;
            var perRow = (int)(newWidth / (minCellWidth * 2));
            var rows = Dff.CeilDiv(NumOutput, perRow);
            perRow = Dff.CeilDiv(NumOutput, rows);
            var tgWidth = newWidth / perRow / 2;   // two gates per pair
            var numFold = (int)(tgWidth / (0.5 * minCellWidth)) - 1;
            var g = Gate.PassGateArea(_widthTgN, _widthTgP, t, numFold);
            hTg = g.Height;
            width = newWidth;
            height = g.Height * rows + _dff.Layout(0, newWidth).Height;
        }
        else
        {
            var g = Gate.PassGateArea(_widthTgN, _widthTgP, t, 1);
            hTg = g.Height;
            width = g.Width * 2 * NumOutput;
            height = g.Height + _dff.Layout(0, width).Height;
        }
        var fp = Footprint.Of(height, width).Fit(newHeight, newWidth, option);
        return new Placed(fp, Gate.Capacitance(GateType.Inv, 1, _widthTgN, _widthTgP, hTg, t).Output);
    }

    public (double Read, double Write, double RampOutput) Latency(Placed p, double rampInput, double capLoad, double resLoad, double numRead, double numWrite)
    {
        var tr = ResTg * (p.CapTgDrain * 3 + capLoad) + resLoad * capLoad / 2;
        var h = Gate.Horowitz(tr, rampInput);
        var dff = _dff.ReadLatency(numRead);
        return (h.Delay * numRead + dff, h.Delay * numWrite + dff, h.RampOutput);
    }

    public double ReadEnergy(Placed p, double numRead, double activityRowRead)
    {
        var vdd2 = _c.Vdd * _c.Vdd;
        var vr2 = _v.Read * _v.Read;
        double e = 0;
        if (!Neuro)
        {
            e += p.CapTgDrain * 3 * vr2;
            e += (CapTgGateN + CapTgGateP) * vdd2;
        }
        else if (Mode == SwitchMode.Row)
        {
            e += p.CapTgDrain * 3 * vr2 * NumOutput * activityRowRead;
            e += (CapTgGateN + CapTgGateP) * vdd2 * NumOutput * activityRowRead;
        }
        return e * numRead + _dff.ReadEnergy(numRead, NumOutput);
    }

    /// <param name="numRead">The reads the DFF energy was counted for (RD-37: the reference adds that DFF energy to writes too).</param>
    public double WriteEnergy(Placed p, double numWrite, double activityColWrite, double numRead)
    {
        var vdd2 = _c.Vdd * _c.Vdd;
        var gates = CapTgGateN + CapTgGateP;
        var d3 = p.CapTgDrain * 3;
        var vw = _v.Write;
        var vw2 = vw * vw;
        var half2 = vw / 2 * vw / 2;
        double e = 0;
        if (_access == CellAccessType.Cmos)
        {
            if (Mode == SwitchMode.Row)
                e += gates * vdd2 * 2;   // switching from one selected row to the next
            else if (!Neuro)
            {
                var sel = Math.Min(NumWriteCellPerOperationMemory, NumOutput);
                e += d3 * vw2 * (NumOutput - sel / 2);
                e += d3 * vw2 * sel / 2;
                e += gates * vdd2 * NumOutput;
            }
            else
            {
                var sel = Math.Min(NumWriteCellPerOperationNeuro, NumOutput * activityColWrite);
                e += d3 * vw2 * NumWritePulse * sel / 2;          // selected columns
                e += d3 * vw2 * (NumOutput - sel / 2);            // unselected columns
                e += d3 * vw2 * NumWritePulse * sel / 2;
                e += gates * vdd2 * NumOutput;
            }
        }
        else if (Mode == SwitchMode.Row)
        {
            if (!Neuro || !ParallelWrite)
            {
                e += d3 * vw2;
                e += d3 * half2 * (NumOutput - 1);
                e += gates * vdd2 * NumOutput;
            }
            else
            {
                e += d3 * vw2 * NumOutput;
                e += gates * vdd2 * NumOutput;
            }
        }
        else if (!Neuro)
        {
            e += d3 * vw2 * Math.Min(NumWriteCellPerOperationMemory, NumOutput) / 2;
            e += d3 * half2 * NumOutput;
            e += gates * vdd2 * NumOutput;
        }
        else if (ParallelWrite)
        {
            e += d3 * vw2 * NumWritePulse * NumOutput * activityColWrite;
            e += gates * vdd2 * NumOutput;
        }
        else
        {
            var sel = Math.Min(NumWriteCellPerOperationNeuro, NumOutput * activityColWrite);
            e += d3 * vw2 * NumWritePulse * sel / 2;
            e += d3 * vw2 * NumWritePulse * sel / 2;
            e += d3 * half2 * NumOutput;
            e += gates * vdd2 * NumOutput;
        }
        return e * numWrite + _dff.ReadEnergy(numRead, NumOutput);
    }
}
