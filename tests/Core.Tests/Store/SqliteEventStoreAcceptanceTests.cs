using Microsoft.Data.Sqlite;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Sqlite;

namespace NeuroSim.Replay.Core.Tests.Store;

public sealed class SqliteEventStoreFixture : IEventStoreFixture
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neurosim-store-").FullName;
    private int _new;
    private string Path => System.IO.Path.Combine(_dir, "events.db");
    private static readonly SqliteStoreOptions Options = new(PollInterval: TimeSpan.FromMilliseconds(20));

    public async Task<IEventStore> CreateStore() => await SqliteEventStore.Open(Path, Options);

    public async Task<IEventStore> OpenSecondHandle() => await SqliteEventStore.Open(Path, Options);

    public async Task<IEventStore> OpenHandle(TimeSpan pollInterval) => await SqliteEventStore.Open(Path, Options with { PollInterval = pollInterval });

    public string Address => "file:" + Path;

    public string NewAddress() => "file:" + System.IO.Path.Combine(_dir, $"new-{Interlocked.Increment(ref _new)}.db");

    public bool NotifiesOtherProcesses => false;

    public async Task SetFormatVersion(int version)
    {
        await using var c = new SqliteConnection($"Data Source={Path};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"UPDATE store_meta SET value='{version}' WHERE key='format_version'";
        await cmd.ExecuteNonQueryAsync();
    }

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
