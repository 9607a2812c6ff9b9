namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// Latency (s) and dynamic energy (J) of one piece of work: a read phase, a buffer transfer, a step of the
/// breakdown. The operations are the reference's ways of combining them; each rounds exactly as the reference's
/// field-by-field statement does, so a sum written left to right (<c>total + a + b</c>) adds in the reference's order.
/// </summary>
public readonly record struct Cost(double Latency, double Energy)
{
    /// <summary>Work done one after the other: latencies and energies add up.</summary>
    public static Cost operator +(Cost a, Cost b) => new(a.Latency + b.Latency, a.Energy + b.Energy);

    /// <summary>The work repeated <paramref name="times"/> times in sequence (or not at all, for 0).</summary>
    public static Cost operator *(Cost c, double times) => new(c.Latency * times, c.Energy * times);

    /// <summary>The latency alone (no energy), e.g. an adder tree that lengthens each block it follows.</summary>
    public Cost LatencyOnly => new(Latency, 0);

    /// <summary>The energy alone (no latency).</summary>
    public Cost EnergyOnly => new(0, Energy);

    /// <summary>
    /// This work and <paramref name="other"/> on units side by side: the slower unit's latency, both energies
    /// (the reference's <c>MAX</c> on latencies and <c>+=</c> on energies when it merges subarrays, PEs and tiles).
    /// </summary>
    public Cost InParallelWith(Cost other) => new(Math.Max(other.Latency, Latency), Energy + other.Energy);

    /// <summary>The same work shared by <paramref name="copies"/> duplicated units: the latency divided, the same energy.</summary>
    public Cost SpreadOver(double copies) => new(Latency / copies, Energy);

    /// <summary>The work done on each of <paramref name="copies"/> units at once: the same latency, the energy of every copy.</summary>
    public Cost OnEachOf(double copies) => new(Latency, Energy * copies);

    /// <summary>A buffer's read and write (both figures come as read and write parts), read first as the reference adds them.</summary>
    public static Cost ReadAndWrite((double Read, double Write) latency, (double Read, double Write) energy) =>
        new(latency.Read + latency.Write, energy.Read + energy.Write);
}
