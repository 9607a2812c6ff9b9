using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder.Recording;

/// <summary>Training with recording off: no traces or device states are captured, the other events are dropped.</summary>
public sealed class DiscardingSink : IRunSink
{
    public bool KeepsEvents => false;

    public Task Started(RunStarted started, DeviceModelInitialized device, CancellationToken ct) => Task.CompletedTask;
    public Task Resumed(RunResumed resumed, CancellationToken ct) => Task.CompletedTask;
    public Task EpochStarted(EpochStarted epoch, CancellationToken ct) => Task.CompletedTask;
    public Task Batch(BatchUpdateApplied batch, CancellationToken ct) => Task.CompletedTask;
    public Task EpochEnded(int epoch, IReadOnlyList<LayerTraceRecorded> traces, IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation, CancellationToken ct) => Task.CompletedTask;
    public Task Completed(RunCompleted completed, CancellationToken ct) => Task.CompletedTask;
    public Task Aborted(RunAborted aborted, CancellationToken ct) => Task.CompletedTask;
}
