namespace NeuroSim.Replay.EventStore;

/// <summary>A stream's summary: its last revision, the position of its last event, and when it was created.</summary>
public sealed record StreamInfo(StreamId StreamId, long LastRevision, long LastPosition, DateTimeOffset Created);
