using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// The word-line switch matrix of 1T1R arrays in parallel read (NeuroSim NewSwitchMatrix.cpp): per row,
/// transmission gates that pass the access voltage to the gate and the read voltage to the bit line,
/// plus a DFF per row holding the input bit.
/// </summary>
public sealed class NewSwitchMatrix
{
    private readonly CircuitContext _c;
    private readonly CellVoltages _v;
    private readonly double _widthTgN, _widthTgP, _resTg;
    private readonly Dff _dff;

    public NewSwitchMatrix(CircuitContext c, CellVoltages voltages, int numOutput, double clkFreq)
    {
        _c = c;
        _v = voltages;
        NumOutput = numOutput;
        _dff = new Dff(c, numOutput, clkFreq);
        _widthTgN = MinNmosSize * c.F;
        _widthTgP = c.Tech.PnSizeRatio * MinNmosSize * c.F;
        _resTg = Gate.OnResistance(_widthTgN, TransistorKind.Nmos, c.Temperature, c.Tech) * LinearRegionRatio;
        CapTgGateN = Gate.GateCap(_widthTgN, c.Tech);
        CapTgGateP = Gate.GateCap(_widthTgP, c.Tech);
        Leakage = _dff.Leakage;   // the gates are taken as leakage-free
    }

    public int NumOutput { get; }
    public double CapTgGateN { get; }
    public double CapTgGateP { get; }
    public double Leakage { get; }

    public sealed record Placed(Footprint Footprint, double CapTgDrain);

    public Placed Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var minCellHeight = MaxTransistorHeight * _c.F;
        double height, width, hTg;
        if (newHeight != 0 && option == AreaModify.None)
        {
            var perColumn = (int)(newHeight / minCellHeight);
            var columns = Dff.CeilDiv(NumOutput, perColumn);
            perColumn = Dff.CeilDiv(NumOutput, columns);
            var g = Gate.Area(GateType.Inv, 1, _widthTgN, _widthTgP, newHeight / perColumn, _c.Tech);
            hTg = g.Height;
            height = newHeight;
            width = g.Width * 4 * columns + _dff.Layout(newHeight).Width;
        }
        else
        {
            var g = Gate.Area(GateType.Inv, 1, _widthTgN, _widthTgP, minCellHeight, _c.Tech);
            hTg = g.Height;
            height = g.Height * NumOutput;
            width = g.Width * 4 + _dff.Layout(height).Width;
        }
        var fp = Footprint.Of(height, width).Fit(newHeight, newWidth, option);
        return new Placed(fp, Gate.Capacitance(GateType.Inv, 1, _widthTgN, _widthTgP, hTg, _c.Tech).Output);
    }

    /// <summary>Elmore delay through two gates (5 drain loads) into the row; the DFFs add half a clock per read.</summary>
    public (double Read, double Write, double RampOutput) Latency(Placed p, double rampInput, double capLoad, double resLoad, double numRead, double numWrite)
    {
        var tr = _resTg * (p.CapTgDrain * 5 + capLoad) + resLoad * capLoad / 2;
        var h = Gate.Horowitz(tr, rampInput);
        var dff = _dff.ReadLatency(numRead);
        var read = h.Delay * numRead + dff;
        var write = h.Delay * numWrite + (numWrite != 0 ? dff : 0);
        return (read, write, h.RampOutput);
    }

    public double ReadEnergy(Placed p, double numRead, double activityRowRead)
    {
        var vdd2 = _c.Vdd * _c.Vdd;
        double e = 0;
        e += p.CapTgDrain * 2 * _v.Access * _v.Access * NumOutput * activityRowRead;          // Vaccess to the access gates
        e += p.CapTgDrain * 5 * _v.Read * _v.Read * NumOutput * activityRowRead;              // Vread to the bit lines
        e += (CapTgGateN + CapTgGateP) * 3 * vdd2 * NumOutput * activityRowRead;              // three gates open
        return e * numRead + _dff.ReadEnergy(numRead, NumOutput);
    }

    public double WriteEnergy(Placed p, double numWrite, double numReadForDff)
    {
        var vdd2 = _c.Vdd * _c.Vdd;
        double e = 0;
        e += p.CapTgDrain * 2 * _v.Access * _v.Access;
        e += (CapTgGateN + CapTgGateP) * 2 * vdd2 * 2;
        e += (CapTgGateN + CapTgGateP) * vdd2;
        return e * numWrite + (numWrite != 0 ? _dff.ReadEnergy(numReadForDff, NumOutput) : 0);
    }
}
