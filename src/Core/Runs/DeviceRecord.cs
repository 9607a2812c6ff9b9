using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>What a recorded run says about its devices, per epoch: the weight update's pulses and the cells' states.</summary>
public static class DeviceRecord
{
    /// <summary>Device pulses per epoch from the run's batch events (LTP, LTD).</summary>
    public static async Task<IReadOnlyDictionary<int, (long Ltp, long Ltd)>> PulsesPerEpoch(IReadOnlyEventStore store, string run, CancellationToken ct) =>
        (await RunReader.ReadBatchUpdates(store, run, ct).ConfigureAwait(false)).GroupBy(b => b.Epoch).ToDictionary(g => g.Key,
            g => (g.Sum(b => b.Layers.Sum(l => l.LtpPulses)), g.Sum(b => b.Layers.Sum(l => l.LtdPulses))));

    /// <summary>Per epoch, the fraction of all cells at Gmin and at Gmax (device states, weighted by each layer's cells) and the level histogram.</summary>
    public static async Task<IReadOnlyDictionary<int, (double AtGmin, double AtGmax, long[] Levels)>> StatesPerEpoch(IReadOnlyEventStore store, string run, CancellationToken ct)
    {
        var states = new List<LayerDeviceStateRecorded>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Run(run), [EventTypeNames.LayerDeviceStateRecorded], ct).ConfigureAwait(false))
            if (EventSerializer.Deserialize(e) is LayerDeviceStateRecorded s) states.Add(s);
        return states.GroupBy(s => s.Epoch).ToDictionary(g => g.Key, g =>
        {
            var cells = g.Sum(s => (double)s.LevelHistogram.Sum());
            var bins = g.Max(s => s.LevelHistogram.Count);
            var levels = new long[bins];
            foreach (var s in g)
                for (var i = 0; i < s.LevelHistogram.Count; i++) levels[i] += s.LevelHistogram[i];
            return cells == 0 ? (0.0, 0.0, levels) : (g.Sum(s => s.FractionAtGmin * s.LevelHistogram.Sum()) / cells, g.Sum(s => s.FractionAtGmax * s.LevelHistogram.Sum()) / cells, levels);
        });
    }
}
