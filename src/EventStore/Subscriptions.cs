namespace NeuroSim.Replay.EventStore;

/// <summary>Called for each event a subscription delivers, in order; the next event waits for the task.</summary>
public delegate Task EventReceived(RecordedEvent recordedEvent, CancellationToken cancellationToken);

/// <summary>Called once when a subscription stops for any reason.</summary>
public delegate void SubscriptionDropped(SubscriptionDroppedReason reason, Exception? error);

/// <summary>Called each time a subscription has delivered every event that existed when it looked.</summary>
public delegate void HasCaughtUp();

public enum SubscriptionDroppedReason
{
    /// <summary>The subscriber disposed the subscription.</summary>
    Disposed,
    /// <summary>The subscriber's handler threw.</summary>
    SubscriberError,
    /// <summary>The store failed (or was disposed).</summary>
    StoreError,
}

/// <summary>A running catch-up subscription. Dispose it to stop it; disposal waits for the handler in flight.</summary>
public interface IEventSubscription : IAsyncDisposable
{
    /// <summary>Completes when the subscription has stopped.</summary>
    Task Completion { get; }
}
