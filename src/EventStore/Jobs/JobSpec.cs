namespace NeuroSim.Replay.EventStore.Jobs;

/// <summary>
/// A unit of work to queue: its <paramref name="Key"/> is unique in the queue (enqueueing a key again is a no-op, so
/// planning the same work twice queues it once); <paramref name="Group"/> gathers jobs for listing (e.g. a run).
/// </summary>
public sealed record JobSpec(string Key, string Group, ReadOnlyMemory<byte> Payload);
