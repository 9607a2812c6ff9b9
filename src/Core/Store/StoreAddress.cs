using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Postgres;
using NeuroSim.Replay.EventStore.Sqlite;

namespace NeuroSim.Replay.Core.Store;

/// <summary>
/// Where a store lives: <c>file:PATH</c> (the embedded SQLite store; a bare PATH means the same), or
/// <c>postgres://USER[:PASSWORD]@HOST:PORT/DATABASE[?schema=NAME]</c> (a PostgreSQL server; see <see cref="PostgresAddress"/>).
/// Other schemes are rejected with a message that lists what is supported. The text of an address
/// (<see cref="ToString"/>, <see cref="Location"/>) never holds a password.
/// </summary>
public sealed record StoreAddress(string Scheme, string Location)
{
    public const string DefaultAddress = "file:./neurosim.db";

    /// <summary>The environment variable that overrides the default address.</summary>
    public const string EnvironmentVariable = "NEUROSIM_STORE";

    /// <summary>The help text of every command's --store option.</summary>
    public const string OptionDescription = "Event store address: file:PATH (embedded) or postgres://USER[:PASSWORD]@HOST:PORT/DATABASE " +
        "(a PostgreSQL server; password else from PGPASSWORD or ~/.pgpass); default " + DefaultAddress + ", or $" + EnvironmentVariable + ".";

    /// <summary>The scheme of server stores.</summary>
    public const string PostgresScheme = "postgres";

    /// <summary>A server store's parsed address (with its password, if one was given); null for a file store.</summary>
    private readonly PostgresAddress? _server;

    private StoreAddress(PostgresAddress server) : this(PostgresScheme, server.ToString()[(PostgresScheme.Length + 1)..]) => _server = server;

    public static StoreAddress Default =>
        Parse(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : DefaultAddress);

    /// <summary>True for a file (embedded) store: the only kind that keeps files beside it (a recorder's checkpoints).</summary>
    public bool IsFile => Scheme == "file";

    public static StoreAddress Parse(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
            throw new EventStoreException("Empty store address: use file:PATH (e.g. file:./neurosim.db) or postgres://USER@HOST:PORT/DATABASE.");
        var colon = address.IndexOf(':');
        // No scheme (or a single-letter one, i.e. a Windows drive): a file path.
        if (colon <= 1) return new StoreAddress("file", address);
        var scheme = address[..colon].ToLowerInvariant();
        var rest = address[(colon + 1)..];
        return scheme switch
        {
            "file" when rest.Length > 0 => new StoreAddress("file", rest),
            "file" => throw new EventStoreException($"Store address '{address}' has no path: use file:PATH."),
            "postgres" or "postgresql" => new StoreAddress(PostgresAddress.Parse(address)),
            _ => throw new EventStoreException(ErrorMessages.UnknownScheme(PostgresAddress.Redact(address))),
        };
    }

    /// <summary>Opens an existing store for writing; a missing store is an error that names the address (nothing is created).</summary>
    public async Task<IEventStore> OpenForWriting(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.Write, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the store for writing, creating it where there is none (for commands that start a store: record, import).</summary>
    public async Task<IEventStore> OpenOrCreateForWriting(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.WriteOrCreate, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens an existing store read-only (nothing in it changes); a missing store is an error that names the address.</summary>
    public async Task<IReadOnlyEventStore> OpenForReading(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.Read, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens an existing store read-only without the quick check at opening (check-store runs the full check).</summary>
    public async Task<IReadOnlyEventStore> OpenForChecking(CancellationToken cancellationToken = default) =>
        await Open(StoreAccess.Check, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The store's work queues, for a replay fleet (replay --submit, worker, jobs): a server store has them; an embedded
    /// store's replays run in one process, so it has none (<see cref="NotSupportedException"/>, exit 7).
    /// </summary>
    public async Task<EventStore.Jobs.IJobQueue> OpenJobQueue(CancellationToken cancellationToken = default) =>
        (_server ?? (IsFile ? null : PostgresAddress.Parse(ToString()))) is { } server
        ? await PostgresEventStore.Open(server, StoreAccess.Write, cancellationToken: cancellationToken).ConfigureAwait(false)
        : throw new NotSupportedException($"{this}: replay workers need a server store (--store postgres://USER@HOST:PORT/DATABASE); " +
            "on an embedded store run ./neurosim replay without --submit.");

    private async Task<IEventStore> Open(StoreAccess access, CancellationToken cancellationToken) =>
        (_server ?? (IsFile ? null : PostgresAddress.Parse(ToString()))) is { } server
        ? await PostgresEventStore.Open(server, access, cancellationToken: cancellationToken).ConfigureAwait(false)
        : await SqliteEventStore.Open(Location, SqliteStoreOptions.For(access), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Removes the whole store (the file and its companions, or the server schema): for benchmarks and tests, which
    /// make stores of their own; no user command calls it. Something that is not a store is refused and left as it is.
    /// </summary>
    public async Task Destroy(CancellationToken cancellationToken = default)
    {
        if (!IsFile)
        {
            await PostgresEventStore.Drop(_server ?? PostgresAddress.Parse(ToString()), cancellationToken).ConfigureAwait(false);
            return;
        }
        await (await OpenForWriting(cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);   // ours
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path.GetFullPath(Location) + suffix);
    }

    /// <summary>Where a recorded run's checkpoints live beside a file store (<c>STORE.checkpoints/RUN</c>); null for other stores.</summary>
    public string? CheckpointFolder(string runName) =>
        IsFile ? Path.Combine(Path.GetFullPath(Location) + ".checkpoints", runName) : null;

    public override string ToString() => $"{Scheme}:{Location}";
}
