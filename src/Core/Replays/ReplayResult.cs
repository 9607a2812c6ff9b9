using System.Collections.Concurrent;
using System.Diagnostics;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>One (epoch, configuration) pair of a replay and its figures; <see cref="Reused"/> when read back from the store.</summary>
public sealed record ReplayResult(int Epoch, ReplayConfig Config, EpochFigures Figures, EpochEstimated Event, bool Reused);
