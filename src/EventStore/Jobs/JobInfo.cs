namespace NeuroSim.Replay.EventStore.Jobs;

/// <summary>A job as listed: its state, who holds it since when, attempts, and the error of a failed job.</summary>
public sealed record JobInfo(long Id, string Key, string Group, JobState State, string? Worker, DateTimeOffset Created,
    DateTimeOffset? Since, DateTimeOffset? Finished, int Attempts, string? Error);
