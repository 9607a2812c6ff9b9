namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// One layer's figures for an epoch, as Chip.cpp's ChipCalculatePerformance returns them: each phase's latency and
/// energy (with buffers, interconnect, DRAM and idle time), their peaks (the compute alone), the breakdown, and the
/// leakage power of one of the layer's tiles.
/// </summary>
public sealed record LayerPerformance(PhaseCosts Phases, PhaseCosts Peak, CostBreakdown Breakdown, double TileLeakage)
{
    /// <summary>The layer's row of the results, with its <paramref name="tiles"/> and the leakage energy charged to it.</summary>
    public LayerResult ToResult(int layer, double tiles, double leakageEnergy)
    {
        var (phases, peak, parts) = (Phases, Peak, Breakdown);
        return new LayerResult
        {
            Layer = layer,
            LatencyFW = phases.Forward.Latency, LatencyAG = phases.ActivationGradient.Latency,
            LatencyWG = phases.WeightGradient.Latency, LatencyWU = phases.WeightUpdate.Latency,
            EnergyFW = phases.Forward.Energy, EnergyAG = phases.ActivationGradient.Energy,
            EnergyWG = phases.WeightGradient.Energy, EnergyWU = phases.WeightUpdate.Energy,
            PeakLatencyFW = peak.Forward.Latency, PeakLatencyAG = peak.ActivationGradient.Latency,
            PeakLatencyWG = peak.WeightGradient.Latency, PeakLatencyWU = peak.WeightUpdate.Latency,
            PeakEnergyFW = peak.Forward.Energy, PeakEnergyAG = peak.ActivationGradient.Energy,
            PeakEnergyWG = peak.WeightGradient.Energy, PeakEnergyWU = peak.WeightUpdate.Energy,
            LatencyADC = parts.Adc.Latency, LatencyAccumulation = parts.Accumulation.Latency, LatencyArray = parts.Other.Latency,
            LatencyBuffer = parts.Buffer.Latency, LatencyInterconnect = parts.Interconnect.Latency, LatencyDram = parts.Dram.Latency,
            EnergyADC = parts.Adc.Energy, EnergyAccumulation = parts.Accumulation.Energy, EnergyArray = parts.Other.Energy,
            EnergyBuffer = parts.Buffer.Energy, EnergyInterconnect = parts.Interconnect.Energy, EnergyDram = parts.Dram.Energy,
            TileLeakagePower = TileLeakage, LeakagePower = TileLeakage * tiles, LeakageEnergy = leakageEnergy,
        };
    }
}
