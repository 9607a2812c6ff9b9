using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Interconnect;

/// <summary>A repeated bus across a row (or column) of units (NeuroSim Bus.cpp).</summary>
public sealed class Bus
{
    private readonly CircuitContext _c;
    private readonly double _unitWireRes;
    private readonly RepeatedWire _wire;
    private readonly double _capInvIn, _capInvOut;
    private readonly int _numRepeater;

    public Bus(CircuitContext c, BusMode mode, int numRow, int numCol, double delayTolerance, double busWidth,
        double unitHeight, double unitWidth, double unitLengthWireResistance)
    {
        _c = c;
        Mode = mode;
        NumRow = numRow;
        NumCol = numCol;
        BusWidth = busWidth;
        _unitWireRes = unitLengthWireResistance;
        _wire = RepeatedWire.Size(c, unitLengthWireResistance, delayTolerance, halving: false);
        WireLength = mode == BusMode.Horizontal ? unitWidth * (numCol - 1) : unitHeight * (numRow - 1);
        var inv = Gate.Area(GateType.Inv, 1, _wire.WidthInvN, _wire.WidthInvP, c.F * MaxTransistorHeight, c.Tech);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wire.WidthInvN, _wire.WidthInvP, inv.Height, c.Tech);
        _numRepeater = (int)Math.Ceiling(WireLength / _wire.MinDist);
        Leakage = Gate.Leakage(GateType.Inv, 1, _wire.WidthInvN, _wire.WidthInvP, c.Temperature, c.Tech) * c.Vdd / _wire.MinDist * WireLength * (numRow + numCol);
    }

    public BusMode Mode { get; }
    public int NumRow { get; }
    public int NumCol { get; }
    public double BusWidth { get; }
    public double WireLength { get; }
    public double Leakage { get; }

    /// <summary>The processing unit lays its buses over the subarrays, so they take no area of their own.</summary>
    public static double OverlappedArea => 0;

    public double ReadLatency(double numRead)
    {
        var rOn = Gate.OnResistance(_wire.WidthInvN, TransistorKind.Nmos, _c.Temperature, _c.Tech) + Gate.OnResistance(_wire.WidthInvP, TransistorKind.Pmos, _c.Temperature, _c.Tech);
        var d = _wire.MinDist;
        var cw = RepeatedWire.UnitLengthWireCap;
        var unitRep = 0.7 * (rOn * (_capInvIn + _capInvOut + cw * d) + 0.5 * _unitWireRes * d * cw * d + _unitWireRes * d * _capInvIn) / d;
        var unitWire = 0.7 * _unitWireRes * d * cw * d / d;
        return WireLength * (_numRepeater > 0 ? unitRep : unitWire) * numRead;
    }

    public double ReadEnergy(double numBitAccess, double numRead)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var d = _wire.MinDist;
        var cw = RepeatedWire.UnitLengthWireCap;
        var unitRep = (_capInvIn + _capInvOut + cw * d) * v2 / d * 0.25;
        var unitWire = cw * d * v2 / d * 0.25;
        return WireLength * (_numRepeater > 0 ? unitRep : unitWire) * (numBitAccess * numRead);
    }
}
