namespace NeuroSim.Replay.EventStore.Jobs;

/// <summary>A job a worker holds: its lease (identified by <paramref name="LeaseId"/>) lasts until renewed or it expires.</summary>
/// <param name="Attempt">1 for the first claim; more when an earlier worker's lease expired (killed worker, lost machine).</param>
public sealed record ClaimedJob(long Id, string Queue, string Key, string Group, ReadOnlyMemory<byte> Payload, Guid LeaseId, int Attempt);
