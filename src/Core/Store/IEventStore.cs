namespace NeuroSim.Replay.Core.Store;

/// <summary>
/// The event store: append with optimistic concurrency, plus everything a reader can do.
/// An append is atomic: all of its events are stored, or none.
/// </summary>
public interface IEventStore : IReadOnlyEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> to the stream if <paramref name="expectedVersion"/> holds.
    /// Appending events whose ids are already the stream's events at the expected place is a no-op that
    /// returns the original result; a partial or different overlap throws <see cref="IdempotencyConflictException"/>.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream's revision is not what was expected.</exception>
    Task<AppendResult> AppendToStream(StreamId streamId, ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default);
}
