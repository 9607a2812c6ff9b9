using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Sqlite;

namespace NeuroSim.Replay.Core.Tests.Store;

public sealed class SqliteEventStoreFixture : IEventStoreFixture
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neurosim-store-").FullName;
    private string Path => System.IO.Path.Combine(_dir, "events.db");
    private static readonly SqliteStoreOptions Options = new(PollInterval: TimeSpan.FromMilliseconds(20));

    public async Task<IEventStore> CreateStore() => await SqliteEventStore.Open(Path, Options);

    public async Task<IEventStore> OpenSecondHandle() => await SqliteEventStore.Open(Path, Options);

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteEventStoreAcceptanceTests : EventStoreAcceptanceTests
{
    protected override IEventStoreFixture CreateFixture() => new SqliteEventStoreFixture();
}
