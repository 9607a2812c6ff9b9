using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// The word-line driver behind the row decoder of 1T1R arrays read row by row (NeuroSim WLNewDecoderDriver.cpp):
/// per row two NAND2s, an inverter and two transmission gates that open one row at a time.
/// </summary>
public sealed class WordLineDecoderDriver
{
    private readonly CircuitContext _c;
    private readonly CellVoltages _v;
    private readonly double _wNandN, _wNandP, _wInvN, _wInvP, _wTgN, _wTgP, _resTg;
    private readonly GateLayout _nand, _inv;
    private readonly double _capNandIn, _capNandOut, _capInvIn, _capInvOut;

    public WordLineDecoderDriver(CircuitContext c, CellVoltages voltages, int numRow)
    {
        _c = c;
        _v = voltages;
        NumRow = numRow;
        var f = c.F;
        var t = c.Tech;
        _wNandN = 2 * MinNmosSize * f;
        _wNandP = t.PnSizeRatio * MinNmosSize * f;
        _wInvN = MinNmosSize * f;
        _wInvP = t.PnSizeRatio * MinNmosSize * f;
        _wTgN = MinNmosSize * f;
        _wTgP = t.PnSizeRatio * MinNmosSize * f;
        var minCellHeight = MaxTransistorHeight * f;
        _nand = Gate.Area(GateType.Nand, 2, _wNandN, _wNandP, minCellHeight, t);
        _inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, minCellHeight, t);
        (_capNandIn, _capNandOut) = Gate.Capacitance(GateType.Nand, 2, _wNandN, _wNandP, _nand.Height, t);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, _inv.Height, t);
        var resTgN = Gate.OnResistance(_wTgN, TransistorKind.Nmos, c.Temperature, t);
        var resTgP = Gate.OnResistance(_wTgP, TransistorKind.Pmos, c.Temperature, t);
        _resTg = 1 / (1 / resTgN + 1 / resTgP);
        CapTgGateN = Gate.GateCap(_wTgN, t);
        CapTgGateP = Gate.GateCap(_wTgP, t);
        // RD-33: two NAND2s and an inverter's worth of leakage per row, twice (the reference's count); the gates leak nothing.
        Leakage = (Gate.Leakage(GateType.Nand, 2, _wNandN, _wNandP, c.Temperature, t) * c.Vdd * numRow * 2)
                  + (Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, c.Temperature, t) * c.Vdd * numRow * 2);
    }

    public int NumRow { get; }
    public double CapTgGateN { get; }
    public double CapTgGateP { get; }
    public double Leakage { get; }

    public sealed record Placed(Footprint Footprint, double CapTgDrain);

    /// <summary>Beside the array: the transmission gates shrink to one row's height, in as many columns as they need.</summary>
    public Placed Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var t = _c.Tech;
        var minCellHeight = MaxTransistorHeight * _c.F;
        var tg = Gate.Area(GateType.Inv, 1, _wTgN, _wTgP, minCellHeight, t);
        double height, width;
        if (newHeight != 0 && option == AreaModify.None)
        {
            var tgHeight = newHeight / NumRow;
            if (tgHeight < minCellHeight)
            {
                var numColTg = (int)Math.Ceiling(minCellHeight / tgHeight);
                tgHeight = newHeight / (int)Math.Ceiling((double)NumRow / numColTg);
            }
            tg = Gate.Area(GateType.Inv, 1, _wTgN, _wTgP, tgHeight, t);
            var hUnit = Math.Max(Math.Max(_inv.Height, _nand.Height), tg.Height);
            var unitsPerColumn = (int)(newHeight / hUnit);
            var columns = (int)Math.Ceiling((double)NumRow / unitsPerColumn);
            height = newHeight;
            width = (3 * _nand.Width + _inv.Width + 2 * tg.Width) * columns;
        }
        else
        {
            height = Math.Max(Math.Max(_inv.Height, _nand.Height), tg.Height) * NumRow;
            width = 3 * _nand.Width + _inv.Width + 2 * tg.Width;
        }
        var fp = Footprint.Of(height, width).Fit(newHeight, newWidth, option);
        return new Placed(fp, Gate.Capacitance(GateType.Inv, 1, _wTgN, _wTgP, tg.Height, t).Output);
    }

    /// <summary>NAND2 → INV → NAND2 (each from the decoder's ramp) → the gates into the row (Elmore).</summary>
    public (double Read, double Write, double RampOutput) Latency(Placed p, double rampInput, double capLoad, double resLoad, double numRead, double numWrite)
    {
        var temp = _c.Temperature;
        var t = _c.Tech;
        var rNand = Gate.OnResistance(_wNandN, TransistorKind.Nmos, temp, t) * 2;   // two NMOS in series
        var rInv = Gate.OnResistance(_wInvP, TransistorKind.Pmos, temp, t);
        var delay = Gate.Horowitz(rNand * (_capNandOut + _capInvIn), rampInput).Delay;
        delay += Gate.Horowitz(rInv * (_capInvOut + 2 * _capNandIn), rampInput).Delay;
        delay += Gate.Horowitz(rNand * (_capNandOut + CapTgGateP + CapTgGateN), rampInput).Delay;
        var tg = Gate.Horowitz(_resTg * (2 * p.CapTgDrain + capLoad) + resLoad * capLoad / 2, 1e20);
        delay += tg.Delay;
        return (delay * numRead, delay * numWrite, tg.RampOutput);
    }

    /// <summary>One row opened per operation.</summary>
    public (double Read, double Write) Energy(Placed p, double numRead, double numWrite)
    {
        var vdd2 = _c.Vdd * _c.Vdd;
        var gates = _capNandIn * vdd2 + (_capInvOut + CapTgGateN) * vdd2 + (_capNandOut + CapTgGateN + CapTgGateP) * vdd2;
        var read = (gates + p.CapTgDrain * _v.Read * _v.Read) * numRead;
        var write = (gates + p.CapTgDrain * _v.Write * _v.Write) * numWrite;
        return (read, write);
    }
}
