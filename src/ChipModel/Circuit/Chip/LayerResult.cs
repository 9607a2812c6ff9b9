namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

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
    /// <summary>Leakage energy charged to this layer: the other layers' tiles while it runs (layer-by-layer), or
    /// its own tiles while they wait for the pipeline clock.</summary>
    public required double LeakageEnergy { get; init; }

    /// <summary>
    /// The Total row (main.cpp). Layer by layer everything adds up. In a pipeline the forward and
    /// activation-gradient latencies (and their peak, ADC, accumulation, array, buffer and interconnect parts)
    /// are the slowest layer's; weight gradient and update stay sequential and add up. RD-72: the reference never sums
    /// the pipeline's peak WG/WU latencies (leaving 0); we sum them, as weight gradient and update are sequential.
    /// </summary>
    // RD-71: the reference reads the per-layer pipeline vectors out of bounds; we take each layer's own values. RD-72: peak WG/WU summed.
    public static LayerResult Total(IReadOnlyList<LayerResult> layers, bool pipelined, double leakagePower, double leakageEnergy)
    {
        double Sum(Func<LayerResult, double> f) => layers.Sum(f);
        double Clock(Func<LayerResult, double> f) => pipelined ? layers.Max(f) : layers.Sum(f);
        return new LayerResult
        {
            Layer = 0,
            LatencyFW = Clock(x => x.LatencyFW), LatencyAG = Clock(x => x.LatencyAG), LatencyWG = Sum(x => x.LatencyWG), LatencyWU = Sum(x => x.LatencyWU),
            EnergyFW = Sum(x => x.EnergyFW), EnergyAG = Sum(x => x.EnergyAG), EnergyWG = Sum(x => x.EnergyWG), EnergyWU = Sum(x => x.EnergyWU),
            PeakLatencyFW = Clock(x => x.PeakLatencyFW), PeakLatencyAG = Clock(x => x.PeakLatencyAG), PeakLatencyWG = Sum(x => x.PeakLatencyWG), PeakLatencyWU = Sum(x => x.PeakLatencyWU),
            PeakEnergyFW = Sum(x => x.PeakEnergyFW), PeakEnergyAG = Sum(x => x.PeakEnergyAG), PeakEnergyWG = Sum(x => x.PeakEnergyWG), PeakEnergyWU = Sum(x => x.PeakEnergyWU),
            LatencyADC = Clock(x => x.LatencyADC), LatencyAccumulation = Clock(x => x.LatencyAccumulation), LatencyArray = Clock(x => x.LatencyArray),
            LatencyBuffer = Clock(x => x.LatencyBuffer), LatencyInterconnect = Clock(x => x.LatencyInterconnect), LatencyDram = Sum(x => x.LatencyDram),
            EnergyADC = Sum(x => x.EnergyADC), EnergyAccumulation = Sum(x => x.EnergyAccumulation), EnergyArray = Sum(x => x.EnergyArray),
            EnergyBuffer = Sum(x => x.EnergyBuffer), EnergyInterconnect = Sum(x => x.EnergyInterconnect), EnergyDram = Sum(x => x.EnergyDram),
            TileLeakagePower = 0, LeakagePower = leakagePower, LeakageEnergy = leakageEnergy,
        };
    }
}
