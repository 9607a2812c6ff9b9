using Xunit;
using NeuroSim.Replay.EventStore.Postgres;

namespace NeuroSim.Replay.TestSupport;

/// <summary>A fresh database on the test server for one test class; without NEUROSIM_TEST_PG every test that asks for it is skipped.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    /// <summary>The class's database; skips the calling test when there is no test server.</summary>
    public PostgresTestDatabase Database => _database ?? throw Xunit.Sdk.SkipException.ForSkip(PostgresTestDatabase.SkipReason);

    /// <summary>The address of a new, empty store (a schema of its own); skips the calling test when there is no test server.</summary>
    public PostgresAddress NewStore() => Database.NewStore();

    public async ValueTask InitializeAsync() => _database = await PostgresTestDatabase.Create();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
