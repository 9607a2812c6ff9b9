using Microsoft.Data.Sqlite;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Sqlite;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>What only the embedded SQLite store must do: open errors that name the file (atomic appends under kill -9: the acceptance suite).</summary>
public sealed class SqliteEventStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neurosim-sqlite-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task When_a_reader_opens_a_missing_store_then_the_error_names_the_path()
    {
        var path = Path.Combine(_dir, "missing.db");
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => SqliteEventStore.Open(path, new SqliteStoreOptions(CreateIfMissing: false), cancellationToken: Ct));
        Assert.Contains("missing.db", ex.Message);
        Assert.Contains("does not exist", ex.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task When_the_file_is_not_a_database_then_the_error_says_corrupt()
    {
        var path = Path.Combine(_dir, "garbage.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray(), Ct);
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => SqliteEventStore.Open(path, new SqliteStoreOptions(CreateIfMissing: false), cancellationToken: Ct));
        Assert.Contains("garbage.db", ex.Message);
        Assert.Contains("corrupt", ex.Message);
    }

    [Fact]
    public async Task When_the_file_is_another_sqlite_database_then_it_is_refused()
    {
        var path = Path.Combine(_dir, "other.db");
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t(x)";
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => SqliteEventStore.Open(path, cancellationToken: Ct));
        Assert.Contains("not a NeuroSim.Replay store", ex.Message);
    }

    [Fact]
    public async Task When_the_store_has_a_newer_format_then_it_is_refused()
    {
        var path = Path.Combine(_dir, "newer.db");
        await (await SqliteEventStore.Open(path, cancellationToken: Ct)).DisposeAsync();
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE store_meta SET value='99' WHERE key='format_version'";
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        var ex = await Assert.ThrowsAsync<StoreFormatTooNewException>(() => SqliteEventStore.Open(path, cancellationToken: Ct));
        Assert.Contains("format version 99", ex.Message);
        Assert.Equal(99, ex.FoundVersion);
    }
}
