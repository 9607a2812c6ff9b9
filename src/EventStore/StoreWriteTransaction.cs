namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The steps of an append or a deletion that differ per backend, all inside one write transaction that the backend
/// has opened so that nothing else writes until it commits or is disposed (rolled back). <see cref="EventStoreBase"/>
/// runs the protocol (expected version, idempotent retries, tombstones) on top of these steps, the same for every
/// backend.
/// </summary>
public abstract class StoreWriteTransaction : IAsyncDisposable
{
    /// <summary>The stream's head; <see cref="StreamHead.Missing"/> when it was never written.</summary>
    public abstract Task<StreamHead> ReadStreamHead(StreamId streamId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="eventIds"/> the stream already holds, with their content (usually none: only a retry finds any).</summary>
    public abstract Task<IReadOnlyDictionary<Guid, StoredEvent>> FindEvents(long streamKey, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken);

    /// <summary>The first revision of the stream's current life: 0, or the one after its last tombstone.</summary>
    public abstract Task<long> StreamStart(long streamKey, CancellationToken cancellationToken);

    /// <summary>Adds the stream (no events yet: revision and position -1) and returns its key.</summary>
    public abstract Task<long> CreateStream(StreamId streamId, DateTimeOffset created, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="events"/> at revisions <paramref name="firstRevision"/>, +1, … and returns the position of the last one.</summary>
    public abstract Task<long> InsertEvents(long streamKey, long firstRevision, IReadOnlyList<NewEvent> events, DateTimeOffset created,
        CancellationToken cancellationToken);

    /// <summary>Removes every event of the stream (before its tombstone is inserted).</summary>
    public abstract Task DeleteEvents(long streamKey, CancellationToken cancellationToken);

    /// <summary>Records the stream's last revision and position.</summary>
    public abstract Task SetStreamHead(long streamKey, long revision, long position, CancellationToken cancellationToken);

    /// <summary>Makes every step visible at once; without it, disposal rolls everything back.</summary>
    public abstract Task Commit(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
