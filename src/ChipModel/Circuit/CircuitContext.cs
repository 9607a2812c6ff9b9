using NeuroSim.Replay.ChipModel.Circuit.Technology;

namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>What every circuit unit may read: the technology and the operating temperature (K).</summary>
public sealed record CircuitContext(TechnologyParameters Tech, int Temperature)
{
    public double Vdd => Tech.Vdd;
    public double F => Tech.FeatureSize;
}
