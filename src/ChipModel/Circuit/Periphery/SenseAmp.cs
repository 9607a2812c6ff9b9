using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Voltage sense amplifiers, one per column (NeuroSim SenseAmp.cpp).</summary>
public sealed class SenseAmp
{
    private readonly CircuitContext _c;
    private readonly double _pitch;

    public SenseAmp(CircuitContext c, int numCol, double senseVoltage, double pitchSenseAmp, double clkFreq, int numReadCellPerOperationNeuro)
    {
        _c = c;
        NumCol = numCol;
        SenseVoltage = senseVoltage;
        _pitch = pitchSenseAmp;
        ClkFreq = clkFreq;
        NumReadCellPerOperationNeuro = numReadCellPerOperationNeuro;
        var f = c.F;
        var t = c.Tech;
        CapLoad = Gate.GateCap((WSenseP + WSenseN) * f, t)
            + Gate.DrainCap(WSenseN * f, TransistorKind.Nmos, _pitch, t)
            + Gate.DrainCap(WSenseP * f, TransistorKind.Pmos, _pitch, t)
            + Gate.DrainCap(WSenseIso * f, TransistorKind.Pmos, _pitch, t)
            + Gate.DrainCap(WSenseMux * f, TransistorKind.Nmos, _pitch, t);
        // RD-31: the reference multiplies the idle current by Vdd twice.
        var idleCurrent = Gate.Leakage(GateType.Inv, 1, WSenseEn * f, 0, c.Temperature, t) * c.Vdd;
        Leakage = idleCurrent * c.Vdd * numCol;
    }

    public int NumCol { get; }
    public double SenseVoltage { get; }
    public double ClkFreq { get; }
    public int NumReadCellPerOperationNeuro { get; }
    public double CapLoad { get; }
    public double Leakage { get; }

    public Footprint Layout(double newHeight, double newWidth, AreaModify option = AreaModify.None)
    {
        var f = _c.F;
        var t = _c.Tech;
        var p = Gate.Area(GateType.Inv, 1, 0, WSenseP * f, _pitch, t).Area;
        var iso = Gate.Area(GateType.Inv, 1, 0, WSenseIso * f, _pitch, t).Area;
        var n = Gate.Area(GateType.Inv, 1, WSenseN * f, 0, _pitch, t).Area;
        var en = Gate.Area(GateType.Inv, 1, WSenseEn * f, 0, _pitch, t).Area;
        var area = (p * 2 + n * 2 + iso + en) * NumCol;
        Footprint fp;
        if (newWidth != 0 && option == AreaModify.None) fp = new Footprint(area / newWidth, newWidth, area);
        else if (newHeight != 0 && option == AreaModify.None) fp = new Footprint(newHeight, area / newHeight, area);
        else fp = new Footprint(0, 0, area);
        return fp.Fit(newHeight, newWidth, option);
    }

    public double ReadLatency(double numRead)
    {
        var gm = Gate.Transconductance(WSenseN * _c.F, TransistorKind.Nmos, _c.Tech) + Gate.Transconductance(WSenseP * _c.F, TransistorKind.Pmos, _c.Tech);
        var latency = CapLoad / gm * Math.Log(_c.Vdd / SenseVoltage);
        latency += 1 / ClkFreq;   // enable clock
        return latency * numRead;
    }

    public double ReadEnergy(double numRead) =>
        CapLoad * _c.Vdd * _c.Vdd * (Math.Min(NumReadCellPerOperationNeuro, NumCol) * numRead);
}
