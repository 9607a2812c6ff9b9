namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The template every backend follows: arguments are checked here; the protocols of the contract (expected
/// versions, idempotent retries, tombstones, paging) run here on top of a backend's few steps (a write transaction,
/// consistent slices of a stream or of all streams); and driver errors become store errors through the backend's
/// <see cref="TranslateError"/>. Catch-up subscriptions are implemented once, on top of the reads: they page through
/// history, then wait for an append signal (this process's appends, or a backend's notification of another
/// process's, see <see cref="SignalAppended"/>) or the poll interval.
/// </summary>
public abstract partial class EventStoreBase : IEventStore
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
        var result = await Translated(() => Append(streamId, expectedVersion, events, cancellationToken)).ConfigureAwait(false);
        SignalAppended();
        return result;
    }

    public async Task<AppendResult?> DeleteStream(StreamId streamId, ExpectedVersion expectedVersion, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        var result = await Translated(() => Delete(streamId, expectedVersion, cancellationToken)).ConfigureAwait(false);
        if (result is not null) SignalAppended();
        return result;
    }

    public Task<IReadOnlyList<string>> CheckStorage(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Translated(() => CheckStorageCore(cancellationToken));
    }

    public Task<ReadStreamPage> ReadStreamForwards(StreamId streamId, long fromRevision, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        if (fromRevision < 0) throw new ArgumentOutOfRangeException(nameof(fromRevision), fromRevision, "Must be ≥ 0.");
        CheckMaxCount(maxCount);
        return ReadStream(streamId, fromRevision, maxCount, ReadDirection.Forwards, types, cancellationToken);
    }

    public Task<ReadStreamPage> ReadStreamBackwards(StreamId streamId, long fromRevision, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        if (fromRevision < -1) throw new ArgumentOutOfRangeException(nameof(fromRevision), fromRevision, "Must be ≥ -1 (-1: from the end).");
        CheckMaxCount(maxCount);
        return ReadStream(streamId, fromRevision, maxCount, ReadDirection.Backwards, types, cancellationToken);
    }

    public Task<ReadAllPage> ReadAllForwards(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (fromPosition < 0) throw new ArgumentOutOfRangeException(nameof(fromPosition), fromPosition, "Must be ≥ 0.");
        CheckMaxCount(maxCount);
        return ReadAll(fromPosition, maxCount, types, cancellationToken);
    }

    public Task<long> ReadHeadPosition(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Translated(() => ReadHeadPositionCore(cancellationToken));
    }

    public Task<IReadOnlyList<StreamInfo>> ListStreams(string prefix, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(prefix);
        return Translated(() => ListStreamsCore(prefix, cancellationToken));
    }

    public Task<StreamInfo?> GetStreamInfo(StreamId streamId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckStreamId(streamId);
        return Translated(() => GetStreamInfoCore(streamId, cancellationToken));
    }

    /// <summary>Runs a backend step, turning its driver's errors into store errors (<see cref="TranslateError"/>).</summary>
    private async Task<T> Translated<T>(Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (TranslateError(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The store error a driver's exception stands for (naming the store), or null to let it through as it is.</summary>
    protected abstract Exception? TranslateError(Exception error);

    /// <summary>Opens the backend's write transaction: from here until it ends, no other append or deletion runs.</summary>
    protected abstract Task<StoreWriteTransaction> BeginWrite(CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<string>> CheckStorageCore(CancellationToken cancellationToken);

    /// <summary>
    /// One consistent read of a stream: null when it is missing or deleted; else its last revision and up to
    /// <paramref name="maxCount"/> of its events (no tombstones) from <paramref name="fromRevision"/> on in
    /// <paramref name="direction"/> (backwards, <see cref="long.MaxValue"/> reads from the last event).
    /// </summary>
    protected abstract Task<StreamSlice?> ReadStreamSlice(StreamId streamId, long fromRevision, int maxCount,
        ReadDirection direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken);

    /// <summary>One consistent read of up to <paramref name="maxCount"/> events from <paramref name="fromPosition"/> on, in global order, with the head position of the same moment.</summary>
    protected abstract Task<AllSlice> ReadAllSlice(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types, CancellationToken cancellationToken);

    protected abstract Task<long> ReadHeadPositionCore(CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<StreamInfo>> ListStreamsCore(string prefix, CancellationToken cancellationToken);

    protected abstract Task<StreamInfo?> GetStreamInfoCore(StreamId streamId, CancellationToken cancellationToken);

    private static void CheckStreamId(StreamId streamId)
    {
        if (streamId.Value is null) throw new ArgumentException("The stream id is default (empty).", nameof(streamId));
    }

    private static void CheckMaxCount(int maxCount)
    {
        if (maxCount < 1) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "Must be ≥ 1.");
    }

    protected bool IsDisposed => _disposed.IsCancellationRequested;

    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);

    /// <summary>Cancelled when the store is disposed (stops subscriptions and a backend's background work).</summary>
    protected CancellationToken Disposed => _disposed.Token;

    public virtual ValueTask DisposeAsync()
    {
        if (!_disposed.IsCancellationRequested) _disposed.Cancel();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
