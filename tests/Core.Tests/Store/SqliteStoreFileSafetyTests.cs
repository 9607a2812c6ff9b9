using Microsoft.Data.Sqlite;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>
/// Files that are not ours are never changed, readers change nothing, writers create only where asked, and a damaged
/// store is refused before anything reads or writes it.
/// </summary>
public sealed class SqliteStoreFileSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neurosim-safety-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task A_reader_leaves_a_foreign_sqlite_file_and_an_empty_file_byte_for_byte_as_they_were()
    {
        var foreign = PathOf("foreign.db");
        await using (var c = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1);";
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        var empty = PathOf("empty.db");
        await File.WriteAllBytesAsync(empty, [], Ct);
        var before = await File.ReadAllBytesAsync(foreign, Ct);
        foreach (var address in new[] { foreign, empty })
        {
            var ex = await Assert.ThrowsAsync<EventStoreException>(() => StoreAddress.Parse(address).OpenForReading(Ct));
            Assert.Contains(Path.GetFileName(address), ex.Message);
            await Assert.ThrowsAsync<EventStoreException>(() => StoreAddress.Parse(address).OpenForWriting(Ct));
            await Assert.ThrowsAsync<EventStoreException>(() => StoreAddress.Parse(address).OpenOrCreateForWriting(Ct));
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(foreign, Ct));   // still in rollback-journal mode, not switched to WAL
        Assert.Empty(await File.ReadAllBytesAsync(empty, Ct));
        Assert.Equal(["empty.db", "foreign.db"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Writers_to_an_existing_store_create_nothing_where_the_path_is_mistyped()
    {
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => StoreAddress.Parse(PathOf("typo.db")).OpenForWriting(Ct));
        Assert.Contains("does not exist", ex.Message);
        await Assert.ThrowsAsync<EventStoreException>(() => StoreAddress.Parse(PathOf("typo.db")).OpenForReading(Ct));
        Assert.Empty(Directory.GetFiles(_dir));
        await (await StoreAddress.Parse(PathOf("new.db")).OpenOrCreateForWriting(Ct)).DisposeAsync();
        Assert.True(File.Exists(PathOf("new.db")));
    }

    [Fact]
    public async Task A_reader_opens_read_only_and_cannot_write()
    {
        var path = PathOf("store.db");
        await using (var w = await StoreAddress.Parse(path).OpenOrCreateForWriting(Ct))
            await w.AppendToStream(new StreamId("s"), ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), "t", 1, new byte[] { 1 })], Ct);
        await using var r = await StoreAddress.Parse(path).OpenForReading(Ct);
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => ((IEventStore)r).AppendToStream(new StreamId("s"), ExpectedVersion.Any,
            [new NewEvent(Guid.NewGuid(), "t", 1, new byte[] { 2 })], Ct));
        Assert.Contains("read", ex.Message);
        Assert.Equal(0, (await r.GetStreamInfo(new StreamId("s"), Ct))!.LastRevision);
    }

    [Fact]
    public async Task A_damaged_store_is_refused_by_readers_and_writers_and_check_store_lists_the_damage()
    {
        var path = PathOf("damaged.db");
        await using (var w = await StoreAddress.Parse(path).OpenOrCreateForWriting(Ct))
            for (var i = 0; i < 40; i++)
                await w.AppendToStream(new StreamId($"s-{i % 4}"), ExpectedVersion.Any,
                    [new NewEvent(Guid.NewGuid(), "t", 1, Enumerable.Range(0, 3000).Select(b => (byte)(b * i)).ToArray())], Ct);
        SqliteConnection.ClearAllPools();
        await StoreFiles.DamagePages(path, Ct);
        var length = new FileInfo(path).Length;
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        foreach (var open in new Func<Task>[] { () => StoreAddress.Parse(path).OpenForReading(Ct), () => StoreAddress.Parse(path).OpenForWriting(Ct),
                     () => StoreAddress.Parse(path).OpenOrCreateForWriting(Ct) })
        {
            var ex = await Assert.ThrowsAsync<StoreDamagedException>(open);
            Assert.Contains("damaged.db", ex.Message);
            Assert.Contains("check-store", ex.Message);
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path, Ct));   // nothing written
        Assert.Equal(length, new FileInfo(path).Length);
        await using var check = await StoreAddress.Parse(path).OpenForChecking(Ct);
        var report = await StoreCheck.Run(check, cancellationToken: Ct);
        Assert.False(report.IsSound);
        Assert.Contains(report.Problems, p => p.StartsWith("storage:", StringComparison.Ordinal));
    }
}
