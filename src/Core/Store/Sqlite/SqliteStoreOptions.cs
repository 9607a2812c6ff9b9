namespace NeuroSim.Replay.Core.Store.Sqlite;

/// <summary>How to open an embedded store.</summary>
/// <param name="CreateIfMissing">Create the file (writers); readers open an existing store only.</param>
/// <param name="PollInterval">How often subscriptions look for appends by other processes.</param>
/// <param name="BusyTimeout">How long a writer waits for another process's write lock.</param>
public sealed record SqliteStoreOptions(bool CreateIfMissing = true, TimeSpan? PollInterval = null, TimeSpan? BusyTimeout = null)
{
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromMilliseconds(200);
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(60);
}
