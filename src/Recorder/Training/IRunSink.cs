using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>Where a training run's events go (the event store, or a test's list), in the order they happen.</summary>
public interface IRunSink
{
    /// <summary>False when nothing is kept: the trainer then skips capturing traces and device states.</summary>
    bool KeepsEvents => true;

    Task Started(RunStarted started, DeviceModelInitialized device, CancellationToken ct);
    /// <summary>A stopped run continues after its last completed epoch (instead of <see cref="Started"/>).</summary>
    Task Resumed(RunResumed resumed, CancellationToken ct);
    Task EpochStarted(EpochStarted epoch, CancellationToken ct);
    /// <summary>Saves the checkpoint of the epoch about to end; a sink that writes in the background runs it before that epoch's events.</summary>
    Task Checkpoint(Func<Task> save, CancellationToken ct) => save();
    Task Batch(BatchUpdateApplied batch, CancellationToken ct);
    /// <summary>An epoch's traces (to encode with <see cref="CapturedTrace.Encode"/>), device states and evaluation, written together.</summary>
    Task EpochEnded(int epoch, IReadOnlyList<CapturedTrace> traces, IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation, CancellationToken ct);
    Task Completed(RunCompleted completed, CancellationToken ct);
    Task Aborted(RunAborted aborted, CancellationToken ct);
}
