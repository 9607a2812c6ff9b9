using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Runs;

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
