namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// One layer's work on a unit (a PE, a tile, or all the tiles and chip-level units of the layer): each phase's
/// latency and energy (<see cref="Phases"/>, with buffers, interconnect and idle time), the same without them
/// (<see cref="Peak"/>: the compute alone) and where the time and energy go (<see cref="Breakdown"/>).
/// </summary>
/// <param name="Leakage">The unit's leakage power (W). Merges keep the last part's, as the reference overwrites it
/// unit by unit (all parts of a merge are the same design).</param>
public readonly record struct UnitPerformance(PhaseCosts Phases, PhaseCosts Peak, CostBreakdown Breakdown, double Leakage)
{
    /// <summary>Every figure repeated <paramref name="times"/> times (e.g. the iterations of an epoch); leakage power unchanged.</summary>
    public static UnitPerformance operator *(UnitPerformance u, double times) =>
        u with { Phases = u.Phases * times, Peak = u.Peak * times, Breakdown = u.Breakdown * times };

    /// <summary>
    /// This whole and <paramref name="part"/> working side by side (the reference's merge of subarrays into a PE, PEs
    /// into a tile, tiles into a layer): latencies the slowest, energies and updates summed (<see cref="PhaseCosts.InParallelWith"/>).
    /// Outside <paramref name="training"/> only the forward phase is merged.
    /// </summary>
    public UnitPerformance InParallelWith(in UnitPerformance part, bool training) =>
        new(Phases.InParallelWith(part.Phases, training), Peak.InParallelWith(part.Peak, training), Breakdown.InParallelWith(part.Breakdown), part.Leakage);

    /// <summary>
    /// The reads shared by <paramref name="copies"/> duplicated arrays or PEs (the reference's "speed-up"): forward and
    /// activation-gradient latencies, their peaks and the on-chip breakdown latencies divided; energies and the
    /// weight update unchanged.
    /// </summary>
    public UnitPerformance SpreadOver(double copies) =>
        this with { Phases = Phases.SpreadOver(copies), Peak = Peak.SpreadOver(copies), Breakdown = Breakdown.SpreadOver(copies) };

    /// <summary>
    /// A forward-only step outside the arrays and ADCs (activation, max pooling): it counts in the forward phase,
    /// its peak and the "other" part.
    /// </summary>
    public UnitPerformance PlusForwardOther(Cost step) => this with
    {
        Phases = Phases with { Forward = Phases.Forward + step },
        Peak = Peak with { Forward = Peak.Forward + step },
        Breakdown = Breakdown with { Other = Breakdown.Other + step },
    };

    /// <summary>
    /// An accumulation adder tree that sums the partial results of the PEs or tiles: it runs in the forward phase
    /// and, with an <paramref name="activationGradient"/> phase (training; RD-101: not V2.1's first layer), again in it
    /// (both counted in the phases, their peaks and, once per phase, the accumulation part).
    /// </summary>
    public UnitPerformance PlusAccumulation(Cost step, bool activationGradient)
    {
        var training = activationGradient;
        var readPhases = training ? 2 : 1;
        return this with
        {
            Phases = Phases with
            {
                Forward = Phases.Forward + step,
                ActivationGradient = training ? Phases.ActivationGradient + step : Phases.ActivationGradient,
            },
            Peak = Peak with
            {
                Forward = Peak.Forward + step,
                ActivationGradient = training ? Peak.ActivationGradient + step : Peak.ActivationGradient,
            },
            Breakdown = Breakdown with { Accumulation = Breakdown.Accumulation + step * readPhases },
        };
    }

    /// <summary>
    /// A batch of images (<see cref="PhaseCosts.ForBatch"/>): every read phase, its peak and the whole breakdown
    /// repeat per image; the weight update and its peak happen once.
    /// </summary>
    public UnitPerformance ForBatch(double batchSize) =>
        this with { Phases = Phases.ForBatch(batchSize), Peak = Peak.ForBatch(batchSize), Breakdown = Breakdown * batchSize };
}
