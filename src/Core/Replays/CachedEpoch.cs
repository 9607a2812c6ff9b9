using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>A decoded epoch kept by a <see cref="ReplayCache"/>, with the array reads its configurations share.</summary>
public sealed record CachedEpoch(EpochTrace Trace, ArrayReads Reads);
