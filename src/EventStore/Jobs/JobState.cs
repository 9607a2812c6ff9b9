namespace NeuroSim.Replay.EventStore.Jobs;

public enum JobState
{
    /// <summary>Waiting for a worker (also a job whose worker released it or whose lease expired).</summary>
    Queued,
    /// <summary>Claimed by a worker that holds its lease.</summary>
    Running,
    Done,
    /// <summary>Failed on its input: not retried; <see cref="JobInfo.Error"/> says why.</summary>
    Failed,
}
