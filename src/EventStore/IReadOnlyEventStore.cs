namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The read half of the event store. Readers (the Analyzer, the Replayer's trace reader) get only this.
/// Reads never throw for a missing stream: they return <see cref="ReadStatus.StreamNotFound"/>.
/// <paramref name="types"/>, where offered, keeps only events of those stored type names (the revision
/// range read is the same; filtered-out events are skipped).
/// </summary>
public interface IReadOnlyEventStore : IAsyncDisposable
{
    /// <summary>Reads up to <paramref name="maxCount"/> events from <paramref name="fromRevision"/> upwards.</summary>
    Task<ReadStreamPage> ReadStreamForwards(StreamId streamId, long fromRevision, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> events from <paramref name="fromRevision"/> downwards (-1: from the end).</summary>
    Task<ReadStreamPage> ReadStreamBackwards(StreamId streamId, long fromRevision, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> events of all streams in global order, from <paramref name="fromPosition"/> (inclusive; 0 = start).</summary>
    Task<ReadAllPage> ReadAllForwards(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default);

    /// <summary>The position of the last event in the store (-1 when empty).</summary>
    Task<long> ReadHeadPosition(CancellationToken cancellationToken = default);

    /// <summary>Streams whose id starts with <paramref name="prefix"/>, ordered by id.</summary>
    Task<IReadOnlyList<StreamInfo>> ListStreams(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Information on one stream, or null when it does not exist.</summary>
    Task<StreamInfo?> GetStreamInfo(StreamId streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers the stream's events after revision <paramref name="continueAfterRevision"/> (null: from the
    /// start), then every event appended later, until disposed.
    /// </summary>
    IEventSubscription SubscribeToStream(StreamId streamId, long? continueAfterRevision, EventReceived onEvent,
        SubscriptionDropped? onDropped = null, HasCaughtUp? onCaughtUp = null, IReadOnlyCollection<string>? types = null);

    /// <summary>
    /// Delivers all events after position <paramref name="continueAfterPosition"/> (null: from the start) in
    /// global order, then every event appended later (also by other processes), until disposed.
    /// </summary>
    IEventSubscription SubscribeToAll(long? continueAfterPosition, EventReceived onEvent,
        SubscriptionDropped? onDropped = null, HasCaughtUp? onCaughtUp = null, IReadOnlyCollection<string>? types = null);

    /// <summary>The backend's own full consistency check (SQLite: integrity_check): the problems found, empty when sound.</summary>
    Task<IReadOnlyList<string>> CheckStorage(CancellationToken cancellationToken = default);
}
