namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// Latency (s) and dynamic energy (J) of a unit for one layer, split as the reference reports them:
/// forward (FW), activation gradient (AG), weight update (WU), buffers, interconnect (IC), the core's ADC /
/// accumulation / other parts, and the peak values without idle time. A local accumulator: every
/// function that fills one returns it by value.
/// </summary>
public struct PerfTotals
{
    public double ReadLatency, ReadEnergy, ReadLatencyAG, ReadEnergyAG, WriteLatencyWU, WriteEnergyWU;
    public double BufferLatency, BufferEnergy, IcLatency, IcEnergy;
    public double LatencyADC, LatencyAccum, LatencyOther, EnergyADC, EnergyAccum, EnergyOther;
    public double PeakLatencyFW, PeakEnergyFW, PeakLatencyAG, PeakEnergyAG, PeakLatencyWU, PeakEnergyWU;
    public double Leakage;

    /// <summary>Combines a part into this whole as the reference does across tiles/PEs: latencies take the maximum, energies add up, updates add up.</summary>
    public void MergeParallel(in PerfTotals part, bool training)
    {
        ReadLatency = Math.Max(part.ReadLatency, ReadLatency);
        ReadEnergy += part.ReadEnergy;
        PeakLatencyFW = Math.Max(part.PeakLatencyFW, PeakLatencyFW);
        PeakEnergyFW += part.PeakEnergyFW;
        if (training)
        {
            ReadLatencyAG = Math.Max(part.ReadLatencyAG, ReadLatencyAG);
            ReadEnergyAG += part.ReadEnergyAG;
            WriteLatencyWU += part.WriteLatencyWU;
            WriteEnergyWU += part.WriteEnergyWU;
            PeakLatencyAG = Math.Max(part.PeakLatencyAG, PeakLatencyAG);
            PeakEnergyAG += part.PeakEnergyAG;
            PeakLatencyWU += part.PeakLatencyWU;
            PeakEnergyWU += part.PeakEnergyWU;
        }
        BufferLatency = Math.Max(part.BufferLatency, BufferLatency);
        BufferEnergy += part.BufferEnergy;
        IcLatency = Math.Max(part.IcLatency, IcLatency);
        IcEnergy += part.IcEnergy;
        LatencyADC = Math.Max(part.LatencyADC, LatencyADC);
        LatencyAccum = Math.Max(part.LatencyAccum, LatencyAccum);
        LatencyOther = Math.Max(part.LatencyOther, LatencyOther);
        EnergyADC += part.EnergyADC;
        EnergyAccum += part.EnergyAccum;
        EnergyOther += part.EnergyOther;
    }

    /// <summary>Divides the latencies that duplication speeds up.</summary>
    /// <summary>A forward-only step outside the arrays and ADCs (activation, max pooling): counts in the forward
    /// latency and energy, their peaks, and the "other" breakdown.</summary>
    public void AddForwardOther(double latency, double energy)
    {
        ReadLatency += latency;
        ReadEnergy += energy;
        PeakLatencyFW += latency;
        PeakEnergyFW += energy;
        LatencyOther += latency;
        EnergyOther += energy;
    }

    public void SpeedUp(double factor)
    {
        ReadLatency /= factor;
        ReadLatencyAG /= factor;
        PeakLatencyFW /= factor;
        PeakLatencyAG /= factor;
        LatencyADC /= factor;
        LatencyAccum /= factor;
        LatencyOther /= factor;
        BufferLatency /= factor;
        IcLatency /= factor;
    }
}
