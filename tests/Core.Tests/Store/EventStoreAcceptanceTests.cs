using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>
/// The behaviour every event-store backend must have. A backend's test class derives from this and
/// overrides <see cref="CreateFixture"/>; a backend is done only when the whole suite passes.
/// </summary>
public abstract partial class EventStoreAcceptanceTests : IAsyncLifetime
{
    private IEventStoreFixture? _fixture;
    protected IEventStore Store { get; private set; } = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IEventStoreFixture CreateFixture();

    public async ValueTask InitializeAsync()
    {
        _fixture = CreateFixture();
        Store = await _fixture.CreateStore();
    }

    public async ValueTask DisposeAsync()
    {
        // Null when the test was skipped before its store was made (no server for the backend).
        if (Store is not null) await Store.DisposeAsync();
        if (_fixture is not null) await _fixture.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private IEventStoreFixture Fixture => _fixture ?? throw new InvalidOperationException("the store fixture is not made yet");

    protected Task<IEventStore> OpenSecondHandle() => Fixture.OpenSecondHandle();

    protected static NewEvent Event(string name, string type = "test_event", int size = 8) =>
        new(DeterministicGuid.Create(name), type, 1, Enumerable.Range(0, size).Select(i => (byte)(i + name.Length)).ToArray(),
            new Dictionary<string, string> { ["name"] = name });

    protected static NewEvent[] Events(string prefix, int count, string type = "test_event") =>
        Enumerable.Range(0, count).Select(i => Event($"{prefix}/{i}", type)).ToArray();

    protected static readonly StreamId S1 = new("stream-1");
    protected static readonly StreamId S2 = new("stream-2");
}
