using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>What <see cref="RunCopy.Copy"/> did for one run.</summary>
public sealed record RunCopied(string Run, int Streams, long EventsCopied, long EventsAlreadyThere, long BytesCopied);

/// <summary>
/// Copies runs between stores (embedded → server to share a run, server → embedded to work offline): the run's stream, its
/// replays, the checkpoints kept in the store and the stream of the study that recorded it, event for event with the same ids, types, schema versions, data and
/// metadata. Idempotent and resumable: what the destination already holds of a stream (the same events, in order) is
/// skipped and the rest appended after it, in appends of bounded size with an exact expected version, so a copy killed
/// midway is finished by the same command, and a destination stream that differs (another run of that name) is a
/// conflict, never merged.
/// </summary>
public static class RunCopy
{
    /// <summary>Events of one append: bounded in count and bytes, so a trace-heavy run goes over in pieces.</summary>
    private const int MaxEventsPerAppend = 256;
    private const long MaxBytesPerAppend = 64L << 20;

    /// <summary>The runs of a store (every <c>run-</c> stream), by name.</summary>
    public static async Task<IReadOnlyList<string>> RunNames(IReadOnlyEventStore store, CancellationToken cancellationToken = default) =>
        [.. (await store.ListStreams(StreamIds.RunPrefix, cancellationToken).ConfigureAwait(false)).Select(s => StreamIds.RunNameOf(s.StreamId))];

    /// <param name="onEvents">Called after each append with the number of events and bytes it carried (progress).</param>
    public static async Task<RunCopied> Copy(IReadOnlyEventStore from, IEventStore to, string runName,
        Action<long, long>? onEvents = null, CancellationToken cancellationToken = default)
    {
        var run = await from.GetStreamInfo(StreamIds.Run(runName), cancellationToken).ConfigureAwait(false)
            ?? throw new RunNotFoundException($"Run '{runName}' not found in the source store.");
        var streams = new List<StreamId> { run.StreamId };
        streams.AddRange((await RunDeletion.ReplayStreams(from, runName, cancellationToken).ConfigureAwait(false)).Select(s => s.StreamId));
        streams.AddRange((await RunDeletion.CheckpointStreams(from, runName, cancellationToken).ConfigureAwait(false)).Select(s => s.StreamId));
        if (await StudyOf(from, run.StreamId, cancellationToken).ConfigureAwait(false) is { } study) streams.Add(study);
        long copied = 0, skipped = 0, bytes = 0;
        foreach (var stream in streams)
        {
            var (c, s, b) = await CopyStream(from, to, stream, onEvents, cancellationToken).ConfigureAwait(false);
            (copied, skipped, bytes) = (copied + c, skipped + s, bytes + b);
        }
        return new RunCopied(runName, streams.Count, copied, skipped, bytes);
    }

    /// <summary>
    /// The plan-and-progress stream of the study that recorded the run (its <c>study</c> tag), when the source holds it: it goes with
    /// the run, so <c>audit STUDY</c> works on the destination (copying it again with the study's next run appends only what is new).
    /// </summary>
    private static async Task<StreamId?> StudyOf(IReadOnlyEventStore from, StreamId run, CancellationToken ct)
    {
        var first = await from.ReadStreamForwards(run, 0, 1, cancellationToken: ct).ConfigureAwait(false);
        if (first.Events.Count == 0 || EventSerializer.Deserialize(first.Events[0]) is not Events.Contracts.RunStarted started
            || !started.Tags.TryGetValue("study", out var study) || !StreamIds.IsValidRunName(study)) return null;
        var stream = StreamIds.Study(study);
        return await from.GetStreamInfo(stream, ct).ConfigureAwait(false) is null ? null : stream;
    }

    private static bool Same(RecordedEvent a, RecordedEvent b) =>
        a.EventId == b.EventId && a.Type == b.Type && a.SchemaVersion == b.SchemaVersion && a.Data.Span.SequenceEqual(b.Data.Span)
        && a.Metadata.Count == b.Metadata.Count && a.Metadata.All(kv => b.Metadata.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static async Task<(long Copied, long Skipped, long Bytes)> CopyStream(IReadOnlyEventStore from, IEventStore to, StreamId stream,
        Action<long, long>? onEvents, CancellationToken ct)
    {
        var source = await from.ReadStreamForwards(stream, 0, 1, cancellationToken: ct).ConfigureAwait(false);
        if (source.Status != ReadStatus.Success || source.Events.Count == 0) return (0, 0, 0);
        var sourceFirst = source.Events[0];
        // What the destination already has must be the source's first events, in order (a copy stopped midway).
        var target = await to.GetStreamInfo(stream, ct).ConfigureAwait(false);
        long next = sourceFirst.Revision, skipped = 0;
        var expected = ExpectedVersion.NoStream;
        if (target is not null)
        {
            var targetFirst = (await to.ReadStreamForwards(stream, 0, 1, cancellationToken: ct).ConfigureAwait(false)).Events[0];
            var targetLast = (await to.ReadStreamBackwards(stream, -1, 1, cancellationToken: ct).ConfigureAwait(false)).Events[0];
            skipped = targetLast.Revision - targetFirst.Revision + 1;
            var counterpart = await from.ReadStreamForwards(stream, sourceFirst.Revision + skipped - 1, 1, cancellationToken: ct).ConfigureAwait(false);
            // Ids alone do not tell two runs apart (imports and recorders derive ids from names): the content must match too.
            if (!Same(targetFirst, sourceFirst) || counterpart.Events.Count == 0 || !Same(counterpart.Events[0], targetLast))
                throw new InvalidOperationException(
                    $"Stream '{stream}' in the destination holds other events than the source's (another run of that name?): not copied; " +
                    "delete it there (./neurosim delete-run RUN --store DESTINATION) or copy to another store.");
            next = sourceFirst.Revision + skipped;
            expected = ExpectedVersion.Exact(targetLast.Revision);
        }
        long copied = 0, bytes = 0;
        while (true)
        {
            var page = await from.ReadStreamForwards(stream, next, MaxEventsPerAppend, cancellationToken: ct).ConfigureAwait(false);
            if (page.Events.Count == 0) break;
            var batch = new List<NewEvent>();
            long batchBytes = 0;
            foreach (var e in page.Events)
            {
                if (batch.Count > 0 && batchBytes + e.Data.Length > MaxBytesPerAppend) break;
                batch.Add(new NewEvent(e.EventId, e.Type, e.SchemaVersion, e.Data, e.Metadata));
                batchBytes += e.Data.Length;
            }
            var result = await to.AppendToStream(stream, expected, batch, ct).ConfigureAwait(false);
            expected = ExpectedVersion.Exact(result.CurrentRevision);
            next += batch.Count;
            (copied, bytes) = (copied + batch.Count, bytes + batchBytes);
            onEvents?.Invoke(batch.Count, batchBytes);
            if (page.IsEnd && batch.Count == page.Events.Count) break;
        }
        return (copied, skipped, bytes);
    }
}
