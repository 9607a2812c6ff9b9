using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// One epoch under several chips, paying once for what they share: every design plans its reads, the shared reads
/// (<see cref="ArrayReads"/>: input bits, each distinct subarray window's column currents and each
/// distinct sense amp's conversions) are computed once over the cores, then each chip's estimate adds its own
/// periphery. The estimates equal <see cref="ChipDesign.Estimate"/> of each design alone, bit for bit.
/// </summary>
public static class SweepEstimate
{
    /// <param name="parallelism">Threads to use (windows at once while reading, chips at once after).</param>
    /// <param name="timings">Where the time goes, summed over the chips (null: not measured).</param>
    public static EpochEstimate[] Run(EpochTrace trace, IReadOnlyList<ChipDesign> designs, int parallelism, CancellationToken cancellationToken = default,
        EstimateTimings? timings = null) =>
        Run(trace, designs, parallelism, new ArrayReads(), cancellationToken, timings);

    /// <summary>As <see cref="Run(EpochTrace, IReadOnlyList{ChipDesign}, int, CancellationToken, EstimateTimings?)"/>, into reads the caller keeps (for their figures).</summary>
    public static EpochEstimate[] Run(EpochTrace trace, IReadOnlyList<ChipDesign> designs, int parallelism, ArrayReads reads,
        CancellationToken cancellationToken = default, EstimateTimings? timings = null)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        Parallel.For(0, designs.Count, options, i => designs[i].PlanReads(trace, reads, cancellationToken));
        reads.Compute(parallelism, cancellationToken, timings);
        var estimates = new EpochEstimate[designs.Count];
        Parallel.For(0, designs.Count, options, i => estimates[i] = designs[i].Estimate(trace, cancellationToken, sharedReads: reads, timings: timings));
        return estimates;
    }
}
