using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// The line driver behind a decoder (NeuroSim DecoderDriver.cpp): per line an inverter and transmission gates
/// sized so that they add a quarter of the cell's on-resistance shared by <c>numLoad</c> cells. Cross-point arrays
/// read row by row use it on the word lines.
/// </summary>
public sealed class DecoderDriver
{
    private readonly CircuitContext _c;
    private readonly CellVoltages _v;
    private readonly CellAccessType _access;
    private readonly double _wInvN, _wInvP, _wTgN, _wTgP, _resTg;
    private readonly GateLayout _inv;
    private readonly double _capInvIn, _capInvOut;

    public DecoderDriver(CircuitContext c, CellVoltages voltages, CellAccessType access, SwitchMode mode, int numOutput, int numLoad, double resMemCellOn)
    {
        _c = c;
        _v = voltages;
        _access = access;
        Mode = mode;
        NumOutput = numOutput;
        var f = c.F;
        var t = c.Tech;
        _wInvN = MinNmosSize * f;
        _wInvP = t.PnSizeRatio * MinNmosSize * f;
        _resTg = resMemCellOn / numLoad * IrDropTolerance;
        _wTgN = Gate.OnResistance(f, TransistorKind.Nmos, c.Temperature, t) * f / (_resTg * 2);
        _wTgP = Gate.OnResistance(f, TransistorKind.Pmos, c.Temperature, t) * f / (_resTg * 2);
        _inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, MaxTransistorHeight * f, t);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, _inv.Height, t);
        CapTgGateN = Gate.GateCap(_wTgN, t);
        CapTgGateP = Gate.GateCap(_wTgP, t);
        Leakage = Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, c.Temperature, t) * c.Vdd * numOutput;
    }

    public SwitchMode Mode { get; }
    public int NumOutput { get; }
    public double CapTgGateN { get; }
    public double CapTgGateP { get; }
    public double Leakage { get; }

    public sealed record Placed(Footprint Footprint, double CapTgDrain);

    public Placed Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var t = _c.Tech;
        var f = _c.F;
        var minCellHeight = MaxTransistorHeight * f;
        var minCellWidth = 2 * (PolyWidth + MinGapBetweenGatePoly) * f;
        GateLayout tg;
        if (newHeight != 0 && option == AreaModify.None)
        {
            var perColumn = (int)(newHeight / minCellHeight);
            var columns = (int)Math.Ceiling((double)NumOutput / perColumn);
            perColumn = (int)Math.Ceiling((double)NumOutput / columns);
            tg = Gate.Area(GateType.Inv, 1, _wTgN, _wTgP, newHeight / perColumn, t);
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var perRow = (int)(newWidth / minCellWidth);
            var rows = (int)Math.Ceiling((double)NumOutput / perRow);
            perRow = (int)Math.Ceiling((double)NumOutput / rows);
            var numFold = (int)(newWidth / perRow / (0.5 * minCellWidth)) - 1;
            tg = Gate.PassGateArea(_wTgN, _wTgP, t, numFold);
        }
        else tg = Gate.Area(GateType.Inv, 1, _wTgN, _wTgP, minCellHeight, t);

        // 1T1R lines carry three gates, cross-point lines two.
        var gatesPerLine = _access == CellAccessType.Cmos ? 3 : 2;
        double hUnit, wUnit;
        if (Mode == SwitchMode.Row) { hUnit = Math.Max(_inv.Height, tg.Height); wUnit = _inv.Width + tg.Width * gatesPerLine; }
        else { hUnit = _inv.Height + tg.Height * gatesPerLine; wUnit = Math.Max(_inv.Width, tg.Width); }

        double height, width;
        if (Mode == SwitchMode.Row)
        {
            if (newHeight != 0 && option == AreaModify.None)
            {
                var unitsPerColumn = (int)(newHeight / hUnit);
                var columns = Math.Min((int)Math.Ceiling((double)NumOutput / unitsPerColumn), NumOutput);
                height = newHeight;
                width = wUnit * columns;
            }
            else { height = hUnit * NumOutput; width = wUnit; }
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var unitsPerRow = (int)(newWidth / wUnit);
            var rows = Math.Min((int)Math.Ceiling((double)NumOutput / unitsPerRow), NumOutput);
            height = hUnit * rows;
            width = newWidth;
        }
        else { height = hUnit; width = wUnit * NumOutput; }
        var fp = Footprint.Of(height, width).Fit(newHeight, newWidth, option);
        return new Placed(fp, Gate.Capacitance(GateType.Inv, 1, _wTgN, _wTgP, tg.Height, t).Output);
    }

    /// <summary>
    /// Elmore delay of the gates into the line, times <paramref name="numOperations"/> (reads and writes take the same
    /// path). The reference never resets its write latency between calls, so it adds up to infinity; we take one delay
    /// per write (RD-42).
    /// </summary>
    public (double Delay, double RampOutput) Latency(Placed p, double rampInput, double capLoad, double resLoad, double numOperations)
    {
        var h = Gate.Horowitz(_resTg * (p.CapTgDrain * 2 + capLoad) + resLoad * capLoad / 2, rampInput);
        return (h.Delay * numOperations, h.RampOutput);
    }

    public (double Read, double Write) Energy(Placed p, double numReadCellPerOp, double numWriteCellPerOp, double numRead, double numWrite)
    {
        var vdd2 = _c.Vdd * _c.Vdd;
        var drains = p.CapTgDrain * 2;
        double read = 0, write = 0;
        if (_access == CellAccessType.Cmos)
        {
            read += (_capInvIn + CapTgGateN * 2 + CapTgGateP) * vdd2 * numReadCellPerOp;
            read += (_capInvOut + CapTgGateP * 2 + CapTgGateN) * vdd2 * numReadCellPerOp;
            write += (_capInvIn + CapTgGateN * 2 + CapTgGateP) * vdd2 * numWriteCellPerOp;
            write += (_capInvOut + CapTgGateP * 2 + CapTgGateN) * vdd2 * numWriteCellPerOp;
            write += drains * _v.Write * _v.Write * numWriteCellPerOp;
        }
        else
        {
            // Unselected lines sit at the read voltage; in a write, half-selected lines at half the write voltage.
            read += (_capInvIn + CapTgGateN + CapTgGateP) * vdd2 * numReadCellPerOp;
            read += (_capInvOut + CapTgGateP + CapTgGateN) * vdd2 * numReadCellPerOp;
            read += drains * _v.Read * _v.Read * (NumOutput - numReadCellPerOp);
            write += (_capInvIn + CapTgGateN + CapTgGateP) * vdd2 * numWriteCellPerOp;
            write += (_capInvOut + CapTgGateP + CapTgGateN) * vdd2 * numWriteCellPerOp;
            if (Mode == SwitchMode.Row) write += drains * _v.Write * _v.Write * numWriteCellPerOp;
            write += drains * _v.Write / 2 * _v.Write / 2 * (NumOutput - numWriteCellPerOp);
        }
        return (read * numRead, write * numWrite);
    }
}
