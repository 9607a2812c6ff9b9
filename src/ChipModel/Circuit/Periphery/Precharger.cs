using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Bit-line prechargers of SRAM arrays (NeuroSim Precharger.cpp): one precharge and two equalizer PMOS per column.</summary>
public sealed class Precharger
{
    private readonly CircuitContext _c;
    private readonly double _wEqual, _wPrecharge;
    private readonly GateLayout _precharge, _equal;

    public Precharger(CircuitContext c, int numCol, double resLoad, double activityColWrite, int numReadCellPerOperationNeuro, int numWriteCellPerOperationNeuro)
    {
        _c = c;
        NumCol = numCol;
        ResLoad = resLoad;
        ActivityColWrite = activityColWrite;
        NumReadCellPerOperationNeuro = numReadCellPerOperationNeuro;
        NumWriteCellPerOperationNeuro = numWriteCellPerOperationNeuro;
        _wEqual = MinNmosSize * c.F;
        _wPrecharge = 6 * c.F;
        var h = c.F * MaxTransistorHeight;
        _precharge = Gate.Area(GateType.Inv, 1, 0, _wPrecharge, h, c.Tech);
        _equal = Gate.Area(GateType.Inv, 1, 0, _wEqual, h, c.Tech);
        CapOutput = Gate.DrainCap(_wPrecharge, TransistorKind.Pmos, _precharge.Height, c.Tech) + Gate.DrainCap(_wEqual, TransistorKind.Pmos, _equal.Height, c.Tech);
        Leakage = Gate.Leakage(GateType.Inv, 1, 0, _wPrecharge, c.Temperature, c.Tech) * c.Vdd * numCol;
    }

    public int NumCol { get; }
    public double ResLoad { get; }
    public double ActivityColWrite { get; }
    public int NumReadCellPerOperationNeuro { get; }
    public int NumWriteCellPerOperationNeuro { get; }
    public double CapOutput { get; }
    public double Leakage { get; }

    public Footprint Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var hUnit = _precharge.Height + _equal.Height * 2;
        var wUnit = Math.Max(_precharge.Width, _equal.Width);
        Footprint fp;
        if (newWidth != 0 && option == AreaModify.None)
        {
            var perRow = Math.Min((int)(newWidth / wUnit), NumCol);
            fp = Footprint.Of(Dff.CeilDiv(NumCol, perRow) * hUnit, newWidth);
        }
        else fp = Footprint.Of(hUnit, NumCol * wUnit);
        return fp.Fit(newHeight, newWidth, option);
    }

    /// <summary>Charging the bit line through the precharge PMOS; the same for reads and writes.</summary>
    public (double Read, double Write, double RampOutput) Latency(double capLoad, double numRead, double numWrite)
    {
        var r = Gate.OnResistance(_wPrecharge, TransistorKind.Pmos, _c.Temperature, _c.Tech);
        var h = Gate.Horowitz(r * (capLoad + CapOutput) + ResLoad * capLoad / 2, 1e20);
        return (h.Delay * numRead, h.Delay * numWrite, h.RampOutput);
    }

    /// <param name="capLoad">The bit-line load of the last latency evaluation (RD-35: the reference reuses it).</param>
    public (double Read, double Write) Energy(double capLoad, double numRead, double numWrite)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var read = capLoad * v2 * Math.Min(NumReadCellPerOperationNeuro, NumCol) * 2 * numRead;   // BL and BL_bar
        var write = capLoad * v2 * Math.Min(NumWriteCellPerOperationNeuro, NumCol * ActivityColWrite) * numWrite;
        return (read, write);
    }
}
