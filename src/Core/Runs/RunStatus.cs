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
