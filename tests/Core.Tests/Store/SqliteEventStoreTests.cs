using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Sqlite;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>What only the embedded SQLite store must do: open errors that name the file, and atomic appends under kill -9.</summary>
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
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => SqliteEventStore.Open(path, cancellationToken: Ct));
        Assert.Contains("format version 99", ex.Message);
    }

    [Fact]
    public async Task When_a_writer_is_killed_at_random_moments_then_only_whole_batches_remain()
    {
        var path = Path.Combine(_dir, "kill.db");
        var helper = Path.Combine(AppContext.BaseDirectory, "NeuroSim.Replay.StoreKillHelper.dll");
        Assert.True(File.Exists(helper), $"helper not built: {helper}");
        var random = new Random(7);
        const int batch = 6;
        for (var round = 0; round < 5; round++)
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", [helper, path, batch.ToString(), "20000"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var started = await p.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.Equal("started", started);
            await Task.Delay(random.Next(20, 400), Ct);
            p.Kill(entireProcessTree: true);   // SIGKILL: no cleanup runs
            await p.WaitForExitAsync(Ct);
            await AssertOnlyWholeBatches(path, batch);
        }
    }

    private static async Task AssertOnlyWholeBatches(string path, int batch)
    {
        await using var store = await SqliteEventStore.Open(path, new SqliteStoreOptions(CreateIfMissing: false), cancellationToken: Ct);
        var counts = new Dictionary<long, int>();
        long events = 0;
        var page = await store.ReadAllForwards(0, 500, cancellationToken: Ct);
        while (true)
        {
            foreach (var e in page.Events)
            {
                var n = BitConverter.ToInt64(e.Data.Span[..8]);
                var i = BitConverter.ToInt32(e.Data.Span.Slice(8, 4));
                Assert.Equal(counts.GetValueOrDefault(n), i);   // in order within the batch
                counts[n] = i + 1;
                events++;
            }
            if (page.IsEnd) break;
            page = await page.ReadNext(Ct);
        }
        Assert.True(events > 0);
        Assert.All(counts, kv => Assert.Equal(batch, kv.Value));
        foreach (var s in await store.ListStreams("kill-", Ct))
        {
            var last = await store.ReadStreamBackwards(s.StreamId, -1, 1, cancellationToken: Ct);
            Assert.Equal(s.LastRevision, last.Events[0].Revision);
            Assert.Equal(s.LastPosition, last.Events[0].Position);
        }
    }
}
