using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.ChipModel.Traces;

/// <summary>An epoch's decoded traces for every conv/fc layer, with the run's precisions.</summary>
public sealed record EpochTrace(
    string RunName,
    int Epoch,
    NetworkSpec Network,
    int WeightBits,
    int ActivationBits,
    ImmutableArray<LayerTrace> Layers);
