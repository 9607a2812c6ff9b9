using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>What <see cref="RunDeletion.Delete"/> removed.</summary>
public sealed record RunDeleted(string Run, int Replays, long Events);

/// <summary>
/// Deletes a run, its replays and the checkpoints kept in the store: each stream is deleted with a tombstone (its events
/// are removed), the replays and checkpoints first, so a process killed midway leaves the run with fewer of them and the
/// same command finishes the job.
/// </summary>
public static class RunDeletion
{
    public static async Task<RunDeleted> Delete(IEventStore store, string runName, CancellationToken cancellationToken = default)
    {
        var runStream = StreamIds.Run(runName);
        var run = await store.GetStreamInfo(runStream, cancellationToken).ConfigureAwait(false);
        var replays = await ReplayStreams(store, runName, cancellationToken).ConfigureAwait(false);
        var checkpoints = await CheckpointStreams(store, runName, cancellationToken).ConfigureAwait(false);
        if (run is null && replays.Count == 0 && checkpoints.Count == 0)
            throw new RunNotFoundException($"Run '{runName}' not found in the store.");
        long events = 0;
        foreach (var r in replays.Concat(checkpoints))
        {
            await store.DeleteStream(r.StreamId, ExpectedVersion.Any, cancellationToken).ConfigureAwait(false);
            events += r.LastRevision + 1;
        }
        if (run is not null)
        {
            // Exact: a recorder still appending makes this fail (exit 3) instead of deleting under it.
            await store.DeleteStream(runStream, ExpectedVersion.Exact(run.LastRevision), cancellationToken).ConfigureAwait(false);
            events += run.LastRevision + 1;
        }
        return new RunDeleted(runName, replays.Count, events);
    }

    /// <summary>The replay streams of exactly this run (<c>replay-RUN-CONFIGID</c>; not those of a run whose name starts with RUN-).</summary>
    public static async Task<IReadOnlyList<StreamInfo>> ReplayStreams(IReadOnlyEventStore store, string runName, CancellationToken cancellationToken = default)
    {
        var prefix = StreamIds.Replay(runName, "").Value;
        var streams = await store.ListStreams(prefix, cancellationToken).ConfigureAwait(false);
        return [.. streams.Where(s => IsConfigId(s.StreamId.Value.AsSpan(prefix.Length)))];
    }

    /// <summary>The checkpoint streams of exactly this run (<c>checkpoint-RUN.epoch-N</c>), kept in stores without a file beside them.</summary>
    public static async Task<IReadOnlyList<StreamInfo>> CheckpointStreams(IReadOnlyEventStore store, string runName, CancellationToken cancellationToken = default)
    {
        var streams = await store.ListStreams(StreamIds.CheckpointsOf(runName), cancellationToken).ConfigureAwait(false);
        return [.. streams.Where(s => StreamIds.CheckpointEpoch(runName, s.StreamId) is not null)];
    }

    private static bool IsConfigId(ReadOnlySpan<char> rest) => rest.Length > 0 && !rest.Contains('-');
}
