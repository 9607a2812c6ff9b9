using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>SRAM write drivers, three inverters per column (NeuroSim SRAMWriteDriver.cpp).</summary>
public sealed class SramWriteDriver
{
    private readonly CircuitContext _c;
    private readonly double _wInvN, _wInvP;
    private readonly GateLayout _inv;
    private readonly double _capInvIn, _capInvOut;

    public SramWriteDriver(CircuitContext c, int numCol, double activityColWrite, int numWriteCellPerOperationNeuro)
    {
        _c = c;
        NumCol = numCol;
        ActivityColWrite = activityColWrite;
        NumWriteCellPerOperationNeuro = numWriteCellPerOperationNeuro;
        _wInvN = MinNmosSize * c.F;
        _wInvP = c.Tech.PnSizeRatio * MinNmosSize * c.F;
        _inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, c.F * MaxTransistorHeight, c.Tech);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, _inv.Height, c.Tech);
        Leakage = Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, c.Temperature, c.Tech) * c.Vdd * 3 * numCol;
    }

    public int NumCol { get; }
    public double ActivityColWrite { get; }
    public int NumWriteCellPerOperationNeuro { get; }
    public double Leakage { get; }

    public Footprint Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var (hUnit, wUnit) = (_inv.Height * 3, _inv.Width);
        Footprint fp;
        if (newWidth != 0 && option == AreaModify.None)
        {
            var perRow = Math.Min((int)(newWidth / wUnit), NumCol);
            fp = Footprint.Of(Dff.CeilDiv(NumCol, perRow) * hUnit, newWidth);
        }
        else fp = Footprint.Of(hUnit, NumCol * wUnit);
        return fp.Fit(newHeight, newWidth, option);
    }

    public double WriteLatency(double rampInput, double capLoad, double resLoad, double numWrite)
    {
        var t = _c.Temperature;
        var s1 = Gate.Horowitz(Gate.OnResistance(_wInvP, TransistorKind.Pmos, t, _c.Tech) * (_capInvOut + _capInvIn), rampInput);
        var s2 = Gate.Horowitz(Gate.OnResistance(_wInvN, TransistorKind.Nmos, t, _c.Tech) * (capLoad + _capInvOut) + resLoad * capLoad / 2, s1.RampOutput);
        return (s1.Delay + s2.Delay) * numWrite;
    }

    public double WriteEnergy(double numWrite) =>
        (_capInvOut + _capInvIn) * _c.Vdd * _c.Vdd * Math.Min(NumWriteCellPerOperationNeuro, NumCol * ActivityColWrite) * numWrite;
}
