namespace NeuroSim.Replay.EventStore;

/// <summary>An event already in a stream, as an idempotency check compares it with a retried one.</summary>
public sealed record StoredEvent(long Revision, long Position, string Type, int SchemaVersion,
    IReadOnlyDictionary<string, string> Metadata, ReadOnlyMemory<byte> Data)
{
    /// <summary>True when <paramref name="retry"/> carries the same type, schema version, metadata (in any order) and data.</summary>
    public bool SameContentAs(NewEvent retry) =>
        Type == retry.Type && SchemaVersion == retry.SchemaVersion
        && EventMetadata.Same(Metadata, retry.Metadata)
        && Data.Span.SequenceEqual(retry.Data.Span);
}
