namespace NeuroSim.Replay.EventStore;

public abstract partial class EventStoreBase
{
    /// <summary>
    /// The append protocol, in the backend's write transaction: a retry of stored events is answered from the store,
    /// the expected version is checked against the stream's current life (a deleted stream counts as missing and
    /// starts again after its tombstone), then the events go in and the stream's head moves, all in one commit.
    /// </summary>
    private async Task<AppendResult> Append(StreamId streamId, ExpectedVersion expectedVersion, IReadOnlyList<NewEvent> events, CancellationToken ct)
    {
        await using var tx = await BeginWrite(ct).ConfigureAwait(false);
        var head = await tx.ReadStreamHead(streamId, ct).ConfigureAwait(false);
        if (events.Count > 0 && head.Key is { } existing && !head.Deleted)
        {
            var replay = await TryIdempotentReplay(tx, existing, streamId, expectedVersion, events, ct).ConfigureAwait(false);
            if (replay is { } original) return original;
        }
        var effective = head.EffectiveRevision;
        if (!expectedVersion.IsSatisfiedBy(effective))
            throw new WrongExpectedVersionException(streamId, expectedVersion, effective);
        if (events.Count == 0)
            return new AppendResult(effective, head.Position);

        var now = TimeProvider.GetUtcNow();
        var key = head.Key ?? await tx.CreateStream(streamId, now, ct).ConfigureAwait(false);
        var position = await tx.InsertEvents(key, head.Revision + 1, events, now, ct).ConfigureAwait(false);
        var revision = head.Revision + events.Count;
        await tx.SetStreamHead(key, revision, position, ct).ConfigureAwait(false);
        await tx.Commit(ct).ConfigureAwait(false);
        return new AppendResult(revision, position);
    }

    /// <summary>Deletion: the stream's events go (the backend reuses their space) and a tombstone takes the next revision.</summary>
    private async Task<AppendResult?> Delete(StreamId streamId, ExpectedVersion expectedVersion, CancellationToken ct)
    {
        await using var tx = await BeginWrite(ct).ConfigureAwait(false);
        var head = await tx.ReadStreamHead(streamId, ct).ConfigureAwait(false);
        var effective = head.EffectiveRevision;
        if (!expectedVersion.IsSatisfiedBy(effective))
            throw new WrongExpectedVersionException(streamId, expectedVersion, effective);
        if (effective < 0 || head.Key is not { } key) return null;

        await tx.DeleteEvents(key, ct).ConfigureAwait(false);
        var revision = head.Revision + 1;
        var tombstone = new NewEvent(StreamTombstone.Id(streamId, revision), StreamTombstone.Type, 1, ReadOnlyMemory<byte>.Empty,
            new Dictionary<string, string> { ["deleted_last_revision"] = head.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var position = await tx.InsertEvents(key, revision, [tombstone], TimeProvider.GetUtcNow(), ct).ConfigureAwait(false);
        await tx.SetStreamHead(key, revision, position, ct).ConfigureAwait(false);
        await tx.Commit(ct).ConfigureAwait(false);
        return new AppendResult(revision, position);
    }

    /// <summary>
    /// When the batch's first event is already stored, the append is a retry: it is a no-op if the whole
    /// batch is stored, with identical content, in the same order at the place the expected version names;
    /// anything else conflicts (an id stored with other content always does).
    /// </summary>
    private static async Task<AppendResult?> TryIdempotentReplay(StoreWriteTransaction tx, long streamKey,
        StreamId streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, CancellationToken ct)
    {
        var found = await tx.FindEvents(streamKey, [.. events.Select(e => e.EventId)], ct).ConfigureAwait(false);
        if (found.Count == 0) return null;
        var stored = new StoredEvent?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!found.TryGetValue(e.EventId, out var s)) continue;
            if (!s.SameContentAs(e))
                throw new IdempotencyConflictException(streamId, e.EventId,
                    $"it is already stored at revision {s.Revision} with other content (a retry must carry identical type, data and metadata)");
            stored[i] = s;
        }
        if (stored[0] is null)
        {
            for (var i = 1; i < events.Count; i++)
                if (stored[i] is { } s)
                    throw new IdempotencyConflictException(streamId, events[i].EventId, $"it is already stored at revision {s.Revision}, but the batch's first event is new");
            return null;
        }
        var first = stored[0]!.Revision;
        for (var i = 0; i < events.Count; i++)
        {
            if (stored[i] is not { } s)
                throw new IdempotencyConflictException(streamId, events[i].EventId, "the batch repeats stored events only partly");
            if (s.Revision != first + i)
                throw new IdempotencyConflictException(streamId, events[i].EventId, $"it is stored at revision {s.Revision}, not {first + i}");
        }
        var start = await tx.StreamStart(streamKey, ct).ConfigureAwait(false);
        var placeOk = expected.IsExact ? expected.Value == first - 1
            : expected == ExpectedVersion.NoStream ? first == start
            : expected == ExpectedVersion.StreamExists ? first > start
            : true;
        if (!placeOk)
            throw new IdempotencyConflictException(streamId, events[0].EventId, $"it is stored at revision {first}, which does not follow expected version {expected}");
        var last = stored[^1]!;
        return new AppendResult(last.Revision, last.Position);
    }
}
