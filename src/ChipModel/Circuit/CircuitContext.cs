using NeuroSim.Replay.ChipModel.Circuit.Technology;

namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>What every circuit unit may read: the technology and the operating temperature (K).</summary>
public sealed record CircuitContext(TechnologyParameters Tech, int Temperature)
{
    /// <summary>The reference model the circuits follow (V2.1 changes a few formulas: the H-tree's wire resistivity).</summary>
    public Hardware.ReferenceVersion Model { get; init; } = Hardware.ReferenceVersion.V20;

    public double Vdd => Tech.Vdd;
    public double F => Tech.FeatureSize;
}
