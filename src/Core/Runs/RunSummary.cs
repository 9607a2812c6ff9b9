using System.Collections.Immutable;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Network;

namespace NeuroSim.Replay.Core.Runs;

public enum RunStatus
{
    Recording,
    Completed,
    Aborted,
    Imported,
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
}
