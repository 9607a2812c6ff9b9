using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// Shift-and-add units that combine the partial sums of the input bits (NeuroSim ShiftAdd.cpp, binary
/// input mode): an adder and a shift register per unit. The work is hidden inside the read pulse when
/// it fits.
/// </summary>
public sealed class ShiftAdd
{
    private readonly CircuitContext _c;
    private readonly double _readPulseWidth;
    private readonly Adder _adder;
    private readonly Dff _dff;
    private readonly double _wInv, _wNand;

    public ShiftAdd(CircuitContext c, int numUnit, int numAdderBit, double clkFreq, int numReadPulse, double readPulseWidth)
    {
        _c = c;
        _readPulseWidth = readPulseWidth;
        NumUnit = numUnit;
        NumAdderBit = numAdderBit;
        NumReadPulse = numReadPulse;
        // numAdderBit + 1 output bits, plus numReadPulse − 1 bits of shift-register extension.
        NumDff = (numAdderBit + 1 + numReadPulse - 1) * numUnit;
        _dff = new Dff(c, NumDff, clkFreq);
        _adder = new Adder(c, numAdderBit, numUnit);
        var h = c.F * MaxTransistorHeight;
        _wInv = Gate.Area(GateType.Inv, 1, MinNmosSize * c.F, c.Tech.PnSizeRatio * MinNmosSize * c.F, h, c.Tech).Width;
        _wNand = Gate.Area(GateType.Nand, 2, 2 * MinNmosSize * c.F, c.Tech.PnSizeRatio * MinNmosSize * c.F, h, c.Tech).Width;
        Leakage = _adder.Leakage + _dff.Leakage;
    }

    public int NumUnit { get; }
    public int NumAdderBit { get; }
    public int NumReadPulse { get; }
    public int NumDff { get; }
    public double Leakage { get; }

    public Footprint Layout(double newHeight, double newWidth, AreaModify option = AreaModify.None)
    {
        Footprint fp;
        if (newWidth != 0 && option == AreaModify.None)
        {
            var height = _adder.Layout(0, newWidth).Height + _c.F * MaxTransistorHeight + _dff.Layout(0, newWidth).Height;
            fp = Footprint.Of(height, newWidth);
        }
        else
        {
            var width = _adder.Layout(newHeight, 0).Width + _wInv + _wNand + _dff.Layout(newHeight, 0).Width;
            fp = Footprint.Of(newHeight, width);
        }
        return fp.Fit(newHeight, newWidth, option);
    }

    /// <summary>One shift-and-add, plus the part of each further one that does not fit in the read pulse.</summary>
    public double ReadLatency(double numRead)
    {
        var one = _adder.ReadLatency(1e20, _dff.CapTgDrain, 1).Delay + _dff.ReadLatency(1);
        var latency = 0.0;
        if (one > _readPulseWidth) latency += (one - _readPulseWidth) * (numRead - 1);
        return latency + one;
    }

    public double ReadEnergy(double numRead) => _adder.ReadEnergy(numRead, NumUnit) + _dff.ReadEnergy(numRead, NumDff);
}
