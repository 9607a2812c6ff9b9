using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// A bank of ripple-carry adders of NAND2 gates, 9 per bit (NeuroSim Adder.cpp).
/// </summary>
public sealed class Adder
{
    private readonly CircuitContext _c;
    private readonly double _widthNandN, _widthNandP, _hNand, _wNand, _capIn, _capOut;

    public Adder(CircuitContext c, int numBit, int numAdder)
    {
        _c = c;
        NumBit = numBit;
        NumAdder = numAdder;
        _widthNandN = 2 * MinNmosSize * c.F;
        _widthNandP = c.Tech.PnSizeRatio * MinNmosSize * c.F;
        var nand = Gate.Area(GateType.Nand, 2, _widthNandN, _widthNandP, c.F * MaxTransistorHeight, c.Tech);
        (_hNand, _wNand) = (nand.Height, nand.Width);
        (_capIn, _capOut) = Gate.Capacitance(GateType.Nand, 2, _widthNandN, _widthNandP, _hNand, c.Tech);
        Leakage = Gate.Leakage(GateType.Nand, 2, _widthNandN, _widthNandP, c.Temperature, c.Tech) * c.Vdd * 9 * numBit * numAdder;
    }

    public int NumBit { get; }
    public int NumAdder { get; }
    public double Leakage { get; }

    /// <summary>Input capacitance of one NAND (what an adder presents to its driver).</summary>
    public double CapNandInput => _capIn;

    public Footprint Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        double height = 0, width = 0;
        if (newHeight != 0 && option == AreaModify.None)
        {
            // Adders stacked in columns, each adder one NAND high.
            var (hAdder, wAdder) = (_hNand, _wNand * 9 * NumBit);
            // RD-28: an adder taller than its space is an error the reference prints; it leaves the area 0, and so do we (silently).
            if (hAdder <= newHeight)   // else the reference reports an error and leaves the area 0
            {
                var perColumn = Math.Min((int)(newHeight / hAdder), NumAdder);
                height = newHeight;
                width = wAdder * Dff.CeilDiv(NumAdder, perColumn);
            }
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var (hAdder, wAdder) = (_hNand * NumBit, _wNand * 9);
            if (wAdder <= newWidth)
            {
                var perRow = Math.Min((int)(newWidth / wAdder), NumAdder);
                width = newWidth;
                height = hAdder * Dff.CeilDiv(NumAdder, perRow);
            }
        }
        else
        {
            width = _wNand * 9 * NumBit * NumAdder;
            height = _hNand;
        }
        return Footprint.Of(height, width).Fit(newHeight, newWidth, option);
    }

    /// <summary>Carry-chain delay of <paramref name="numRead"/> additions driving <paramref name="capLoad"/>.</summary>
    public RampedDelay ReadLatency(double rampInput, double capLoad, double numRead)
    {
        var t = _c.Temperature;
        var rDown = Gate.OnResistance(_widthNandN, TransistorKind.Nmos, t, _c.Tech) * 2;
        var rUp = Gate.OnResistance(_widthNandP, TransistorKind.Pmos, t, _c.Tech);
        var s1 = Gate.Horowitz(rDown * (_capOut + _capIn * 3), rampInput);
        var s2 = Gate.Horowitz(rUp * (_capOut + _capIn * 2), s1.RampOutput);
        // Middle bits: one NAND pull-down and pull-up per bit.
        var m1 = Gate.Horowitz(rDown * (_capOut + _capIn * 3), s2.RampOutput);
        var m2 = Gate.Horowitz(rUp * (_capOut + _capIn * 2), m1.RampOutput);
        var latency = s1.Delay + s2.Delay;
        if (NumBit > 2) latency += (m1.Delay + m2.Delay) * (NumBit - 2);
        var e1 = Gate.Horowitz(rDown * (_capOut + _capIn * 3), m2.RampOutput);
        var e2 = Gate.Horowitz(rUp * (_capOut + _capIn), e1.RampOutput);
        var e3 = Gate.Horowitz(rDown * (_capOut + capLoad), e2.RampOutput);
        latency += e1.Delay + e2.Delay + e3.Delay;
        return new RampedDelay(latency * numRead, e3.RampOutput);
    }

    public double ReadEnergy(double numRead, int numAdderPerOperation)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var (ci, co) = (_capIn, _capOut);
        double e = 0;
        e += ci * 6 * v2;                                   // inputs of gates 1, 2 and Cin
        e += co * 2 * v2;                                   // outputs of S[0] and gate 5
        e += ci * 7 * v2 * (NumBit - 1);
        e += co * 3 * v2 * (NumBit - 1);
        e += (co + ci) * v2 * 2;                            // gates 2 and 3
        e += (co + ci * 2) * v2;                            // gate 4
        e += (co + ci * 3) * v2;                            // gate 5
        e += (co + ci) * v2;                                // gate 6
        e += (co + ci * 3) * v2 * (NumBit - 1);             // gate 1
        e += (co + ci) * v2 * (NumBit - 1);                 // gate 3
        e += (co + ci) * v2 * 2 * (NumBit - 1);             // gates 6 and 7
        return e * Math.Min(numAdderPerOperation, NumAdder) * numRead;
    }
}
