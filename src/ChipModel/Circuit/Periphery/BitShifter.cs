namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>ReLU as a bank of DFFs shifting out the activations (NeuroSim BitShifter.cpp).</summary>
public sealed class BitShifter
{
    private readonly Dff _dff;

    public BitShifter(CircuitContext c, int numUnit, int numBit, double clkFreq)
    {
        NumUnit = numUnit;
        NumBit = numBit;
        NumDff = numBit * numUnit;
        _dff = new Dff(c, NumDff, clkFreq);
    }

    public int NumUnit { get; }
    public int NumBit { get; }
    public int NumDff { get; }
    public double Leakage => _dff.Leakage;

    public Footprint Layout(double newHeight, double newWidth, AreaModify option = AreaModify.None)
    {
        var area = _dff.Layout().Area;
        var fp = newWidth != 0 && option == AreaModify.None
            ? new Footprint(area / newWidth, newWidth, area)
            : new Footprint(newHeight, area / newHeight, area);
        return fp.Fit(newHeight, newWidth, option);
    }

    public double ReadLatency(double numRead) => _dff.ReadLatency(1) * numRead;

    public double ReadEnergy(double numRead) => _dff.ReadEnergy(numRead, NumDff);
}
