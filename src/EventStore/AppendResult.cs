namespace NeuroSim.Replay.EventStore;

/// <summary>The stream's last revision and the global position of its last event after an append.</summary>
public readonly record struct AppendResult(long CurrentRevision, long Position);
