namespace NeuroSim.Replay.EventStore;

/// <summary>How a command may use a store; every backend opens in one of these modes.</summary>
public enum StoreAccess
{
    /// <summary>Read an existing store; nothing in it is changed (opened read-only, never created).</summary>
    Read,

    /// <summary>Write into an existing store; a missing store is an error (a mistyped address creates nothing).</summary>
    Write,

    /// <summary>Write, creating the store when there is none (record, import: where the user starts a store).</summary>
    WriteOrCreate,

    /// <summary>Read-only, without the quick check at opening: for check-store, which runs the full check itself.</summary>
    Check,
}
