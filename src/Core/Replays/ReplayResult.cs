using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>One (epoch, configuration) pair of a replay and its figures; <see cref="Reused"/> when read back from the store.</summary>
public sealed record ReplayResult(int Epoch, ReplayConfig Config, EpochFigures Figures, EpochEstimated Event, bool Reused);
