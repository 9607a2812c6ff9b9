using System.Globalization;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Analyzer.Queries;

/// <summary>
/// The read models the screens show, built on the read-only store: run summaries (no tensors), a run's replays,
/// and a replay's figures for one epoch. The UI never opens the database itself.
/// </summary>
public sealed class StoreQueries(IReadOnlyEventStore store)
{
    public Task<long> Head(CancellationToken ct) => store.ReadHeadPosition(ct);

    public async Task<IReadOnlyList<RunSummary>> Runs(CancellationToken ct) =>
        [.. (await RunReader.ListRuns(store, ct)).OrderByDescending(r => r.Created)];

    public Task<RunSummary?> Run(string name, CancellationToken ct) => RunReader.ReadSummary(store, name, ct);

    /// <summary>The progress of a run's replay jobs (a sweep submitted to a worker fleet); null on a store without a job queue or without jobs for the run.</summary>
    public async Task<JobProgress?> Sweep(string run, CancellationToken ct) =>
        store is EventStore.Jobs.IJobQueue queue && await queue.List(ReplayJobs.Queue, run, ct) is { Count: > 0 } jobs ? JobProgress.Of(jobs, DateTimeOffset.UtcNow) : null;

    public async Task<IReadOnlyList<StoredReplay>> Replays(string run, CancellationToken ct) =>
        [.. (await StoredReplay.List(store, run + "-", ct)).Where(r => r.Run == run)];

    /// <summary>The replay's figures for an epoch (the latest estimate stored), or null.</summary>
    public async Task<(EpochFigures Figures, EpochEstimated Event)?> Epoch(StoredReplay replay, int epoch, CancellationToken ct)
    {
        EpochEstimated? found = null;
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Replay(replay.Run, replay.Config.Id), [EventTypeNames.EpochEstimated], ct))
            if (EventSerializer.Deserialize(e) is EpochEstimated ee && ee.Epoch == epoch) found = ee;
        return found is null ? null : (EstimateContracts.ToFigures(found), found);
    }

    /// <summary>Device pulses per epoch from the run's batch events (LTP, LTD).</summary>
    public async Task<IReadOnlyDictionary<int, (long Ltp, long Ltd)>> PulsesPerEpoch(string run, CancellationToken ct)
    {
        return (await RunReader.ReadBatchUpdates(store, run, ct)).GroupBy(b => b.Epoch).ToDictionary(g => g.Key,
            g => (g.Sum(b => b.Layers.Sum(l => l.LtpPulses)), g.Sum(b => b.Layers.Sum(l => l.LtdPulses))));
    }

    /// <summary>Per epoch, the fraction of all cells at Gmin and at Gmax (device states, weighted by each layer's cells).</summary>
    public async Task<IReadOnlyDictionary<int, (double AtGmin, double AtGmax, long[] Levels)>> DeviceStates(string run, CancellationToken ct)
    {
        var states = new List<LayerDeviceStateRecorded>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Run(run), [EventTypeNames.LayerDeviceStateRecorded], ct))
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

    /// <summary>A histogram as one line of bars (▁…█, highest bin full), at most <paramref name="width"/> characters (bins merged).</summary>
    public static string Sparkline(IReadOnlyList<long> bins, int width = 16)
    {
        if (bins.Count == 0 || bins.Sum() == 0) return "-";
        var merge = (int)Math.Ceiling(bins.Count / (double)width);
        var merged = Enumerable.Range(0, (bins.Count + merge - 1) / merge).Select(i => bins.Skip(i * merge).Take(merge).Sum()).ToList();
        const string bars = "▁▂▃▄▅▆▇█";
        var max = merged.Max();
        return new string([.. merged.Select(v => v == 0 ? ' ' : bars[(int)Math.Round((double)v / max * (bars.Length - 1))])]);
    }

    public static string Device(RunSummary r) => r.Started.Device is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"NL {d.NonlinearityLtp:G3}/{d.NonlinearityLtd:G3} C2C {d.C2CVariation:G3} D2D {d.D2DVariation:G3}")
        : "-";
}
