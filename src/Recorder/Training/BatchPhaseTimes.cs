namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Where a trainer's batches spent their time (seconds summed over the batches timed): the forward pass with its
/// quantizers (gathering the batch included), the loss and backward pass (error quantizer included), the momentum and device update, the update
/// statistics recording adds, and the rest (accuracy, the sink, progress). Filled by <see cref="Trainer"/> when given
/// one (benchmarks); owned by one trainer, so no locking.
/// </summary>
public sealed class BatchPhaseTimes
{
    public int Batches { get; private set; }
    public double Forward { get; private set; }
    public double Backward { get; private set; }
    public double Update { get; private set; }
    public double Statistics { get; private set; }
    public double Other { get; private set; }
    public double Total => Forward + Backward + Update + Statistics + Other;

    /// <summary>One batch's phases, from the timestamps (Stopwatch ticks) at its start and at the end of each phase.</summary>
    public void Add(long start, long forwardEnd, long backwardEnd, long updateEnd, long end, double statisticsSeconds)
    {
        static double Seconds(long from, long to) => (to - from) / (double)System.Diagnostics.Stopwatch.Frequency;
        Batches++;
        Forward += Seconds(start, forwardEnd);
        Backward += Seconds(forwardEnd, backwardEnd);
        Update += Seconds(backwardEnd, updateEnd) - statisticsSeconds;
        Statistics += statisticsSeconds;
        Other += Seconds(updateEnd, end);
    }

    /// <summary>Forgets what was added (e.g. after warm-up batches).</summary>
    public void Clear() => (Batches, Forward, Backward, Update, Statistics, Other) = (0, 0, 0, 0, 0, 0);
}
