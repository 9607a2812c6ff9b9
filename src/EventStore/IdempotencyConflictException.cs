namespace NeuroSim.Replay.EventStore;

/// <summary>An append repeated some, but not all, of a stream's events, or repeated them in another place.</summary>
public sealed class IdempotencyConflictException(StreamId streamId, Guid eventId, string detail)
    : Exception(ErrorMessages.IdempotencyConflict(streamId, eventId, detail))
{
    public StreamId StreamId { get; } = streamId;
    public Guid EventId { get; } = eventId;
}
