using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder.Recording;

/// <summary>
/// Appends a run's events to its stream <c>run-NAME</c>, each group in one atomic append with the exact expected
/// revision (a second writer fails instead of interleaving). An epoch's traces, its EpochTraced marker, device
/// states and evaluation land together, so a killed process leaves whole epochs only. Batch events are gathered
/// and appended at most every <paramref name="batchFlushInterval"/> (default 1 s; live viewers see them with that
/// delay) and always with their epoch's end: a kill loses only batches of the unfinished epoch, which a resume
/// records again anyway.
/// </summary>
public sealed class StoreRunSink(IEventStore store, string runName, TimeSpan? batchFlushInterval = null) : IRunSink
{
    private readonly List<(IMessage, string)> _pendingBatches = [];
    private readonly TimeSpan _flushInterval = batchFlushInterval ?? TimeSpan.FromSeconds(1);
    private long _lastFlush = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly StreamId _stream = StreamIds.Run(runName);
    private long _revision = -1;
    private long _bytes;
    // Event ids of a resumed attempt differ from the stopped attempt's (its unfinished epoch is recorded again).
    private string _attempt = "";

    // Appends (and checkpoints) run one after another behind the training thread; a failure surfaces at the next call.
    private Task _tail = Task.CompletedTask;

    /// <summary>Event bytes appended so far (compressed tensors included).</summary>
    public long BytesWritten => _bytes;

    /// <summary>Waits for everything handed over so far to be written.</summary>
    public Task Flush() => _tail;

    private long _busyTicks;

    /// <summary>Wall time the background writer spent appending and checkpointing (what recording costs off the training thread).</summary>
    public TimeSpan WriterBusy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    private Task Enqueue(Func<Task> work)
    {
        if (_tail.IsFaulted) return _tail;   // rethrows the earlier failure
        _tail = After(_tail, work);
        return Task.CompletedTask;

        async Task After(Task previous, Func<Task> next)
        {
            await previous.ConfigureAwait(false);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next().ConfigureAwait(false);
            Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
    }

    public Task Checkpoint(Func<Task> save, CancellationToken ct) => Enqueue(() => Task.Run(save, ct));

    public async Task Started(RunStarted started, DeviceModelInitialized device, CancellationToken ct)
    {
        if (await store.GetStreamInfo(_stream, ct) is not null) throw NameTaken(null);
        try
        {
            await Append(ct, ExpectedVersion.NoStream, (started, "run_started"), (device, "device_model"));
        }
        catch (InvalidOperationException e) when (e.InnerException is WrongExpectedVersionException w)
        {
            throw NameTaken(w);   // another recording took the name between the check and the append
        }
    }

    /// <summary>The name is taken: running the same command again cannot help, so say what can.</summary>
    private InvalidOperationException NameTaken(Exception? inner) => new(
        $"Run '{runName}' already exists in the store (another recording has the name). Pick another name with --run NAME; " +
        $"if it is your run and it stopped, continue it with ./neurosim record --resume {runName}; or remove it with ./neurosim delete-run {runName}.", inner);

    public async Task Resumed(RunResumed resumed, CancellationToken ct)
    {
        var info = await store.GetStreamInfo(_stream, ct) ?? throw new Core.Runs.RunNotFoundException($"Run '{runName}' not found in the store.");
        _revision = info.LastRevision;
        _attempt = $"attempt/{resumed.Attempt}/";
        await Append(ct, null, (resumed, "resumed"));
    }

    public Task EpochStarted(EpochStarted epoch, CancellationToken ct) =>
        Enqueue(() => Append(ct, null, (epoch, $"epoch/{epoch.Epoch}/epoch_started")));

    public Task Batch(BatchUpdateApplied batch, CancellationToken ct)
    {
        _pendingBatches.Add((batch, $"epoch/{batch.Epoch}/batch/{batch.Batch}"));
        if (System.Diagnostics.Stopwatch.GetElapsedTime(_lastFlush) < _flushInterval) return Task.CompletedTask;
        var pending = TakePending();
        return Enqueue(() => Append(ct, null, pending));
    }

    public Task EpochEnded(int epoch, IReadOnlyList<CapturedTrace> captured, IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation, CancellationToken ct)
    {
        var pending = TakePending();
        // The traces are compressed here, on the writer, off the training thread.
        return Enqueue(() => Append(ct, null, EpochEvents(epoch, pending, [.. captured.Select(c => c.Encode())], states, evaluation)));
    }

    private (IMessage, string)[] EpochEvents(int epoch, (IMessage, string)[] pending, IReadOnlyList<LayerTraceRecorded> traces,
        IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation)
    {
        var events = new List<(IMessage, string)>(pending);
        events.AddRange(traces.Select(t => ((IMessage)t, $"epoch/{epoch}/layer/{t.LayerIndex}/trace")));
        events.Add((new EpochTraced
        {
            Epoch = epoch,
            Layers = traces.Count,
            FirstTraceRevision = -1,   // set when appended (the revision is known then)
            StoredBytes = traces.Sum(t => t.Weights.Data.Length + t.WeightsBeforeUpdate.Data.Length + t.Inputs.Sum(x => (long)x.Data.Length)),
        }, $"epoch/{epoch}/epoch_traced"));
        events.AddRange(states.Select(s => ((IMessage)s, $"epoch/{epoch}/layer/{s.LayerIndex}/device_state")));
        events.Add((evaluation, $"epoch/{epoch}/evaluated"));
        var batches = events.Count(e => e.Item1 is BatchUpdateApplied);
        ((EpochTraced)events[batches + traces.Count].Item1).FirstTraceRevision = _revision + 1 + batches;   // on the writer: the revision is known
        return [.. events];
    }

    public async Task Completed(RunCompleted completed, CancellationToken ct)
    {
        var pending = TakePending();
        await Enqueue(() => Append(ct, null, [.. pending, (completed, "completed")]));
        await Flush();
    }

    public async Task Aborted(RunAborted aborted, CancellationToken ct)
    {
        // Whatever was handed over before the failure is written first (if the store still works).
        try { await Flush(); } catch (Exception) when (_revision >= 0) { }
        if (_revision < 0) return;
        var pending = TakePending();
        _tail = Task.CompletedTask;
        await Append(ct, null, [.. pending, (aborted, "aborted")]);
    }

    private (IMessage, string)[] TakePending()
    {
        var pending = _pendingBatches.ToArray();
        _pendingBatches.Clear();
        _lastFlush = System.Diagnostics.Stopwatch.GetTimestamp();
        return pending;
    }

    private async Task Append(CancellationToken ct, ExpectedVersion? expected, params (IMessage Message, string Id)[] events)
    {
        if (events.Length == 0) return;
        var batch = events.Select(e => EventSerializer.ToNewEvent(e.Message, $"{_stream}/{_attempt}{e.Id}")).ToList();
        AppendResult result;
        try
        {
            result = await store.AppendToStream(_stream, expected ?? ExpectedVersion.Exact(_revision), batch, ct);
        }
        catch (WrongExpectedVersionException w)
        {
            // Not "run the command again": a second recorder writes this run (e.g. a second --resume); this one stops.
            throw new InvalidOperationException($"Run '{runName}' was written by another process while this one recorded it (two recorders on one run, " +
                $"e.g. a second ./neurosim record --resume {runName}); this recording stops here. ./neurosim runs shows the run's state. ({w.Message})", w);
        }
        _revision = result.CurrentRevision;
        _bytes += batch.Sum(e => (long)e.Data.Length);
    }
}
