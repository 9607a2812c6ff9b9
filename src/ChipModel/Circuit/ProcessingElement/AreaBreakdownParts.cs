namespace NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;

/// <summary>Area of a unit and its parts, as the reference groups them (m²).</summary>
public readonly record struct AreaParts(double Total, double Interconnect, double Adc, double Accumulation, double Other, double Array)
{
    public static AreaParts operator *(AreaParts a, double k) =>
        new(a.Total * k, a.Interconnect * k, a.Adc * k, a.Accumulation * k, a.Other * k, a.Array * k);
}
