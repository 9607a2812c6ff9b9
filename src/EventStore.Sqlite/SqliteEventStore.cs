using Microsoft.Data.Sqlite;

namespace NeuroSim.Replay.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Many processes may read while one writes;
/// each append is one IMMEDIATE transaction, so a process killed at any point leaves whole appends only.
/// </summary>
public sealed partial class SqliteEventStore : EventStoreBase
{
    public const int FormatVersion = 1;
    private readonly string _connectionString;

    private SqliteEventStore(string path, string connectionString, SqliteStoreOptions options, TimeProvider timeProvider)
        : base(timeProvider, options.EffectivePollInterval)
    {
        FilePath = path;
        _connectionString = connectionString;
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the store at <paramref name="path"/>: read-only for readers (nothing in the file changes), an existing
    /// store for writers, and a new one only with <see cref="SqliteStoreOptions.CreateIfMissing"/> where no file is
    /// there. A file that is not a store (another SQLite database, an empty or foreign file) is refused and left as
    /// it was. Every open runs SQLite's quick check, so a damaged file is refused before anything reads or writes it.
    /// </summary>
    /// <exception cref="EventStoreException">The file is missing (unless created), not a store, or damaged.</exception>
    /// <exception cref="StoreFormatTooNewException">The store was written by a newer build.</exception>
    public static async Task<SqliteEventStore> Open(string path, SqliteStoreOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options ??= new SqliteStoreOptions();
        var full = Path.GetFullPath(path);
        var exists = File.Exists(full);
        if (!exists && (!options.CreateIfMissing || options.ReadOnly))
            throw new EventStoreException($"Store '{path}' does not exist (looked for {full}). Record or import a run first, or pass --store file:PATH.");
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            throw new EventStoreException($"Store '{path}': folder '{dir}' does not exist.");
        if (exists) CheckHeader(path, full);
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : exists ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.EffectiveBusyTimeout.TotalSeconds),
        }.ToString();
        var store = new SqliteEventStore(path, cs, options, timeProvider ?? TimeProvider.System);
        try
        {
            await store.Initialize(create: !exists, options, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (options.SkipQuickCheck && ex.SqliteErrorCode is 11)
        {
            // Opened for check-store: even its header tables are damaged; the full check will say what else is.
        }
        catch (SqliteException ex)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw store.Translate(ex);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>An existing file must be a SQLite database before SQLite is let at it (it would turn an empty file into one).</summary>
    private static void CheckHeader(string path, string full)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var f = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = f.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (IOException ex)
        {
            throw new EventStoreException($"Store '{path}' cannot be read ({ex.Message}).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new EventStoreException($"Store '{path}' cannot be read ({ex.Message}).", ex);
        }
        if (read == 0)
            throw new EventStoreException($"Store '{path}' is an empty file, not a NeuroSim.Replay store; it was left as it is (remove it, or pass another --store).");
        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
            throw new EventStoreException($"Store '{path}' is not a SQLite database (no SQLite header: corrupt, or a file of another kind); it was left as it is.");
    }

    private async Task Initialize(bool create, SqliteStoreOptions options, CancellationToken ct)
    {
        await using var conn = await OpenConnection(ct).ConfigureAwait(false);
        if (!create)
        {
            // Is it ours, before anything is changed?
            var hasMeta = await Scalar<long>(conn, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='store_meta'", ct).ConfigureAwait(false) > 0;
            if (!hasMeta)
            {
                var tables = await Scalar<long>(conn, "SELECT count(*) FROM sqlite_master", ct).ConfigureAwait(false);
                throw new EventStoreException(tables > 0
                    ? $"Store '{FilePath}' is a SQLite database but not a NeuroSim.Replay store (no store_meta table); it was left as it is."
                    : $"Store '{FilePath}' is empty: it holds no NeuroSim.Replay data.");
            }
            if (!options.SkipQuickCheck) await CheckIntegrity(conn, ct).ConfigureAwait(false);
        }
        if (!options.ReadOnly)
        {
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = "PRAGMA journal_mode=WAL;";
                await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
            }
        }
        if (create)
        {
            await using var tx = conn.BeginTransaction(deferred: false);
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = EmbeddedSql.Load(typeof(SqliteEventStore).Assembly, "Schema.sql");
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        var version = await Scalar<string>(conn, "SELECT value FROM store_meta WHERE key='format_version'", ct).ConfigureAwait(false);
        if (!int.TryParse(version, out var v))
            throw new EventStoreException($"Store '{FilePath}' has no readable format_version.");
        if (v > FormatVersion)
            throw new StoreFormatTooNewException(FilePath, v, FormatVersion);
    }

    private async Task<SqliteConnection> OpenConnection(CancellationToken ct)
    {
        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<T?> Scalar<T>(SqliteConnection conn, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override Exception? TranslateError(Exception error) => error is SqliteException ex ? Translate(ex) : null;

    /// <summary>Driver errors become store errors that name the file.</summary>
    private Exception Translate(SqliteException ex) => ex.SqliteErrorCode switch
    {
        11 or 26 => new StoreDamagedException(FilePath, $"SQLite: {ex.Message}", ex),
        5 or 6 => new EventStoreException($"Store '{FilePath}' is locked by another writer for longer than the busy timeout ({ex.Message}).", ex),
        8 => new EventStoreException($"Store '{FilePath}' cannot be written ({ex.Message}); the file or its folder is read-only.", ex),
        14 => new EventStoreException($"Store '{FilePath}' cannot be opened ({ex.Message}).", ex),
        _ => new EventStoreException($"Store '{FilePath}': {ex.Message}", ex),
    };

    /// <summary>
    /// SQLite's quick check (every page and record readable, b-trees well formed; about 0.4 s per GB from the page
    /// cache): a damaged file is refused before anything reads or writes it.
    /// </summary>
    private async Task CheckIntegrity(SqliteConnection conn, CancellationToken ct)
    {
        var problems = await Pragma(conn, "PRAGMA quick_check(5)", ct).ConfigureAwait(false);
        if (problems is not ["ok"])
            throw new StoreDamagedException(FilePath, $"SQLite's quick check fails: {string.Join("; ", problems)}");
    }

    private static async Task<List<string>> Pragma(SqliteConnection conn, string sql, CancellationToken ct)
    {
        var lines = new List<string>();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        // A row may hold several problems, one a line.
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            lines.AddRange(r.GetString(0).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return lines;
    }

    /// <summary>SQLite's full integrity check (also every index against its table): the problems found, none when sound.</summary>
    protected override async Task<IReadOnlyList<string>> CheckStorageCore(CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            var lines = await Pragma(conn, "PRAGMA integrity_check(100)", cancellationToken).ConfigureAwait(false);
            return lines is ["ok"] ? [] : lines;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            return [$"SQLite: {ex.Message}"];
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
