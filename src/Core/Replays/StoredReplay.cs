using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>A stored replay: which run and configuration, its chip-model version, the epochs it holds.</summary>
public sealed record StoredReplay(string Run, ReplayConfig Config, string ModelVersion, IReadOnlyList<int> Epochs)
{
    /// <summary>The keys that differ from the V2.0 defaults.</summary>
    public string Changed => ReplayOutputs.Changed(Config);

    /// <summary>"current", or the older chip-model version its estimates come from (a replay computes them again).</summary>
    public string ModelLabel => ModelVersion == ChipModelVersion.Current ? "current" : $"older ({ModelVersion})";

    /// <summary>The replays whose stream names start with <c>replay-</c> + <paramref name="runPrefix"/> (a run name and '-', or empty for all).</summary>
    public static async Task<IReadOnlyList<StoredReplay>> List(IReadOnlyEventStore store, string runPrefix, CancellationToken ct)
    {
        var list = new List<StoredReplay>();
        foreach (var info in (await store.ListStreams(StreamIds.ReplayPrefix + runPrefix, ct).ConfigureAwait(false)).OrderBy(s => s.StreamId.Value))
        {
            ReplayStarted? started = null;
            var epochs = new SortedSet<int>();
            await foreach (var e in RunReader.ReadAll(store, info.StreamId, [EventTypeNames.ReplayStarted, EventTypeNames.EpochEstimated], ct).ConfigureAwait(false))
                switch (EventSerializer.Deserialize(e))
                {
                    case ReplayStarted rs: started = rs; break;
                    case EpochEstimated ee: epochs.Add(ee.Epoch); break;
                }
            if (started is null) continue;
            var config = HardwareConfigParser.Apply(HardwareConfig.Default, started.Config.Select(kv => (kv.Key, kv.Value, 0)), info.StreamId.Value, checkRanges: false);
            list.Add(new StoredReplay(started.RunId, new ReplayConfig(started.ConfigName, config), started.ModelVersion, [.. epochs]));
        }
        return list;
    }
}
