namespace NeuroSim.Replay.EventStore.Sqlite;

/// <summary>How to open an embedded store.</summary>
/// <param name="CreateIfMissing">Create the file when it is missing (<see cref="StoreAccess.WriteOrCreate"/>); otherwise an existing store only.</param>
/// <param name="PollInterval">How often subscriptions look for appends by other processes.</param>
/// <param name="BusyTimeout">How long a writer waits for another process's write lock.</param>
/// <param name="ReadOnly">Open read-only: nothing in the file is changed (readers).</param>
/// <param name="SkipQuickCheck">Skip SQLite's quick check at opening (check-store runs the full check instead).</param>
public sealed record SqliteStoreOptions(bool CreateIfMissing = true, TimeSpan? PollInterval = null, TimeSpan? BusyTimeout = null, bool ReadOnly = false,
    bool SkipQuickCheck = false)
{
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromMilliseconds(200);
    public TimeSpan EffectiveBusyTimeout => BusyTimeout ?? TimeSpan.FromSeconds(60);

    /// <summary>The options for an access mode.</summary>
    public static SqliteStoreOptions For(StoreAccess access) => access switch
    {
        StoreAccess.Read => new SqliteStoreOptions(CreateIfMissing: false, ReadOnly: true),
        StoreAccess.Write => new SqliteStoreOptions(CreateIfMissing: false),
        StoreAccess.Check => new SqliteStoreOptions(CreateIfMissing: false, ReadOnly: true, SkipQuickCheck: true),
        _ => new SqliteStoreOptions(CreateIfMissing: true),
    };
}
