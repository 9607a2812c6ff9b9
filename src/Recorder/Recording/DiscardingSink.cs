using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder.Recording;

/// <summary>
/// Training with recording off: no traces or device states are captured, the other events are dropped. With
/// <paramref name="keepEvents"/> every event is built as recording builds it and then dropped (what capturing costs
/// without the store). Benchmarks derive from it to watch single events.
/// </summary>
public class DiscardingSink(bool keepEvents = false) : IRunSink
{
    public bool KeepsEvents => keepEvents;
    public virtual Task Started(RunStarted started, DeviceModelInitialized device, CancellationToken ct) => Task.CompletedTask;
    public virtual Task Resumed(RunResumed resumed, CancellationToken ct) => Task.CompletedTask;
    public virtual Task EpochStarted(EpochStarted epoch, CancellationToken ct) => Task.CompletedTask;
    public virtual Task Batch(BatchUpdateApplied batch, CancellationToken ct) => Task.CompletedTask;
    public virtual Task EpochEnded(int epoch, IReadOnlyList<CapturedTrace> traces, IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation, CancellationToken ct)
    {
        if (keepEvents) foreach (var t in traces) t.Encode();   // built as recording builds it, then dropped
        return Task.CompletedTask;
    }
    public virtual Task Completed(RunCompleted completed, CancellationToken ct) => Task.CompletedTask;
    public virtual Task Aborted(RunAborted aborted, CancellationToken ct) => Task.CompletedTask;
}
