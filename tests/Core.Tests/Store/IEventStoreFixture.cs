using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>Creates stores for the shared acceptance suite; each backend's test class supplies one.</summary>
public interface IEventStoreFixture : IAsyncDisposable
{
    /// <summary>A new, empty store.</summary>
    Task<IEventStore> CreateStore();

    /// <summary>A second handle on the same store, as another process would open it.</summary>
    Task<IEventStore> OpenSecondHandle();
}
