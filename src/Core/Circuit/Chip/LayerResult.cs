namespace NeuroSim.Replay.Core.Circuit.Chip;

/// <summary>
/// One layer of an epoch estimate: every number of its row in V2.0's breakdown file, plus leakage.
/// Latencies in s, energies in J, power in W.
/// </summary>
public sealed record LayerResult
{
    public required int Layer { get; init; }
    public required double LatencyFW { get; init; }
    public required double LatencyAG { get; init; }
    public required double LatencyWG { get; init; }
    public required double LatencyWU { get; init; }
    public required double EnergyFW { get; init; }
    public required double EnergyAG { get; init; }
    public required double EnergyWG { get; init; }
    public required double EnergyWU { get; init; }
    public required double PeakLatencyFW { get; init; }
    public required double PeakLatencyAG { get; init; }
    public required double PeakLatencyWG { get; init; }
    public required double PeakLatencyWU { get; init; }
    public required double PeakEnergyFW { get; init; }
    public required double PeakEnergyAG { get; init; }
    public required double PeakEnergyWG { get; init; }
    public required double PeakEnergyWU { get; init; }
    public required double LatencyADC { get; init; }
    public required double LatencyAccumulation { get; init; }
    public required double LatencyArray { get; init; }
    public required double LatencyBuffer { get; init; }
    public required double LatencyInterconnect { get; init; }
    public required double LatencyDram { get; init; }
    public required double EnergyADC { get; init; }
    public required double EnergyAccumulation { get; init; }
    public required double EnergyArray { get; init; }
    public required double EnergyBuffer { get; init; }
    public required double EnergyInterconnect { get; init; }
    public required double EnergyDram { get; init; }
    /// <summary>Leakage power of one tile of the layer.</summary>
    public required double TileLeakagePower { get; init; }
    /// <summary>Leakage power of the layer's tiles.</summary>
    public required double LeakagePower { get; init; }
    /// <summary>Leakage energy of the other layers' tiles while this layer runs (layer-by-layer mode).</summary>
    public required double LeakageEnergy { get; init; }
}
