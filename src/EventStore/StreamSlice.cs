namespace NeuroSim.Replay.EventStore;

/// <summary>One consistent read of a stream: its last revision and the events read (tombstones left out).</summary>
public sealed record StreamSlice(long LastRevision, IReadOnlyList<RecordedEvent> Events);
