using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder.Recording;

/// <summary>
/// Appends a run's events to its stream <c>run-NAME</c>, each group in one atomic append with the exact expected
/// revision (a second writer fails instead of interleaving). An epoch's traces, its EpochTraced marker, device
/// states and evaluation land together, so a killed process leaves whole epochs only.
/// </summary>
public sealed class StoreRunSink(IEventStore store, string runName) : IRunSink
{
    private readonly StreamId _stream = StreamIds.Run(runName);
    private long _revision = -1;
    private long _bytes;
    // Event ids of a resumed attempt differ from the stopped attempt's (its unfinished epoch is recorded again).
    private string _attempt = "";

    /// <summary>Event bytes appended so far (compressed tensors included).</summary>
    public long BytesWritten => _bytes;

    public async Task Started(RunStarted started, DeviceModelInitialized device, CancellationToken ct)
    {
        if (await store.GetStreamInfo(_stream, ct) is not null)
            throw new InvalidOperationException($"Run '{runName}' already exists in the store; pick another name with --run NAME.");
        await Append(ct, ExpectedVersion.NoStream, (started, "run_started"), (device, "device_model"));
    }

    public async Task Resumed(RunResumed resumed, CancellationToken ct)
    {
        var info = await store.GetStreamInfo(_stream, ct) ?? throw new Core.Runs.RunNotFoundException($"Run '{runName}' not found in the store.");
        _revision = info.LastRevision;
        _attempt = $"attempt/{resumed.Attempt}/";
        await Append(ct, null, (resumed, "resumed"));
    }

    public Task EpochStarted(EpochStarted epoch, CancellationToken ct) =>
        Append(ct, null, (epoch, $"epoch/{epoch.Epoch}/epoch_started"));

    public Task Batch(BatchUpdateApplied batch, CancellationToken ct) =>
        Append(ct, null, (batch, $"epoch/{batch.Epoch}/batch/{batch.Batch}"));

    public Task EpochEnded(int epoch, IReadOnlyList<LayerTraceRecorded> traces, IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation, CancellationToken ct)
    {
        var events = new List<(IMessage, string)>();
        events.AddRange(traces.Select(t => ((IMessage)t, $"epoch/{epoch}/layer/{t.LayerIndex}/trace")));
        events.Add((new EpochTraced
        {
            Epoch = epoch,
            Layers = traces.Count,
            FirstTraceRevision = _revision + 1,
            StoredBytes = traces.Sum(t => t.Weights.Data.Length + t.WeightsBeforeUpdate.Data.Length + t.Inputs.Sum(x => (long)x.Data.Length)),
        }, $"epoch/{epoch}/epoch_traced"));
        events.AddRange(states.Select(s => ((IMessage)s, $"epoch/{epoch}/layer/{s.LayerIndex}/device_state")));
        events.Add((evaluation, $"epoch/{epoch}/evaluated"));
        return Append(ct, null, [.. events]);
    }

    public Task Completed(RunCompleted completed, CancellationToken ct) => Append(ct, null, (completed, "completed"));

    public Task Aborted(RunAborted aborted, CancellationToken ct) =>
        _revision < 0 ? Task.CompletedTask : Append(ct, null, (aborted, "aborted"));

    private async Task Append(CancellationToken ct, ExpectedVersion? expected, params (IMessage Message, string Id)[] events)
    {
        var batch = events.Select(e => EventSerializer.ToNewEvent(e.Message, $"{_stream}/{_attempt}{e.Id}")).ToList();
        var result = await store.AppendToStream(_stream, expected ?? ExpectedVersion.Exact(_revision), batch, ct);
        _revision = result.CurrentRevision;
        _bytes += batch.Sum(e => (long)e.Data.Length);
    }
}
