namespace NeuroSim.Replay.EventStore;

/// <summary>The event that marks a deleted stream (<see cref="IEventStore.DeleteStream"/>). Types starting with '$' are the store's own.</summary>
public static class StreamTombstone
{
    public const string Type = "$stream_deleted";

    /// <summary>The tombstone's id: deleting the same stream at the same revision again is the same deletion.</summary>
    public static Guid Id(StreamId streamId, long revision) => DeterministicGuid.Create($"{streamId}/$deleted/{revision}");
}
