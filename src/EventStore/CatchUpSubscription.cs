namespace NeuroSim.Replay.EventStore;

/// <summary>A catch-up subscription: a loop that reads pages, delivers events in order and waits for more.</summary>
internal sealed class CatchUpSubscription : IEventSubscription
{
    private readonly CancellationTokenSource _stop;
    private int _droppedOnce;

    private CatchUpSubscription(CancellationToken storeDisposed)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(storeDisposed);
        Completion = Task.CompletedTask;
    }

    public Task Completion { get; private set; }

    public static CatchUpSubscription Start(EventStoreBase store,
        Func<CancellationToken, Task<(IReadOnlyList<RecordedEvent> Events, bool IsEnd)>> readPage,
        EventReceived onEvent, SubscriptionDropped? onDropped, HasCaughtUp? onCaughtUp, CancellationToken storeDisposed)
    {
        var s = new CatchUpSubscription(storeDisposed);
        s.Completion = Task.Run(() => s.Run(store, readPage, onEvent, onDropped, onCaughtUp, storeDisposed));
        return s;
    }

    private async Task Run(EventStoreBase store,
        Func<CancellationToken, Task<(IReadOnlyList<RecordedEvent> Events, bool IsEnd)>> readPage,
        EventReceived onEvent, SubscriptionDropped? onDropped, HasCaughtUp? onCaughtUp, CancellationToken storeDisposed)
    {
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Taken before the read: an append signalled while the page is read or delivered wakes the wait at once.
                var appended = store.AppendSignal();
                (IReadOnlyList<RecordedEvent> Events, bool IsEnd) page;
                try
                {
                    page = await readPage(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
                {
                    Drop(onDropped, SubscriptionDroppedReason.StoreError, ex);
                    return;
                }
                foreach (var e in page.Events)
                {
                    ct.ThrowIfCancellationRequested();
                    try
                    {
                        await onEvent(e, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        Drop(onDropped, SubscriptionDroppedReason.SubscriberError, ex);
                        return;
                    }
                }
                if (page.IsEnd)
                {
                    onCaughtUp?.Invoke();
                    await store.WaitForAppendOrPoll(appended, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        Drop(onDropped, storeDisposed.IsCancellationRequested ? SubscriptionDroppedReason.StoreError : SubscriptionDroppedReason.Disposed, null);
    }

    private void Drop(SubscriptionDropped? onDropped, SubscriptionDroppedReason reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _droppedOnce, 1) == 0) onDropped?.Invoke(reason, error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        try { await Completion.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
