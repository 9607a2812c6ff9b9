namespace NeuroSim.Replay.EventStore.Sqlite;

/// <summary>How a command may use a store file.</summary>
public enum StoreAccess
{
    /// <summary>Read an existing store; nothing in the file is changed (opened read-only, never created).</summary>
    Read,

    /// <summary>Write into an existing store; a missing file is an error (a mistyped path creates nothing).</summary>
    Write,

    /// <summary>Write, creating the store when no file is there (record, import: where the user starts a store).</summary>
    WriteOrCreate,

    /// <summary>Read-only, without the quick check at opening: for check-store, which runs the full check itself.</summary>
    Check,
}
