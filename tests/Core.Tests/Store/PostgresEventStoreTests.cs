using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Postgres;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>
/// What only the server store must do: make its schema from empty (and only where asked), leave foreign schemas alone,
/// keep readers read-only, and name the address (never the password) when the server cannot be used.
/// </summary>
public sealed class PostgresEventStoreTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<object?> Scalar(string sql) => await PostgresTestDatabase.Scalar(server.Database.Database, sql, Ct);

    private async Task<bool> SchemaExists(PostgresAddress a) => (bool)(await Scalar($"SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{a.Schema}')"))!;

    [Fact]
    public async Task A_store_is_made_from_empty_by_a_creating_writer_only_with_its_tables_and_format_version()
    {
        var address = server.NewStore();
        foreach (var access in new[] { StoreAccess.Read, StoreAccess.Write, StoreAccess.Check })
        {
            var ex = await Assert.ThrowsAsync<EventStoreException>(() => PostgresEventStore.Open(address, access, cancellationToken: Ct));
            Assert.Contains(address.ToString(), ex.Message);
            Assert.Contains("does not exist", ex.Message);
        }
        Assert.False(await SchemaExists(address));
        await using (await PostgresEventStore.Open(address, StoreAccess.WriteOrCreate, cancellationToken: Ct)) { }
        Assert.True(await SchemaExists(address));
        Assert.Equal("1", await Scalar($"SELECT value FROM \"{address.Schema}\".store_meta WHERE key = 'format_version'"));
        Assert.Equal(4L, await Scalar($"SELECT count(*) FROM pg_tables WHERE schemaname = '{address.Schema}'"));
        Assert.Equal(-1L, await Scalar($"SELECT position FROM \"{address.Schema}\".store_head"));
        await using var check = await PostgresEventStore.Open(address, StoreAccess.Check, cancellationToken: Ct);
        Assert.Empty(await check.CheckStorage(Ct));
    }

    [Fact]
    public async Task Two_writers_creating_the_same_store_at_once_both_open_it()
    {
        var address = server.NewStore();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresEventStore.Open(address, StoreAccess.WriteOrCreate, cancellationToken: Ct)));
        foreach (var s in stores) await s.DisposeAsync();
        Assert.Equal(1L, await Scalar($"SELECT count(*) FROM \"{address.Schema}\".store_head"));
    }

    [Fact]
    public async Task A_schema_holding_other_tables_is_refused_and_left_as_it_was()
    {
        var address = server.NewStore();
        await server.Database.Execute($"CREATE SCHEMA \"{address.Schema}\"; CREATE TABLE \"{address.Schema}\".theirs (x int); INSERT INTO \"{address.Schema}\".theirs VALUES (7)", Ct);
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => PostgresEventStore.Open(address, StoreAccess.WriteOrCreate, cancellationToken: Ct));
        Assert.Contains("holds other tables", ex.Message);
        Assert.Equal(1L, await Scalar($"SELECT count(*) FROM pg_tables WHERE schemaname = '{address.Schema}'"));
        Assert.Equal(7, await Scalar($"SELECT x FROM \"{address.Schema}\".theirs"));
    }

    [Fact]
    public async Task A_reader_cannot_write_and_check_storage_finds_a_broken_stream_row()
    {
        var address = server.NewStore();
        await using (var w = await PostgresEventStore.Open(address, StoreAccess.WriteOrCreate, cancellationToken: Ct))
            await w.AppendToStream(new StreamId("s"), ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), "t", 1, new byte[] { 1 })], Ct);
        await using var reader = await StoreAddress.Parse(address.ToString()).OpenForReading(Ct);
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => ((IEventStore)reader).AppendToStream(new StreamId("s"), ExpectedVersion.Any,
            [new NewEvent(Guid.NewGuid(), "t", 1, new byte[] { 2 })], Ct));
        Assert.Contains("read-only", ex.Message);
        Assert.Equal(0, (await reader.GetStreamInfo(new StreamId("s"), Ct))!.LastRevision);

        await server.Database.Execute($"UPDATE \"{address.Schema}\".streams SET revision = 5", Ct);
        var problems = await reader.CheckStorage(Ct);
        Assert.Contains(problems, p => p.Contains("stream 's'", StringComparison.Ordinal) && p.Contains("revision 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_one_line()
    {
        var port = UnusedPort.Next();
        var address = StoreAddress.Parse($"postgres://someone:hunter2@127.0.0.1:{port}/nowhere");
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => address.OpenForReading(Ct));
        Assert.Contains($"postgres://someone@127.0.0.1:{port}/nowhere", ex.Message);
        Assert.Contains("cannot be reached", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task A_missing_database_is_named_and_not_created()
    {
        var name = "neurosim_missing_" + Guid.NewGuid().ToString("N")[..8];
        var address = server.Database.Database.WithDatabase(name);
        var ex = await Assert.ThrowsAsync<EventStoreException>(() => PostgresEventStore.Open(address, StoreAccess.WriteOrCreate, cancellationToken: Ct));
        Assert.Contains($"has no database '{name}'", ex.Message);
        Assert.Contains(address.ToString(), ex.Message);
        Assert.Equal(0L, await Scalar($"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_showing_it_and_the_right_one_opens()
    {
        var role = "neurosim_pw_" + Guid.NewGuid().ToString("N")[..8];
        await server.Database.Execute($"CREATE ROLE {role} LOGIN PASSWORD 'right-horse'; GRANT CREATE ON DATABASE \"{server.Database.Database.Database}\" TO {role}", Ct);
        var database = server.Database.Database;
        var right = StoreAddress.Parse($"postgres://{role}:right-horse@{database.Host}:{database.Port}/{database.Database}?schema={role}");
        var wrong = StoreAddress.Parse($"postgres://{role}:wrong-battery@{database.Host}:{database.Port}/{database.Database}?schema={role}");
        Exception? refused = null;
        try
        {
            await using var _ = await wrong.OpenOrCreateForWriting(Ct);
        }
        catch (EventStoreException ex)
        {
            refused = ex;
        }
        if (refused is null)
            Assert.Skip($"the test server lets {role} in without checking its password (trust); ./neurosim pg-up's server asks roles other than postgres for theirs");
        Assert.Contains("refused user", refused.Message);
        Assert.Contains(wrong.ToString(), refused.Message);
        Assert.DoesNotContain("wrong-battery", refused.Message);
        Assert.Equal(0L, await Scalar($"SELECT count(*) FROM pg_namespace WHERE nspname = '{role}'"));
        await using (var store = await right.OpenOrCreateForWriting(Ct))
            Assert.Equal(-1, await store.ReadHeadPosition(Ct));
    }
}
