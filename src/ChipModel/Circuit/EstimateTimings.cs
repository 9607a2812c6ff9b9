namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// Where an estimate's time goes (for <c>bench</c>): Stopwatch ticks per <see cref="EstimatePhase"/>, summed over the
/// threads that worked on it. An explicit object handed to the estimate; thread-safe.
/// </summary>
public sealed class EstimateTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<EstimatePhase>().Length];

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (Stopwatch.GetTimestamp) to a phase; returns now.</summary>
    public long Add(EstimatePhase phase, long startTimestamp)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)phase], now - startTimestamp);
        return now;
    }

    /// <summary>The time spent in a phase (summed over threads).</summary>
    public TimeSpan this[EstimatePhase phase] =>
        TimeSpan.FromSeconds((double)Interlocked.Read(ref _ticks[(int)phase]) / System.Diagnostics.Stopwatch.Frequency);
}
