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

/// <summary>Progress of a replay, for the progress bar.</summary>
public readonly record struct ReplayProgress(int Done, int Total, int Reused, TimeSpan Elapsed);
