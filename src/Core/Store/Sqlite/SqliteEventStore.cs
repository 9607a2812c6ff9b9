using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NeuroSim.Replay.Core.Store.Sqlite;

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

    /// <summary>Opens (and, for writers, creates) the store at <paramref name="path"/>.</summary>
    /// <exception cref="EventStoreException">The file is missing (readers), not a store, corrupt, or of a newer format.</exception>
    public static async Task<SqliteEventStore> Open(string path, SqliteStoreOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options ??= new SqliteStoreOptions();
        var full = Path.GetFullPath(path);
        if (!options.CreateIfMissing && !File.Exists(full))
            throw new EventStoreException($"Store '{path}' does not exist (looked for {full}). Record or import a run first, or pass --store file:PATH.");
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            throw new EventStoreException($"Store '{path}': folder '{dir}' does not exist.");
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = options.CreateIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.EffectiveBusyTimeout.TotalSeconds),
        }.ToString();
        var store = new SqliteEventStore(path, cs, options, timeProvider ?? TimeProvider.System);
        try
        {
            await store.Initialize(options.CreateIfMissing, cancellationToken).ConfigureAwait(false);
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

    private async Task Initialize(bool create, CancellationToken ct)
    {
        await using var conn = await OpenConnection(ct).ConfigureAwait(false);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        }
        var hasMeta = await Scalar<long>(conn, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='store_meta'", ct).ConfigureAwait(false) > 0;
        if (!hasMeta)
        {
            var tables = await Scalar<long>(conn, "SELECT count(*) FROM sqlite_master", ct).ConfigureAwait(false);
            if (tables > 0)
                throw new EventStoreException($"Store '{FilePath}' is a SQLite database but not a NeuroSim.Replay store (no store_meta table).");
            if (!create)
                throw new EventStoreException($"Store '{FilePath}' is empty: it holds no NeuroSim.Replay data.");
        }
        if (create)
        {
            await using var tx = conn.BeginTransaction(deferred: false);
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = LoadSql("Schema.sql");
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        var version = await Scalar<string>(conn, "SELECT value FROM store_meta WHERE key='format_version'", ct).ConfigureAwait(false);
        if (!int.TryParse(version, out var v))
            throw new EventStoreException($"Store '{FilePath}' has no readable format_version.");
        if (v > FormatVersion)
            throw new EventStoreException($"Store '{FilePath}' has format version {v}; this build reads up to {FormatVersion}. Update NeuroSim.Replay.");
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

    private static string LoadSql(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        var resource = asm.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Driver errors become store errors that name the file.</summary>
    private Exception Translate(SqliteException ex) => ex.SqliteErrorCode switch
    {
        11 or 26 => new EventStoreException($"Store '{FilePath}' is corrupt or not a SQLite database ({ex.Message}).", ex),
        5 or 6 => new EventStoreException($"Store '{FilePath}' is locked by another writer for longer than the busy timeout ({ex.Message}).", ex),
        14 => new EventStoreException($"Store '{FilePath}' cannot be opened ({ex.Message}).", ex),
        _ => new EventStoreException($"Store '{FilePath}': {ex.Message}", ex),
    };

    private static string? SerializeMetadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null || metadata.Count == 0 ? null : JsonSerializer.Serialize(metadata);

    private static IReadOnlyDictionary<string, string> DeserializeMetadata(string? json) =>
        string.IsNullOrEmpty(json)
            ? EmptyMetadata
            : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? EmptyMetadata;

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
