using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Where a resumed run continues: the checkpoint of its last completed epoch (null: no epoch completed, the run starts
/// again from epoch 0), which attempt this is, and the evaluations already recorded.
/// </summary>
public sealed record ResumePoint(Checkpoint? Checkpoint, string CheckpointSource, int Attempt, IReadOnlyList<EpochEvaluated> Evaluations)
{
    /// <summary>The run's DeviceModelInitialized: a run started again from scratch must realize exactly these device offsets.</summary>
    public DeviceModelInitialized? RecordedDevice { get; init; }

    /// <summary>A run stopped before its first epoch completed: train from epoch 0 with its seed, checked against its recorded device model.</summary>
    public static ResumePoint FromScratch(int attempt, DeviceModelInitialized recordedDevice) => new(null, "", attempt, []) { RecordedDevice = recordedDevice };
}
