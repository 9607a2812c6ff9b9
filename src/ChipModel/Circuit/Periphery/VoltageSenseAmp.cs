using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// A voltage-mode sense amplifier per read column (NeuroSim VoltageSenseAmp.cpp): 6 NMOS + 5 PMOS, a
/// precharge then a 0.1 V swing sensed against the on/off cell currents.
/// </summary>
public sealed class VoltageSenseAmp
{
    private const double VoltageSenseDiff = 0.1;
    private readonly double _capS1, _capNmosDrain, _resPrecharge, _clkFreq, _readVoltage, _resOn, _resOff;

    /// <param name="resMemCellOn">On resistance of the cell as read (with its access device).</param>
    public VoltageSenseAmp(CircuitContext c, int numReadCol, double clkFreq, double readVoltage, double resMemCellOn, double resMemCellOff)
    {
        NumReadCol = numReadCol;
        _clkFreq = clkFreq;
        _readVoltage = readVoltage;
        _resOn = resMemCellOn;
        _resOff = resMemCellOff;
        var t = c.Tech;
        var widthNmos = MinNmosSize * c.F;
        var widthPmos = t.PnSizeRatio * MinNmosSize * c.F;
        var h = c.F * MaxTransistorHeight;
        // RD-32: the reference sizes both device kinds as NMOS-only inverters (the PMOS width in the NMOS slot).
        var n = Gate.Area(GateType.Inv, 1, widthNmos, 0, h, t);
        var p = Gate.Area(GateType.Inv, 1, widthPmos, 0, h, t);
        AreaUnit = n.Height * n.Width * 6 + p.Height * p.Width * 5;
        _resPrecharge = Gate.OnResistance(widthPmos, TransistorKind.Pmos, c.Temperature, t);
        var nCaps = Gate.Capacitance(GateType.Inv, 1, widthNmos, 0, n.Height, t);
        var pCaps = Gate.Capacitance(GateType.Inv, 1, widthPmos, 0, p.Height, t);
        _capNmosDrain = nCaps.Output;
        _capS1 = nCaps.Input + nCaps.Output + pCaps.Output;
        Leakage = Gate.Leakage(GateType.Nand, 2, widthNmos, widthPmos, c.Temperature, t) * c.Vdd * 2;
        EnergyPerRead = 9.845e-15 * (c.Vdd / 1.1) * (c.Vdd / 1.1) * numReadCol;   // fitted at 65 nm
    }

    public int NumReadCol { get; }
    public double AreaUnit { get; }
    public double Area => AreaUnit * NumReadCol;
    public double Leakage { get; }
    private double EnergyPerRead { get; }

    public double ReadLatency(double capInputLoad, double numRead) =>
        (2.3 * _resPrecharge * _capS1
            + VoltageSenseDiff * (_capS1 + _capNmosDrain + capInputLoad) / (_readVoltage / _resOn - _readVoltage / _resOff)
            + 1 / _clkFreq * 2) * numRead;   // two clock periods: precharge and S/A enable

    public double ReadEnergy(double numRead) => EnergyPerRead * numRead;
}
