namespace NeuroSim.Replay.EventStore;

public abstract partial class EventStoreBase
{
    /// <summary>A page of a stream from one consistent slice: where the next page starts and whether this is the end.</summary>
    private async Task<ReadStreamPage> ReadStream(StreamId streamId, long fromRevision, int maxCount, ReadDirection direction,
        IReadOnlyCollection<string>? types, CancellationToken ct)
    {
        var forwards = direction == ReadDirection.Forwards;
        var fromEnd = !forwards && fromRevision < 0;
        var slice = await Translated(() => ReadStreamSlice(streamId, fromEnd ? long.MaxValue : fromRevision, maxCount, direction, types, ct))
            .ConfigureAwait(false);
        if (slice is null)
            return new ReadStreamPage(streamId, ReadStatus.StreamNotFound, direction, fromRevision, fromRevision, -1, true, []) { Next = null };

        var (last, events) = (slice.LastRevision, slice.Events);
        var from = fromEnd ? last : fromRevision;
        long nextRevision;
        bool isEnd;
        if (forwards)
        {
            nextRevision = events.Count == maxCount ? events[^1].Revision + 1 : Math.Max(from, last + 1);
            isEnd = events.Count < maxCount || nextRevision > last;
        }
        else
        {
            nextRevision = events.Count == maxCount ? events[^1].Revision - 1 : -1;
            isEnd = events.Count < maxCount || nextRevision < 0;
        }
        return new ReadStreamPage(streamId, ReadStatus.Success, direction, from, nextRevision, last, isEnd, events)
        {
            Next = isEnd && !forwards ? null : (next, c) => ReadStream(streamId, next, maxCount, direction, types, c),
        };
    }

    /// <summary>
    /// A page of all streams. Where nothing matched from <paramref name="fromPosition"/>, the next page may start after
    /// the head seen in the same slice: every event up to that head was visible to it (backends guarantee that no
    /// event commits later at a lower position), so a reader that follows NextPosition skips nothing.
    /// </summary>
    private async Task<ReadAllPage> ReadAll(long fromPosition, int maxCount, IReadOnlyCollection<string>? types, CancellationToken ct)
    {
        var slice = await Translated(() => ReadAllSlice(fromPosition, maxCount, types, ct)).ConfigureAwait(false);
        var events = slice.Events;
        var isEnd = events.Count < maxCount;
        var nextPosition = events.Count > 0 ? events[^1].Position + 1
            : isEnd ? Math.Max(fromPosition, slice.HeadPosition + 1)
            : fromPosition;
        return new ReadAllPage(fromPosition, nextPosition, isEnd, events)
        {
            Next = (next, c) => ReadAll(next, maxCount, types, c),
        };
    }
}
