using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Ripple comparators of INV, NAND2 and NAND3 gates (NeuroSim Comparator.cpp).</summary>
public sealed class Comparator
{
    private readonly CircuitContext _c;
    private readonly double _wInvN, _wInvP, _wNand2N, _wNand2P, _wNand3N, _wNand3P;
    private readonly double _capInvIn, _capInvOut, _capNand2In, _capNand2Out, _capNand3In, _capNand3Out;

    public Comparator(CircuitContext c, int numBit, int numComparator)
    {
        _c = c;
        NumBit = numBit;
        NumComparator = numComparator;
        var f = c.F;
        var pn = c.Tech.PnSizeRatio;
        (_wInvN, _wInvP) = (MinNmosSize * f, pn * MinNmosSize * f);
        (_wNand2N, _wNand2P) = (2 * MinNmosSize * f, pn * MinNmosSize * f);
        (_wNand3N, _wNand3P) = (3 * MinNmosSize * f, pn * MinNmosSize * f);
        var h = f * MaxTransistorHeight;
        var inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, h, c.Tech);
        var nand2 = Gate.Area(GateType.Nand, 2, _wNand2N, _wNand2P, h, c.Tech);
        var nand3 = Gate.Area(GateType.Nand, 3, _wNand3N, _wNand3P, h, c.Tech);
        AreaUnit = (inv.Height * inv.Width * 4 + nand2.Height * nand2.Width * 4 + nand3.Height * nand3.Width * 3) * numBit;
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, inv.Height, c.Tech);
        (_capNand2In, _capNand2Out) = Gate.Capacitance(GateType.Nand, 2, _wNand2N, _wNand2P, nand2.Height, c.Tech);
        (_capNand3In, _capNand3Out) = Gate.Capacitance(GateType.Nand, 3, _wNand3N, _wNand3P, nand3.Height, c.Tech);
        var t = c.Temperature;
        Leakage = Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, t, c.Tech) * c.Vdd * 4 * numBit * numComparator
            + Gate.Leakage(GateType.Nand, 2, _wNand2N, _wNand2P, t, c.Tech) * c.Vdd * 4 * numBit * numComparator
            + Gate.Leakage(GateType.Nand, 3, _wNand3N, _wNand3P, t, c.Tech) * c.Vdd * 3 * numBit * numComparator;
    }

    public int NumBit { get; }
    public int NumComparator { get; }
    /// <summary>Area of one comparator.</summary>
    public double AreaUnit { get; }
    public double Leakage { get; }

    /// <remarks>RD-30: the middle bits count (numBit − 2) times, which is negative for a 1-bit comparator, as in the reference.</remarks>
    public double ReadLatency(double rampInput, double capLoad, double numRead)
    {
        var t = _c.Temperature;
        var rDown = Gate.OnResistance(_wNand2N, TransistorKind.Nmos, t, _c.Tech) * 2;
        var rUp = Gate.OnResistance(_wNand3P, TransistorKind.Pmos, t, _c.Tech);
        var s1 = Gate.Horowitz(rDown * (_capNand2Out + _capNand3In), rampInput);
        var s2 = Gate.Horowitz(rUp * (_capNand3Out + _capNand2In), s1.RampOutput);
        var m1 = Gate.Horowitz(rDown * (_capNand2Out + _capNand3In), s2.RampOutput);
        var m2 = Gate.Horowitz(rUp * (_capNand3Out + _capNand2In), m1.RampOutput);
        var latency = s1.Delay + s2.Delay + (m1.Delay + m2.Delay) * (NumBit - 2);
        var e1 = Gate.Horowitz(rDown * (_capNand2Out + _capNand3In), m2.RampOutput);
        var e2 = Gate.Horowitz(rUp * (_capNand3Out + capLoad), e1.RampOutput);
        return (latency + e1.Delay + e2.Delay) * numRead;
    }

    public double ReadEnergy(double numRead, int numComparatorPerOperation)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var e = (_capInvIn + _capInvOut) * 4 * v2 + (_capNand2In + _capNand2Out) * 4 * v2 + (_capNand3In + _capNand3Out) * 3 * v2;
        return e * (NumBit * Math.Min(numComparatorPerOperation, NumComparator) * numRead);
    }
}
