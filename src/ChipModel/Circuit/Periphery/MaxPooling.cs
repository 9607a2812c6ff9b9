using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Max-pooling units: a tree of N-bit comparators per pooling window (NeuroSim MaxPooling.cpp).</summary>
public sealed class MaxPooling
{
    private readonly CircuitContext _c;
    private readonly Comparator _comparator;
    private readonly double _wInvN, _wInvP, _wNorN2;
    private readonly double _capInvIn, _capInvOut, _capNandIn, _capNorIn, _capNor2In, _capNor2Out;

    public MaxPooling(CircuitContext c, int numBit, int window, int numMaxPooling)
    {
        _c = c;
        NumBit = numBit;
        Window = window;
        NumMaxPooling = numMaxPooling;
        int comparators = 0, stages = 0;
        for (var n = window; n != 0; n /= 2)
        {
            comparators += n / 2;
            stages++;
        }
        NumComparator = comparators + window % 2;
        NumStage = stages + window % 2;
        var f = c.F;
        var pn = c.Tech.PnSizeRatio;
        (_wInvN, _wInvP) = (MinNmosSize * f, pn * MinNmosSize * f);
        var (wNandN, wNandP) = (2 * MinNmosSize * f, pn * MinNmosSize * f);
        var (wNorN, wNorP) = (4 * MinNmosSize * f, pn * MinNmosSize * f);
        _wNorN2 = numBit * 2 * MinNmosSize * f;
        var wNorP2 = pn * MinNmosSize * f;
        _comparator = new Comparator(c, 1, 1);
        var h = f * MaxTransistorHeight;
        var inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, h, c.Tech);
        var nand = Gate.Area(GateType.Nand, 2, wNandN, wNandP, h, c.Tech);
        var nor = Gate.Area(GateType.Nor, 2, wNorN, wNorP, h, c.Tech);
        var nor2 = Gate.Area(GateType.Nor, numBit, _wNorN2, wNorP2, h, c.Tech);
        var unit = (_comparator.AreaUnit + inv.Height * inv.Width * 5) * numBit;   // 1-bit comparators with 4 TG + 1 INV enable
        unit += inv.Height * inv.Width * 6 + (nand.Height * nand.Width + inv.Height * inv.Width) + nor.Height * nor.Width + nor2.Height * nor2.Width;
        AreaUnit = unit * NumComparator;
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, inv.Height, c.Tech);
        _capNandIn = Gate.Capacitance(GateType.Nand, 2, wNandN, wNandP, nand.Height, c.Tech).Input;
        _capNorIn = Gate.Capacitance(GateType.Nor, 2, wNorN, wNorP, nor.Height, c.Tech).Input;
        (_capNor2In, _capNor2Out) = Gate.Capacitance(GateType.Nor, numBit, _wNorN2, wNorP2, nor2.Height, c.Tech);
        Leakage = Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, c.Temperature, c.Tech) * c.Vdd * NumComparator * numMaxPooling;
    }

    public int NumBit { get; }
    public int Window { get; }
    public int NumMaxPooling { get; }
    public int NumComparator { get; }
    public int NumStage { get; }
    /// <summary>Area of one pooling unit.</summary>
    public double AreaUnit { get; }
    public double Leakage { get; }

    public Footprint Layout(double widthArray) => new(AreaUnit * NumMaxPooling / widthArray, widthArray, AreaUnit * NumMaxPooling);

    public double ReadLatency(double rampInput, double capLoad, double numRead)
    {
        var t = _c.Temperature;
        var latency = _comparator.ReadLatency(rampInput, _capInvOut * 2, 1) * NumBit / 2;   // stops half way on average
        latency += Gate.Horowitz(Gate.OnResistance(_wNorN2, TransistorKind.Nmos, t, _c.Tech) * 2 * (_capInvIn * 2 + NumBit * _capInvOut), 1e20).Delay;
        var inv = Gate.Horowitz(Gate.OnResistance(_wInvN, TransistorKind.Nmos, t, _c.Tech) * 2 * (_capInvIn + _capNor2Out), 1e20);
        latency += inv.Delay;
        latency += Gate.Horowitz(Gate.OnResistance(_wInvN, TransistorKind.Nmos, t, _c.Tech) * 2 * (_capInvIn * 2 + capLoad), inv.RampOutput).Delay;
        return latency * NumStage * numRead;
    }

    public double ReadEnergy(double numRead)
    {
        var v2 = _c.Vdd * _c.Vdd;
        double e = 0;
        e += (_capNandIn + _capInvOut) * v2;
        e += (_capNorIn + _capInvOut) * v2;
        e += (_capInvIn + _capInvOut) * v2 * 2;
        e += (_capNor2In + _capInvOut) * v2;
        e += _comparator.ReadEnergy(1, 1) * NumBit / 2;
        return e * NumComparator * NumMaxPooling * numRead;
    }
}
