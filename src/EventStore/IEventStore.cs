namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The event store: append with optimistic concurrency, plus everything a reader can do.
/// An append is atomic: all of its events are stored, or none.
/// </summary>
public interface IEventStore : IReadOnlyEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> to the stream if <paramref name="expectedVersion"/> holds.
    /// Idempotency (as EventStoreDB and SqlStreamStore): events are known by their ids.
    /// <list type="bullet">
    /// <item>All ids new: a normal append (the expected version is checked).</item>
    /// <item>All ids already stored, in the same order, with identical type, schema version, data and metadata, at
    /// the place the expected version names (or anywhere, with <see cref="ExpectedVersion.Any"/>): a no-op that
    /// returns the original result, whatever the stream holds now.</item>
    /// <item>An id stored with other content: <see cref="IdempotencyConflictException"/> (a retry must be identical;
    /// two writers that chose the same id for different facts must not both succeed).</item>
    /// <item>Some ids stored and some new, or stored in another order or place: <see cref="IdempotencyConflictException"/>.</item>
    /// </list>
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream's revision is not what was expected.</exception>
    Task<AppendResult> AppendToStream(StreamId streamId, ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a stream (soft delete with a tombstone, as EventStoreDB does): if <paramref name="expectedVersion"/>
    /// holds, the stream's events are removed where the backend can (the space is reused) and a tombstone event
    /// (<see cref="StreamTombstone.Type"/>) takes their place, so readers of all streams see the deletion. Afterwards
    /// the stream reads as missing, is not listed, and an append with <see cref="ExpectedVersion.NoStream"/> starts
    /// it again (its revisions continue after the tombstone). Deleting a missing or deleted stream is a no-op.
    /// </summary>
    /// <returns>The tombstone's revision and position; null when there was nothing to delete.</returns>
    /// <exception cref="WrongExpectedVersionException">The stream's revision is not what was expected.</exception>
    Task<AppendResult?> DeleteStream(StreamId streamId, ExpectedVersion expectedVersion, CancellationToken cancellationToken = default);
}
