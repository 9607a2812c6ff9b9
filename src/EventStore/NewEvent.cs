namespace NeuroSim.Replay.EventStore;

/// <summary>
/// An event to append. <paramref name="EventId"/> makes appends idempotent: derive it deterministically
/// (see <see cref="DeterministicGuid"/>) so that a retried append carries the same ids.
/// </summary>
/// <param name="EventId">Non-empty id; unique within the stream.</param>
/// <param name="Type">Stored type name (snake_case message name).</param>
/// <param name="SchemaVersion">Version of the payload's schema (≥ 1).</param>
/// <param name="Data">Serialized payload.</param>
/// <param name="Metadata">Free-form string metadata (may be null).</param>
public sealed record NewEvent(
    Guid EventId,
    string Type,
    int SchemaVersion,
    ReadOnlyMemory<byte> Data,
    IReadOnlyDictionary<string, string>? Metadata = null);
