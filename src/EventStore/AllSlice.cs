namespace NeuroSim.Replay.EventStore;

/// <summary>One consistent read of all streams: the events read and the store's head position at the same moment (-1: empty).</summary>
public sealed record AllSlice(IReadOnlyList<RecordedEvent> Events, long HeadPosition);
