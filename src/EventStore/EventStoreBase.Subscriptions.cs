namespace NeuroSim.Replay.EventStore;

public abstract partial class EventStoreBase
{
    public IEventSubscription SubscribeToStream(StreamId streamId, long? continueAfterRevision, EventReceived onEvent,
        SubscriptionDropped? onDropped = null, HasCaughtUp? onCaughtUp = null, IReadOnlyCollection<string>? types = null)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        ArgumentNullException.ThrowIfNull(onEvent);
        OnSubscribing();
        long next = continueAfterRevision is { } r ? r + 1 : 0;
        return CatchUpSubscription.Start(this, async ct =>
        {
            var page = await ReadStream(streamId, next, SubscriptionPageSize, ReadDirection.Forwards, types, ct).ConfigureAwait(false);
            if (page.Status == ReadStatus.StreamNotFound) return (Array.Empty<RecordedEvent>(), true);
            next = page.NextRevision;
            return (page.Events, page.IsEnd);
        }, onEvent, onDropped, onCaughtUp, _disposed.Token);
    }

    public IEventSubscription SubscribeToAll(long? continueAfterPosition, EventReceived onEvent,
        SubscriptionDropped? onDropped = null, HasCaughtUp? onCaughtUp = null, IReadOnlyCollection<string>? types = null)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(onEvent);
        OnSubscribing();
        long next = continueAfterPosition is { } p ? p + 1 : 0;
        return CatchUpSubscription.Start(this, async ct =>
        {
            var page = await ReadAll(next, SubscriptionPageSize, types, ct).ConfigureAwait(false);
            next = page.NextPosition;
            return (page.Events, page.IsEnd);
        }, onEvent, onDropped, onCaughtUp, _disposed.Token);
    }

    /// <summary>
    /// Called as a subscription starts: a backend that can hear other processes' appends (PostgreSQL's LISTEN) starts
    /// listening here, once, and calls <see cref="SignalAppended"/> for each; polling stays as the fallback.
    /// </summary>
    protected virtual void OnSubscribing()
    {
    }

    /// <summary>Completes at the next append signalled from now on.</summary>
    internal Task AppendSignal()
    {
        lock (_signalLock) return _appended.Task;
    }

    /// <summary>Completes when <paramref name="appended"/> (an <see cref="AppendSignal"/>) completes or the poll interval passes.</summary>
    internal Task WaitForAppendOrPoll(Task appended, CancellationToken cancellationToken) =>
        Task.WhenAny(appended, Task.Delay(PollInterval, TimeProvider, cancellationToken));

    /// <summary>Wakes every waiting subscription: called after this process's appends, and by backends that hear of others'.</summary>
    protected void SignalAppended()
    {
        TaskCompletionSource old;
        lock (_signalLock)
        {
            old = _appended;
            _appended = NewSignal();
        }
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
