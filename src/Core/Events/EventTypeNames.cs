namespace NeuroSim.Replay.Core.Events;

/// <summary>The stored type names of the event messages (for type filters on reads).</summary>
public static class EventTypeNames
{
    public static readonly string RunStarted = EventTypes.NameOf(Contracts.RunStarted.Descriptor);
    public static readonly string DeviceModelInitialized = EventTypes.NameOf(Contracts.DeviceModelInitialized.Descriptor);
    public static readonly string EpochStarted = EventTypes.NameOf(Contracts.EpochStarted.Descriptor);
    public static readonly string BatchUpdateApplied = EventTypes.NameOf(Contracts.BatchUpdateApplied.Descriptor);
    public static readonly string LayerTraceRecorded = EventTypes.NameOf(Contracts.LayerTraceRecorded.Descriptor);
    public static readonly string EpochTraced = EventTypes.NameOf(Contracts.EpochTraced.Descriptor);
    public static readonly string LayerDeviceStateRecorded = EventTypes.NameOf(Contracts.LayerDeviceStateRecorded.Descriptor);
    public static readonly string EpochEvaluated = EventTypes.NameOf(Contracts.EpochEvaluated.Descriptor);
    public static readonly string RunCompleted = EventTypes.NameOf(Contracts.RunCompleted.Descriptor);
    public static readonly string RunAborted = EventTypes.NameOf(Contracts.RunAborted.Descriptor);
    public static readonly string RunResumed = EventTypes.NameOf(Contracts.RunResumed.Descriptor);
    public static readonly string CheckpointSaved = EventTypes.NameOf(Contracts.CheckpointSaved.Descriptor);
    public static readonly string WrapperStatisticsRecorded = EventTypes.NameOf(Contracts.WrapperStatisticsRecorded.Descriptor);
    public static readonly string ReplayStarted = EventTypes.NameOf(Contracts.ReplayStarted.Descriptor);
    public static readonly string EpochEstimated = EventTypes.NameOf(Contracts.EpochEstimated.Descriptor);
    public static readonly string ReplayCompleted = EventTypes.NameOf(Contracts.ReplayCompleted.Descriptor);
    public static readonly string AccuracyEstimated = EventTypes.NameOf(Contracts.AccuracyEstimated.Descriptor);
    public static readonly string StudyPlanned = EventTypes.NameOf(Contracts.StudyPlanned.Descriptor);
    public static readonly string StudyRunRecorded = EventTypes.NameOf(Contracts.StudyRunRecorded.Descriptor);
    public static readonly string StudyRunReplayed = EventTypes.NameOf(Contracts.StudyRunReplayed.Descriptor);
    public static readonly string StudyRunFailed = EventTypes.NameOf(Contracts.StudyRunFailed.Descriptor);
    public static readonly string StudyCompleted = EventTypes.NameOf(Contracts.StudyCompleted.Descriptor);

}
