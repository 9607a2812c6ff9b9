namespace NeuroSim.Replay.EventStore.Jobs;

/// <summary>
/// Work queues kept in a server store, for a fleet of workers on any machines: jobs are claimed with a lease (no two
/// workers hold one job), kept by heartbeats, and claimed again when the lease expires (a killed worker, a lost
/// machine). A job's outcome must be idempotent (its results carry deterministic ids), since a job whose worker died
/// after writing but before <see cref="Complete"/> runs again.
/// </summary>
public interface IJobQueue : IAsyncDisposable
{
    /// <summary>Queues jobs whose keys are new in <paramref name="queue"/>; returns how many were new.</summary>
    Task<int> Enqueue(string queue, IReadOnlyList<JobSpec> jobs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the oldest queued job (or a running one whose lease expired) for <paramref name="worker"/>, holding it for
    /// <paramref name="lease"/>; null when there is none. Concurrent claims never return the same job.
    /// </summary>
    Task<ClaimedJob?> Claim(string queue, string worker, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease. <exception cref="LeaseLostException">The lease expired and the job is someone else's.</exception></summary>
    Task Heartbeat(ClaimedJob job, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks the job done. <exception cref="LeaseLostException">The lease was lost.</exception></summary>
    Task Complete(ClaimedJob job, CancellationToken cancellationToken = default);

    /// <summary>Marks the job failed with <paramref name="error"/> (bad input: not retried). <exception cref="LeaseLostException">The lease was lost.</exception></summary>
    Task Fail(ClaimedJob job, string error, CancellationToken cancellationToken = default);

    /// <summary>Gives the job back to the queue at once (a worker stopping cleanly); a lost lease is ignored.</summary>
    Task Release(ClaimedJob job, CancellationToken cancellationToken = default);

    /// <summary>The jobs of a queue (of one group when given), oldest first.</summary>
    Task<IReadOnlyList<JobInfo>> List(string queue, string? group = null, CancellationToken cancellationToken = default);
}
