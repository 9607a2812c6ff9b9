namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// Where a unit's time and energy go, as the breakdown file reports them: the compute core's ADCs, its
/// accumulation (shift-add, adder trees) and its other parts (array, drivers, activation, pooling: the
/// reference's "core other", our breakdown's "array" column), the buffers, the interconnect (buses, H-trees)
/// and DRAM (the chip's only). Parts of different phases add up here, so a part is not a phase.
/// </summary>
public readonly record struct CostBreakdown(Cost Adc, Cost Accumulation, Cost Other, Cost Buffer, Cost Interconnect, Cost Dram)
{
    /// <summary>Every part repeated <paramref name="times"/> times.</summary>
    public static CostBreakdown operator *(CostBreakdown b, double times) =>
        new(b.Adc * times, b.Accumulation * times, b.Other * times, b.Buffer * times, b.Interconnect * times, b.Dram * times);

    /// <summary>Units side by side: each part the slower unit's latency and both energies (<see cref="Cost.InParallelWith"/>); DRAM adds up.</summary>
    public CostBreakdown InParallelWith(CostBreakdown part) => new(Adc.InParallelWith(part.Adc), Accumulation.InParallelWith(part.Accumulation),
        Other.InParallelWith(part.Other), Buffer.InParallelWith(part.Buffer), Interconnect.InParallelWith(part.Interconnect), Dram + part.Dram);

    /// <summary>The on-chip parts' work shared by <paramref name="copies"/> duplicated units (latencies divided); DRAM unchanged.</summary>
    public CostBreakdown SpreadOver(double copies) => this with
    {
        Adc = Adc.SpreadOver(copies),
        Accumulation = Accumulation.SpreadOver(copies),
        Other = Other.SpreadOver(copies),
        Buffer = Buffer.SpreadOver(copies),
        Interconnect = Interconnect.SpreadOver(copies),
    };
}
