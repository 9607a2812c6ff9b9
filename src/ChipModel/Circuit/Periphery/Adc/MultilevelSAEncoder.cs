using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// Encoders turning the multilevel sense amp's thermometer code into binary (NeuroSim
/// MultilevelSAEncoder.cpp): INV, NAND2 and a wide NAND per output bit.
/// </summary>
public sealed class MultilevelSAEncoder
{
    private readonly CircuitContext _c;
    private readonly double _wInvN, _wInvP, _wNandN, _wNandP;
    private readonly GateLayout _nand, _inv, _nandLg;
    private readonly double _capInvIn, _capInvOut, _capNandIn, _capNandOut, _capNandLgIn, _capNandLgOut;

    public MultilevelSAEncoder(CircuitContext c, int numLevel, int numEncoder)
    {
        _c = c;
        NumEncoder = numEncoder;
        NumLevel = numLevel;
        NumInput = numLevel / 2;
        NumGate = (int)Math.Ceiling(Math.Log2(numLevel));
        _wInvN = MinNmosSize * c.F;
        _wInvP = c.Tech.PnSizeRatio * MinNmosSize * c.F;
        _wNandN = 2 * MinNmosSize * c.F;
        _wNandP = c.Tech.PnSizeRatio * MinNmosSize * c.F;
        var h = c.F * MaxTransistorHeight;
        _nand = Gate.Area(GateType.Nand, 2, _wNandN, _wNandP, h, c.Tech);
        _inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, h, c.Tech);
        _nandLg = Gate.Area(GateType.Nand, NumInput, _wNandN, _wNandP, h, c.Tech);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, _inv.Height, c.Tech);
        (_capNandIn, _capNandOut) = Gate.Capacitance(GateType.Nand, 2, _wNandN, _wNandP, _nand.Height, c.Tech);
        (_capNandLgIn, _capNandLgOut) = Gate.Capacitance(GateType.Nand, NumInput, _wNandN, _wNandP, _nandLg.Height, c.Tech);
        var t = c.Temperature;
        Leakage = Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, t, c.Tech) * c.Vdd * (NumLevel + NumGate) * NumEncoder
            + Gate.Leakage(GateType.Nand, 2, _wNandN, _wNandP, t, c.Tech) * c.Vdd * (NumLevel + NumGate) * NumEncoder
            + Gate.Leakage(GateType.Nand, NumInput, _wNandN, _wNandP, t, c.Tech) * c.Vdd * NumGate * NumEncoder;
    }

    public int NumEncoder { get; }
    public int NumLevel { get; }
    /// <summary>Inputs of the wide NAND: half the levels.</summary>
    public int NumInput { get; }
    /// <summary>Output bits: log2(levels).</summary>
    public int NumGate { get; }
    public double Leakage { get; }

    public Footprint Layout(double newHeight, double newWidth, AreaModify option = AreaModify.None)
    {
        var wEncoder = 2 * _inv.Width + _nand.Width + _nandLg.Width;
        var hEncoder = Math.Max((NumLevel - 1) * _inv.Height, (NumLevel - 1) * _nand.Height);
        double height = 0, width = 0;
        if (newWidth != 0 && option == AreaModify.None)
        {
            var perRow = Math.Min((int)Math.Ceiling(newWidth / wEncoder), NumEncoder);
            width = Math.Max(newWidth, wEncoder);
            height = hEncoder * Dff.CeilDiv(NumEncoder, perRow);
        }
        else if (newHeight != 0 && option == AreaModify.None)
        {
            var perColumn = Math.Min((int)Math.Ceiling(newHeight / hEncoder), NumEncoder);
            height = Math.Max(newHeight, hEncoder);
            width = wEncoder * Dff.CeilDiv(NumEncoder, perColumn);
        }
        return Footprint.Of(height, width).Fit(newHeight, newWidth, option);
    }

    /// <summary>Delay of the first two stages (RD-38: the reference computes the last two but does not add them).</summary>
    public double ReadLatency(double rampInput, double numRead)
    {
        var t = _c.Temperature;
        var s1 = Gate.Horowitz(Gate.OnResistance(_wInvN, TransistorKind.Nmos, t, _c.Tech) * 2 * (_capInvOut + _capNandIn * 2), rampInput);
        var s2 = Gate.Horowitz(Gate.OnResistance(_wNandP, TransistorKind.Pmos, t, _c.Tech) * (_capNandOut + _capNandLgIn * NumInput), s1.RampOutput);
        return (s1.Delay + s2.Delay) * numRead;
    }

    public double ReadEnergy(double numRead)
    {
        var v2 = _c.Vdd * _c.Vdd;
        double e = 0;
        e += (_capInvIn + _capInvOut) * v2 * (NumLevel + NumGate) * NumEncoder;
        e += (_capNandIn + _capNandOut) * v2 * (NumLevel + NumGate) * NumEncoder;
        e += (_capNandLgIn + _capNandLgOut) * v2 * NumGate * NumEncoder;
        return e * numRead;
    }
}
