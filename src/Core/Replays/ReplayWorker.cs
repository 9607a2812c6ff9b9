using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>What a worker did.</summary>
public sealed record WorkerSummary(int Done, int Failed, int Released, int LeasesLost);

/// <summary>A worker's view of one job, for its log.</summary>
public sealed record WorkerEvent(string Worker, string Job, string What, TimeSpan Took);

/// <summary>
/// A replay worker: claims jobs of the queue <see cref="ReplayJobs.Queue"/> with a lease, estimates each pair as a local
/// replay does (the same engine, appending to the same replay stream; chip designs, decoded epochs and the array reads
/// their configurations share kept across the jobs in a <see cref="ReplayCache"/>), heartbeats while it works, and marks the job
/// done; a job that fails on its input (an invalid configuration, a missing run or epoch, a damaged trace) is marked
/// failed with the message and not retried. Cancelling (Ctrl+C, SIGTERM) releases the jobs in hand at once; nothing is
/// half-written (each pair is one append with a deterministic id).
/// </summary>
public sealed class ReplayWorker(IEventStore store, IJobQueue queue, string name, TimeSpan lease)
{
    // Kept across the jobs this worker claims: chip designs per configuration, the last decoded epochs and the array reads
    // their configurations share (the queue hands out the pairs of an epoch together: ReplayJobs orders them by epoch).
    private readonly ReplayCache _cache = new();

    /// <summary>How long an idle slot waits before asking for a job again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <param name="slots">Jobs worked on at once.</param>
    /// <param name="untilIdle">Stop when the queue has nothing queued or running (else wait for new jobs until cancelled).</param>
    public async Task<WorkerSummary> Run(int slots, bool untilIdle, Action<WorkerEvent>? log, CancellationToken ct)
    {
        int done = 0, failed = 0, released = 0, lost = 0;
        async Task Slot(int slot)
        {
            var worker = slots > 1 ? $"{name}#{slot}" : name;
            while (!ct.IsCancellationRequested)
            {
                ClaimedJob? job;
                try
                {
                    job = await queue.Claim(ReplayJobs.Queue, worker, lease, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                if (job is null)
                {
                    if (untilIdle && !(await queue.List(ReplayJobs.Queue, cancellationToken: ct).ConfigureAwait(false))
                            .Any(j => j.State is JobState.Queued or JobState.Running))
                        return;
                    try { await Task.Delay(PollInterval, ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return; }
                    continue;
                }
                var outcome = await Work(job, ct).ConfigureAwait(false);
                switch (outcome.What)
                {
                    case "done": Interlocked.Increment(ref done); break;
                    case "failed": Interlocked.Increment(ref failed); break;
                    case "released": Interlocked.Increment(ref released); break;
                    case "lease lost": Interlocked.Increment(ref lost); break;
                }
                log?.Invoke(outcome with { Worker = worker });
            }
        }
        await Task.WhenAll(Enumerable.Range(1, Math.Max(1, slots)).Select(Slot)).ConfigureAwait(false);
        return new WorkerSummary(done, failed, released, lost);
    }

    private async Task<WorkerEvent> Work(ClaimedJob job, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var leaseLost = false;
        var heartbeat = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(lease / 3, work.Token).ConfigureAwait(false);
                    await queue.Heartbeat(job, lease, work.Token).ConfigureAwait(false);
                }
            }
            catch (LeaseLostException)
            {
                leaseLost = true;
                await work.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        string what;
        try
        {
            var (run, epoch, config) = ReplayJobs.FromJob(job);
            await ReplayEngine.Run(store, run, [epoch], [config], force: false, jobs: 1, progress: null, work.Token, _cache).ConfigureAwait(false);
            await work.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await queue.Complete(job, CancellationToken.None).ConfigureAwait(false);
            what = "done";
        }
        catch (Exception ex) when (leaseLost || ex is LeaseLostException)
        {
            what = "lease lost";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await queue.Release(job, CancellationToken.None).ConfigureAwait(false);
            what = "released";
        }
        catch (Exception ex) when (IsBadInput(ex))
        {
            await work.CancelAsync().ConfigureAwait(false);
            await queue.Fail(job, ex.Message, CancellationToken.None).ConfigureAwait(false);
            what = "failed";
        }
        finally
        {
            await work.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
        return new WorkerEvent("", job.Key, what, clock.Elapsed);
    }

    /// <summary>Errors of the job's own input: retrying cannot help. Anything else (the server gone) ends the worker; the lease then expires.</summary>
    private static bool IsBadInput(Exception ex) => ex is ConfigException or RunNotFoundException or TraceFormatException or StoreDamagedException
        or Google.Protobuf.InvalidProtocolBufferException;
}
