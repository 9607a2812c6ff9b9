using Npgsql;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>
/// The server event store: PostgreSQL through Npgsql. Payloads are <c>bytea</c> (tens of MB each, written with binary
/// COPY), a store is one schema of a database (created on first use by a writer that may create, versioned in its
/// <c>store_meta</c> table), appends are serialized by one row lock that also orders the global positions
/// (<see cref="PostgresWriteTransaction"/>), readers never wait, and subscriptions hear appends by every process
/// through LISTEN/NOTIFY, with polling as the fallback.
/// </summary>
public sealed partial class PostgresEventStore : EventStoreBase
{
    public const int FormatVersion = 1;
    private const string FormatName = "neurosim-replay-events";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoreOptions _options;

    private PostgresEventStore(PostgresAddress address, NpgsqlDataSource dataSource, PostgresStoreOptions options, TimeProvider timeProvider)
        : base(timeProvider, options.EffectivePollInterval)
    {
        Address = address;
        _dataSource = dataSource;
        _options = options;
        S = $"\"{address.Schema}\"";
    }

    /// <summary>Where the store is (its text never holds the password).</summary>
    public PostgresAddress Address { get; }

    /// <summary>The store's schema as an SQL identifier: the prefix of every table name.</summary>
    internal string S { get; }

    /// <summary>
    /// Opens the store at <paramref name="address"/>. Readers (<see cref="StoreAccess.Read"/>, <see cref="StoreAccess.Check"/>)
    /// use read-only transactions, so nothing on the server changes; <see cref="StoreAccess.WriteOrCreate"/> creates the
    /// schema and its tables where there is no store yet (never the database); the other modes need an existing store.
    /// A schema that holds other tables is refused and left as it is.
    /// </summary>
    /// <exception cref="EventStoreException">The server cannot be reached, refuses the user, has no such database or store.</exception>
    /// <exception cref="StoreFormatTooNewException">The store was written by a newer build.</exception>
    public static async Task<PostgresEventStore> Open(PostgresAddress address, StoreAccess access, PostgresStoreOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new PostgresStoreOptions();
        var store = new PostgresEventStore(address, NpgsqlDataSource.Create(ConnectionString(address, access, options)), options,
            timeProvider ?? TimeProvider.System);
        try
        {
            await store.Initialize(access, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception ex)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            if (store.TranslateError(ex) is { } translated) throw translated;
            throw;
        }
    }

    /// <summary>
    /// Removes the whole store at <paramref name="address"/> (its schema and every table in it), for benchmarks and tests;
    /// no command offers it. A schema that is not a NeuroSim.Replay store is refused and left as it is.
    /// </summary>
    public static async Task Drop(PostgresAddress address, CancellationToken cancellationToken = default)
    {
        await using (await Open(address, StoreAccess.Write, cancellationToken: cancellationToken).ConfigureAwait(false)) { }   // ours, and current
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString(address, StoreAccess.Write, new PostgresStoreOptions()));
        await using var cmd = dataSource.CreateCommand($"DROP SCHEMA \"{address.Schema}\" CASCADE");
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// No password in the address: none is set here, so Npgsql takes PGPASSWORD, else the password file (PGPASSFILE, else
    /// ~/.pgpass), as libpq does.
    /// </summary>
    internal static string ConnectionString(PostgresAddress address, StoreAccess access, PostgresStoreOptions options)
    {
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = address.Host,
            Port = address.Port,
            Username = address.User,
            Database = address.Database,
            Timeout = (int)Math.Ceiling(options.EffectiveConnectTimeout.TotalSeconds),
            CommandTimeout = (int)Math.Ceiling(options.EffectiveCommandTimeout.TotalSeconds),
            ApplicationName = "neurosim-replay",
            KeepAlive = 30,   // a listening connection notices a server that went away
            MaxAutoPrepare = 32,   // the same few statements run on every append and read: prepared once per connection
        };
        if (address.Password is { } password) b.Password = password;
        if (access is StoreAccess.Read or StoreAccess.Check) b.Options = "-c default_transaction_read_only=on";
        return b.ConnectionString;
    }

    private async Task Initialize(StoreAccess access, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (await ReadFormatVersion(conn, null, ct).ConfigureAwait(false) is { } version)
        {
            CheckVersion(version);
            return;
        }
        if (access != StoreAccess.WriteOrCreate)
            throw new EventStoreException($"Store '{Address}' does not exist: database '{Address.Database}' has no schema '{Address.Schema}' " +
                "holding a NeuroSim.Replay store. Record or import a run first (they create it), or check the address.");

        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Two writers creating the store at once: the second waits here, then finds it made.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("k", "neurosim-replay:create:" + Address.Schema);
            await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        if (await ReadFormatVersion(conn, tx, ct).ConfigureAwait(false) is { } made)
        {
            CheckVersion(made);
            return;
        }
        await using (var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema", conn, tx))
        {
            count.Parameters.AddWithValue("schema", Address.Schema);
            if ((long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))! > 0)
                throw new EventStoreException($"Store '{Address}': schema '{Address.Schema}' holds other tables but no NeuroSim.Replay store; " +
                    "it was left as it is (name another schema with ?schema=NAME).");
        }
        await using (var create = new NpgsqlCommand(EmbeddedSql.Load(typeof(PostgresEventStore).Assembly, "Schema.sql").Replace("__SCHEMA__", S), conn, tx))
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The store's format version; null when the schema holds no store_meta table.</summary>
    private async Task<int?> ReadFormatVersion(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        // A query of pg_class, not to_regclass(): that reads the session's catalog cache, which may not yet know of a
        // store another session has just made (the creator's check after its lock would miss it).
        await using (var exists = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = @schema AND c.relname = 'store_meta')
            """, conn, tx))
        {
            exists.Parameters.AddWithValue("schema", Address.Schema);
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!) return null;
        }
        await using var cmd = new NpgsqlCommand($"SELECT key, value FROM {S}.store_meta WHERE key IN ('format', 'format_version')", conn, tx);
        var meta = new Dictionary<string, string>();
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await r.ReadAsync(ct).ConfigureAwait(false))
                meta[r.GetString(0)] = r.GetString(1);
        if (meta.GetValueOrDefault("format") != FormatName)
            throw new EventStoreException($"Store '{Address}': schema '{Address.Schema}' has a store_meta table but is not a NeuroSim.Replay store; it was left as it is.");
        if (!int.TryParse(meta.GetValueOrDefault("format_version"), out var version))
            throw new EventStoreException($"Store '{Address}' has no readable format_version.");
        return version;
    }

    private void CheckVersion(int version)
    {
        if (version > FormatVersion) throw new StoreFormatTooNewException(Address.ToString(), version, FormatVersion);
    }

    protected override async Task<StoreWriteTransaction> BeginWrite(CancellationToken cancellationToken) =>
        await PostgresWriteTransaction.Begin(await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false), S, Channel, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Driver errors become store errors that name the address (never the password) in one line.</summary>
    protected override Exception? TranslateError(Exception error) => error switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            new EventStoreException($"Store '{Address}': the server refused user '{Address.User}': {p.MessageText} " +
                "(the password comes from the address, else PGPASSWORD, else ~/.pgpass).", p),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } p =>
            new EventStoreException($"Store '{Address}': the server has no database '{Address.Database}' ({p.MessageText}); create it or name another.", p),
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } p =>
            new EventStoreException($"Store '{Address}' was opened read-only: this command reads only ({p.MessageText}).", p),
        PostgresException { SqlState: PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted } p =>
            new StoreDamagedException(Address.ToString(), $"PostgreSQL: {p.MessageText}", p),
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } p =>
            new EventStoreException($"Store '{Address}': its tables are gone ({p.MessageText}); was schema '{Address.Schema}' dropped?", p),
        PostgresException p => new EventStoreException($"Store '{Address}': PostgreSQL error {p.SqlState}: {OneLine(p.MessageText)}", p),
        NpgsqlException n when n.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
            new EventStoreException($"Store '{Address}': the server asks user '{Address.User}' for a password and none was given " +
                "(in the address, PGPASSWORD or ~/.pgpass).", n),
        NpgsqlException n => new EventStoreException($"Store '{Address}' cannot be reached: {OneLine(n)}. Is the server running? " +
            "(./neurosim pg-up starts a local one.)", n),
        _ => null,
    };

    private static string OneLine(Exception ex) =>
        OneLine(ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} ({inner.Message})" : ex.Message);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        await StopListening().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
