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

    /// <summary>A study's plan and progress, or null.</summary>
    public Task<Core.Studies.StudyState?> Study(string study, CancellationToken ct) => Core.Studies.StudyStore.Read(store, study, ct);

    /// <summary>The audit's table of a study (runs x parameters x outcomes).</summary>
    public Task<Audit.AuditTable> AuditTable(string study, CancellationToken ct) => Audit.AuditTableBuilder.ForStudy(store, study, ct);

    /// <summary>The replay's figures per epoch (the latest estimate stored for each).</summary>
    public async Task<IReadOnlyDictionary<int, EpochEstimated>> Estimates(StoredReplay replay, CancellationToken ct)
    {
        var found = new SortedDictionary<int, EpochEstimated>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Replay(replay.Run, replay.Config.Id), [EventTypeNames.EpochEstimated], ct))
            if (EventSerializer.Deserialize(e) is EpochEstimated ee) found[ee.Epoch] = ee;
        return found;
    }

    /// <summary>
    /// The run's replays as rows: each chip's energy per epoch at its latest epoch and, per set of accuracy keys its accuracy replays
    /// used, the test accuracy there (the latest result stored for that epoch), with the run's recorded test accuracy.
    /// </summary>
    public async Task<IReadOnlyList<ReplayRow>> ReplayRows(RunSummary run, IReadOnlyList<StoredReplay> replays, CancellationToken ct)
    {
        var rows = new List<ReplayRow>();
        foreach (var r in replays)
        {
            int? epoch = r.Epochs.Count > 0 ? r.Epochs[^1] : null;
            EpochEstimated? estimate = null;
            var accuracy = new List<AccuracyEstimated>();
            await foreach (var e in RunReader.ReadAll(store, StreamIds.Replay(r.Run, r.Config.Id), [EventTypeNames.EpochEstimated, EventTypeNames.AccuracyEstimated], ct))
                switch (EventSerializer.Deserialize(e))
                {
                    case EpochEstimated ee when ee.Epoch == epoch: estimate = ee; break;
                    case AccuracyEstimated a: accuracy.Add(a); break;
                }
            var energy = estimate is null ? (double?)null : Energy(estimate);
            double? Software(int? at) => run.Evaluations.LastOrDefault(e => e.Epoch == at)?.TestAccuracy;
            var variants = accuracy.GroupBy(a => a.AccuracyHash).ToList();
            if (variants.Count == 0) rows.Add(new ReplayRow(r, epoch, energy, null, Software(epoch)));
            foreach (var v in variants)
            {
                // At the replay's latest epoch when the accuracy replay covered it, else at the latest epoch it covered.
                var at = v.Where(a => a.Epoch == epoch).LastOrDefault() ?? v.Where(a => a.Epoch == v.Max(x => x.Epoch)).Last();
                rows.Add(new ReplayRow(r, at.Epoch, at.Epoch == epoch ? energy : null, at, Software(at.Epoch)));
            }
        }
        return rows;
    }

    /// <summary>The accuracy results a replay holds for an epoch: the latest per set of accuracy keys.</summary>
    public async Task<IReadOnlyList<AccuracyEstimated>> Accuracy(StoredReplay replay, int epoch, CancellationToken ct)
    {
        var found = new List<AccuracyEstimated>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Replay(replay.Run, replay.Config.Id), [EventTypeNames.AccuracyEstimated], ct))
            if (EventSerializer.Deserialize(e) is AccuracyEstimated a && a.Epoch == epoch) found.Add(a);
        return [.. found.GroupBy(a => a.AccuracyHash).Select(g => g.Last())];
    }

    /// <summary>An epoch's energy as the replay summary counts it: FW + AG + WG + WU + leakage.</summary>
    public static double Energy(EpochEstimated e) => EstimateContracts.EnergyPerEpoch(e);

    /// <summary>"93.54 % ± 0.35 (3)" for several instances, "93.61 %" for one.</summary>
    public static string AccuracyText(AccuracyEstimated a) => a.Instances > 1
        ? string.Create(CultureInfo.InvariantCulture, $"{a.MeanAccuracy:F2} % ± {a.StdAccuracy:F2} ({a.Instances})")
        : string.Create(CultureInfo.InvariantCulture, $"{a.MeanAccuracy:F2} %");

    /// <summary>The accuracy keys of a result that differ from their defaults, "vari=0.1 t=100".</summary>
    public static string AccuracyKeys(AccuracyEstimated a) => string.Join(" ", a.Accuracy.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Device pulses per epoch from the run's batch events (LTP, LTD).</summary>
    public Task<IReadOnlyDictionary<int, (long Ltp, long Ltd)>> PulsesPerEpoch(string run, CancellationToken ct) => DeviceRecord.PulsesPerEpoch(store, run, ct);

    /// <summary>Per epoch, the fraction of all cells at Gmin and at Gmax (device states, weighted by each layer's cells).</summary>
    public Task<IReadOnlyDictionary<int, (double AtGmin, double AtGmax, long[] Levels)>> DeviceStates(string run, CancellationToken ct) => DeviceRecord.StatesPerEpoch(store, run, ct);

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
