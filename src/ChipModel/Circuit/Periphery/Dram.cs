using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Off-chip DRAM (NeuroSim DRAM.cpp): bandwidth and energy per bit of GDDR5 or HBM2.</summary>
public readonly record struct Dram(DramType Type)
{
    public double Bandwidth => Type == DramType.Gddr5 ? 4.288e12 : 15.2e12;
    public double EnergyPerBit => Type == DramType.Gddr5 ? 14e-12 : 3.9e-12;

    public double ReadLatency(double numBits) => numBits / Bandwidth;

    public double ReadEnergy(double numBits) => EnergyPerBit * numBits;
}
