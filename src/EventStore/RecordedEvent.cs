namespace NeuroSim.Replay.EventStore;

/// <summary>An event as stored: its place in its stream (revision) and in the whole store (position).</summary>
public sealed record RecordedEvent(
    StreamId StreamId,
    long Revision,
    long Position,
    Guid EventId,
    string Type,
    int SchemaVersion,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, string> Metadata,
    ReadOnlyMemory<byte> Data);
