using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Runs;

public enum RunStatus
{
    Recording,
    Completed,
    Aborted,
    Imported,
    /// <summary>The stream says recording, but the process recording it (on this host) is gone: resume it.</summary>
    Abandoned,
    /// <summary>The stream says recording, no event came for a long time, and its recorder cannot be checked from here (another host, or an older run).</summary>
    Stale,
}

/// <summary>What a run stream says about a run, without its tensors.</summary>
public sealed record RunSummary(
    string Name,
    RunStarted Started,
    NetworkSpec Network,
    DateTimeOffset Created,
    ImmutableArray<int> TracedEpochs,
    ImmutableArray<EpochEvaluated> Evaluations,
    RunStatus Status,
    string? AbortReason,
    long LastRevision)
{
    public int WeightBits => Started.Precisions?.WeightBits ?? 0;
    public int ActivationBits => Started.Precisions?.ActivationBits ?? 0;
    public double? BestAccuracy => Evaluations.IsEmpty ? null : Evaluations.Max(e => e.TestAccuracy);

    /// <summary>The process recording the latest attempt (RunStarted's or the last RunResumed's owner), or null when not recorded.</summary>
    public RecordingOwner? Owner { get; init; }

    /// <summary>When the run's last event was appended.</summary>
    public DateTimeOffset LastEventAt { get; init; }
}
