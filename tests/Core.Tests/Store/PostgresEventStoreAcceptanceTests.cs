using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Postgres;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>One store per test: a schema of its own in the test class's database.</summary>
public sealed class PostgresEventStoreFixture(PostgresServerFixture server) : IEventStoreFixture
{
    private readonly PostgresAddress _address = server.NewStore();
    private static readonly PostgresStoreOptions Options = new(PollInterval: TimeSpan.FromMilliseconds(20));

    public async Task<IEventStore> CreateStore() => await PostgresEventStore.Open(_address, StoreAccess.WriteOrCreate, Options);

    public async Task<IEventStore> OpenSecondHandle() => await PostgresEventStore.Open(_address, StoreAccess.Write, Options);

    public async Task<IEventStore> OpenHandle(TimeSpan pollInterval) =>
        await PostgresEventStore.Open(_address, StoreAccess.Write, Options with { PollInterval = pollInterval });

    public string Address => _address.ToString();

    public string NewAddress() => server.NewStore().ToString();

    public bool NotifiesOtherProcesses => true;

    public Task SetFormatVersion(int version) =>
        server.Database.Execute($"UPDATE \"{_address.Schema}\".store_meta SET value = '{version}' WHERE key = 'format_version'");

    public async ValueTask DisposeAsync() => await server.Database.Execute($"DROP SCHEMA IF EXISTS \"{_address.Schema}\" CASCADE");
}

/// <summary>The whole acceptance suite against PostgreSQL (skipped, with the reason, when NEUROSIM_TEST_PG is unset).</summary>
public sealed class PostgresEventStoreAcceptanceTests(PostgresServerFixture server) : EventStoreAcceptanceTests, IClassFixture<PostgresServerFixture>
{
    protected override IEventStoreFixture CreateFixture() => new PostgresEventStoreFixture(server);
}
