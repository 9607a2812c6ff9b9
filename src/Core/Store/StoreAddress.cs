using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Sqlite;

namespace NeuroSim.Replay.Core.Store;

/// <summary>
/// Where a store lives: <c>file:PATH</c> (the embedded SQLite store; a bare PATH means the same).
/// Other schemes are rejected with a message that lists what is supported.
/// </summary>
public sealed record StoreAddress(string Scheme, string Location)
{
    public const string DefaultAddress = "file:./neurosim.db";

    /// <summary>The environment variable that overrides the default address.</summary>
    public const string EnvironmentVariable = "NEUROSIM_STORE";

    public static StoreAddress Default =>
        Parse(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : DefaultAddress);

    public static StoreAddress Parse(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
            throw new EventStoreException("Empty store address: use file:PATH (e.g. file:./neurosim.db).");
        var colon = address.IndexOf(':');
        // No scheme (or a single-letter one, i.e. a Windows drive): a file path.
        if (colon <= 1) return new StoreAddress("file", address);
        var scheme = address[..colon].ToLowerInvariant();
        var rest = address[(colon + 1)..];
        return scheme switch
        {
            "file" when rest.Length > 0 => new StoreAddress("file", rest),
            "file" => throw new EventStoreException($"Store address '{address}' has no path: use file:PATH."),
            "postgres" or "postgresql" => throw new EventStoreException(
                $"Store address '{address}': the PostgreSQL server store is not available in this build yet; use file:PATH."),
            _ => throw new EventStoreException(ErrorMessages.UnknownScheme(address)),
        };
    }

    /// <summary>Opens an existing store for writing; a missing store is an error that names the path (nothing is created).</summary>
    public async Task<IEventStore> OpenForWriting(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.Write, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the store for writing, creating it where no file is (for commands that start a store: record, import).</summary>
    public async Task<IEventStore> OpenOrCreateForWriting(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.WriteOrCreate, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens an existing store read-only (nothing in it changes); a missing store is an error that names the path.</summary>
    public async Task<IReadOnlyEventStore> OpenForReading(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.Read, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens an existing store read-only without the quick check at opening (check-store runs the full check).</summary>
    public async Task<IReadOnlyEventStore> OpenForChecking(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.Check, cancellationToken).ConfigureAwait(false);

    private async Task<IEventStore> Open(StoreAccess access, CancellationToken cancellationToken) =>
        await SqliteEventStore.Open(Location, SqliteStoreOptions.For(access), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Where a recorded run's checkpoints live beside a file store (<c>STORE.checkpoints/RUN</c>); null for other stores.</summary>
    public string? CheckpointFolder(string runName) =>
        Scheme == "file" ? Path.Combine(Path.GetFullPath(Location) + ".checkpoints", runName) : null;

    public override string ToString() => $"{Scheme}:{Location}";
}
