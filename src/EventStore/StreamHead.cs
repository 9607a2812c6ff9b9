namespace NeuroSim.Replay.EventStore;

/// <summary>
/// A stream's row as a backend's write transaction reads it: its key (null when the stream was never written), the
/// revision and position of its last event, and whether that event is a tombstone (the stream is deleted).
/// </summary>
public readonly record struct StreamHead(long? Key, long Revision, long Position, bool Deleted)
{
    /// <summary>No such stream.</summary>
    public static StreamHead Missing { get; } = new(null, -1, -1, false);

    /// <summary>The revision an expected version is checked against: -1 for a missing or deleted stream.</summary>
    public long EffectiveRevision => Key is null || Deleted ? -1 : Revision;
}
