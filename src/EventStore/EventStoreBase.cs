namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The template every backend follows: arguments are checked here, then the backend's <c>…Core</c>
/// step runs. Catch-up subscriptions are implemented once, on top of the reads: they page through
/// history, then wait for an in-process append signal or the poll interval (which also sees appends
/// by other processes).
/// </summary>
public abstract class EventStoreBase : IEventStore
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _signalLock = new();
    private TaskCompletionSource _appended = NewSignal();

    protected EventStoreBase(TimeProvider timeProvider, TimeSpan pollInterval)
    {
        TimeProvider = timeProvider;
        PollInterval = pollInterval;
    }

    protected TimeProvider TimeProvider { get; }

    /// <summary>How often subscriptions look for events appended by other processes.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Page size of subscription catch-up reads.</summary>
    protected virtual int SubscriptionPageSize => 256;

    public async Task<AppendResult> AppendToStream(StreamId streamId, ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        ArgumentNullException.ThrowIfNull(events);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"events[{i}] is null.", nameof(events));
            if (e.EventId == Guid.Empty)
                throw new ArgumentException($"events[{i}] ({e.Type}) has an empty EventId.", nameof(events));
            if (!ids.Add(e.EventId))
                throw new ArgumentException($"events[{i}] repeats EventId {e.EventId} within the same append.", nameof(events));
            if (string.IsNullOrWhiteSpace(e.Type))
                throw new ArgumentException($"events[{i}] has no Type.", nameof(events));
            if (e.SchemaVersion < 1)
                throw new ArgumentException($"events[{i}] ({e.Type}) has SchemaVersion {e.SchemaVersion}; it must be ≥ 1.", nameof(events));
        }
        var result = await AppendToStreamCore(streamId, expectedVersion, events, cancellationToken).ConfigureAwait(false);
        SignalAppended();
        return result;
    }

    public async Task<AppendResult?> DeleteStream(StreamId streamId, ExpectedVersion expectedVersion, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        var result = await DeleteStreamCore(streamId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (result is not null) SignalAppended();
        return result;
    }

    public Task<IReadOnlyList<string>> CheckStorage(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return CheckStorageCore(cancellationToken);
    }

    public Task<ReadStreamPage> ReadStreamForwards(StreamId streamId, long fromRevision, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        if (fromRevision < 0) throw new ArgumentOutOfRangeException(nameof(fromRevision), fromRevision, "Must be ≥ 0.");
        CheckMaxCount(maxCount);
        return ReadStreamCore(streamId, fromRevision, maxCount, ReadDirection.Forwards, types, cancellationToken);
    }

    public Task<ReadStreamPage> ReadStreamBackwards(StreamId streamId, long fromRevision, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        if (fromRevision < -1) throw new ArgumentOutOfRangeException(nameof(fromRevision), fromRevision, "Must be ≥ -1 (-1: from the end).");
        CheckMaxCount(maxCount);
        return ReadStreamCore(streamId, fromRevision, maxCount, ReadDirection.Backwards, types, cancellationToken);
    }

    public Task<ReadAllPage> ReadAllForwards(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (fromPosition < 0) throw new ArgumentOutOfRangeException(nameof(fromPosition), fromPosition, "Must be ≥ 0.");
        CheckMaxCount(maxCount);
        return ReadAllCore(fromPosition, maxCount, types, cancellationToken);
    }

    public Task<long> ReadHeadPosition(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ReadHeadPositionCore(cancellationToken);
    }

    public Task<IReadOnlyList<StreamInfo>> ListStreams(string prefix, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(prefix);
        return ListStreamsCore(prefix, cancellationToken);
    }

    public Task<StreamInfo?> GetStreamInfo(StreamId streamId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        return GetStreamInfoCore(streamId, cancellationToken);
    }

    public IEventSubscription SubscribeToStream(StreamId streamId, long? continueAfterRevision, EventReceived onEvent,
        SubscriptionDropped? onDropped = null, HasCaughtUp? onCaughtUp = null, IReadOnlyCollection<string>? types = null)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        ArgumentNullException.ThrowIfNull(onEvent);
        long next = continueAfterRevision is { } r ? r + 1 : 0;
        return CatchUpSubscription.Start(this, async ct =>
        {
            var page = await ReadStreamCore(streamId, next, SubscriptionPageSize, ReadDirection.Forwards, types, ct).ConfigureAwait(false);
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
        long next = continueAfterPosition is { } p ? p + 1 : 0;
        return CatchUpSubscription.Start(this, async ct =>
        {
            var page = await ReadAllCore(next, SubscriptionPageSize, types, ct).ConfigureAwait(false);
            next = page.NextPosition;
            return (page.Events, page.IsEnd);
        }, onEvent, onDropped, onCaughtUp, _disposed.Token);
    }

    /// <summary>Completes when an append happens in this process or the poll interval passes.</summary>
    internal Task WaitForAppendOrPoll(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_signalLock) signal = _appended.Task;
        return Task.WhenAny(signal, Task.Delay(PollInterval, TimeProvider, cancellationToken));
    }

    private void SignalAppended()
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

    protected abstract Task<AppendResult> AppendToStreamCore(StreamId streamId, ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken);

    protected abstract Task<AppendResult?> DeleteStreamCore(StreamId streamId, ExpectedVersion expectedVersion, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<string>> CheckStorageCore(CancellationToken cancellationToken);

    protected abstract Task<ReadStreamPage> ReadStreamCore(StreamId streamId, long fromRevision, int maxCount,
        ReadDirection direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken);

    protected abstract Task<ReadAllPage> ReadAllCore(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types, CancellationToken cancellationToken);

    protected abstract Task<long> ReadHeadPositionCore(CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<StreamInfo>> ListStreamsCore(string prefix, CancellationToken cancellationToken);

    protected abstract Task<StreamInfo?> GetStreamInfoCore(StreamId streamId, CancellationToken cancellationToken);

    protected bool IsDisposed => _disposed.IsCancellationRequested;

    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);

    private static void CheckStreamId(StreamId streamId)
    {
        if (streamId.Value is null) throw new ArgumentException("The stream id is default (empty).", nameof(streamId));
    }

    private static void CheckMaxCount(int maxCount)
    {
        if (maxCount < 1) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "Must be ≥ 1.");
    }

    public virtual ValueTask DisposeAsync()
    {
        if (!_disposed.IsCancellationRequested) _disposed.Cancel();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
