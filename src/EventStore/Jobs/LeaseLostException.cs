namespace NeuroSim.Replay.EventStore.Jobs;

/// <summary>The worker's lease on a job expired and another worker claimed it (or it was finished): the worker stops working on it.</summary>
public sealed class LeaseLostException(string queue, string key)
    : Exception($"Job '{key}' of queue '{queue}': the lease was lost (it expired and the job went to another worker).")
{
    public string Key { get; } = key;
}
