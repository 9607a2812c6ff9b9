using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>A named chip configuration of a replay; its id (short content hash) names the replay stream and output folder.</summary>
public sealed record ReplayConfig(string Name, HardwareConfig Config)
{
    public string Id { get; } = ConfigIdentity.Id(Config);
    public string Hash { get; } = ConfigIdentity.Hash(Config);
    /// <summary>The swept keys and their values in this configuration (empty without --sweep).</summary>
    public IReadOnlyList<(string Key, string Value)> Varied { get; init; } = [];
}
