using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>A queue's progress (of one run, or all): counts by state, the recent rate of finished jobs and the time left at that rate.</summary>
public sealed record JobProgress(int Queued, int Running, int Done, int Failed, double PerSecond, TimeSpan? Eta)
{
    public int Total => Queued + Running + Done + Failed;

    /// <summary>The rate is over the jobs finished in the last <paramref name="window"/> (default one minute).</summary>
    public static JobProgress Of(IReadOnlyCollection<JobInfo> jobs, DateTimeOffset now, TimeSpan? window = null)
    {
        var w = window ?? TimeSpan.FromMinutes(1);
        int Count(JobState s) => jobs.Count(j => j.State == s);
        var recent = jobs.Where(j => j.State == JobState.Done && j.Finished is { } f && now - f <= w).Select(j => j.Finished!.Value).ToList();
        // Over the window, or since the first of them finished when the fleet started within it.
        var span = recent.Count == 0 ? w : TimeSpan.FromTicks(Math.Max((now - recent.Min()).Ticks, TimeSpan.FromSeconds(1).Ticks));
        var rate = recent.Count / span.TotalSeconds;
        var left = Count(JobState.Queued) + Count(JobState.Running);
        return new JobProgress(Count(JobState.Queued), Count(JobState.Running), Count(JobState.Done), Count(JobState.Failed), rate,
            left == 0 ? TimeSpan.Zero : rate > 0 ? TimeSpan.FromSeconds(left / rate) : null);
    }

    public override string ToString() =>
        $"{Total} job(s): {Queued} queued, {Running} running, {Done} done, {Failed} failed; " +
        (PerSecond > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{PerSecond:F2} pairs/s") : "no pair finished in the last minute") +
        (Eta is { } eta ? $", ETA {(eta == TimeSpan.Zero ? "done" : eta.ToString(eta.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture))}" : "");
}
