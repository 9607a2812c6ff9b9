using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>Creates stores for the shared acceptance suite; each backend's test class supplies one.</summary>
public interface IEventStoreFixture : IAsyncDisposable
{
    /// <summary>A new, empty store.</summary>
    Task<IEventStore> CreateStore();

    /// <summary>A second handle on the same store, as another process would open it.</summary>
    Task<IEventStore> OpenSecondHandle();

    /// <summary>A handle on the same store whose subscriptions poll only every <paramref name="pollInterval"/>.</summary>
    Task<IEventStore> OpenHandle(TimeSpan pollInterval);

    /// <summary>The store's address (<c>--store</c>), for <c>StoreAddress</c> and helper processes.</summary>
    string Address { get; }

    /// <summary>The address of a store that does not exist yet.</summary>
    string NewAddress();

    /// <summary>True when subscribers hear other processes' appends without polling (PostgreSQL's LISTEN/NOTIFY).</summary>
    bool NotifiesOtherProcesses { get; }

    /// <summary>Marks the store as written in format <paramref name="version"/>, as a newer build would.</summary>
    Task SetFormatVersion(int version);
}
