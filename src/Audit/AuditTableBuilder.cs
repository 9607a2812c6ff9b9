using System.Globalization;
using System.Text.RegularExpressions;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Studies;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Audit;

/// <summary>
/// Builds the audit's table from the store: a study's runs (its varied parameters; accuracy lost against its baseline point, seed by
/// seed) or the recorded runs whose names match a filter (every numeric setting that differs between them). Outcomes come from the
/// runs' own events (accuracy, pulses, device states) and, where a run was replayed, its chip's estimates and accuracy results.
/// </summary>
public static class AuditTableBuilder
{
    public static async Task<AuditTable> ForStudy(IReadOnlyEventStore store, string study, CancellationToken ct)
    {
        var state = await StudyStore.Read(store, study, ct) ?? throw new RunNotFoundException($"study '{study}' not found");
        var keys = state.Plan.Parameters.Select(p => p.Key).ToList();
        var notes = new List<string>();
        var runs = new List<(StudyRunPlanned Planned, RunSummary Summary)>();
        foreach (var r in state.Plan.Runs)
        {
            var summary = await RunReader.ReadSummary(store, r.Run, ct);
            if (summary is { Status: RunStatus.Completed }) runs.Add((r, summary));
            else notes.Add($"{r.Run}: {(summary is null ? "not recorded" : summary.Status.ToString().ToLowerInvariant())}, left out");
        }
        var baseline = runs.Where(r => state.Plan.Points.Single(p => p.Index == r.Planned.Point).Baseline)
            .ToDictionary(r => r.Planned.Seed, r => Late(r.Summary));
        if (baseline.Count == 0) notes.Add("no baseline run (study without its baseline point): no accuracy-lost");
        var rows = new List<AuditRow>();
        foreach (var (planned, summary) in runs)
        {
            var outcomes = await Outcomes(store, summary, state.Replayed.GetValueOrDefault(planned.Run), ct);
            if (baseline.Count > 0)
                outcomes[AuditOutcome.AccuracyLost.Name] = (baseline.TryGetValue(planned.Seed, out var b) ? b : baseline.Values.Average()) - Late(summary);
            rows.Add(new AuditRow(planned.Run, planned.Point, planned.Seed, [.. keys.Select(k => Value(summary, k))], outcomes));
        }
        if (rows.Count == 0) throw new ArgumentException($"study '{study}' has no completed run yet; record it: ./neurosim study {study}");
        return new AuditTable($"study {study}", keys, rows, notes);
    }

    /// <summary>The completed recorded runs whose names match <paramref name="filter"/> (* and ? wildcards).</summary>
    public static async Task<AuditTable> ForRuns(IReadOnlyEventStore store, string filter, CancellationToken ct)
    {
        var pattern = new Regex("^" + Regex.Escape(filter).Replace("\\*", ".*").Replace("\\?", ".") + "$");
        var runs = (await RunReader.ListRuns(store, ct)).Where(r => pattern.IsMatch(r.Name) && r.Started.Origin == RunOrigin.Recorded).ToList();
        var notes = runs.Where(r => r.Status != RunStatus.Completed).Select(r => $"{r.Name}: {r.Status.ToString().ToLowerInvariant()}, left out").ToList();
        runs = [.. runs.Where(r => r.Status == RunStatus.Completed)];
        if (runs.Count < 2) throw new ArgumentException($"--runs '{filter}': {runs.Count} completed recorded run(s) match; an audit needs several");
        // Every numeric setting whose value differs between the runs (the seed is noise, not a parameter).
        var keys = runs.SelectMany(r => r.Started.Settings.Keys).Distinct().Where(k => k is not ("seed" or "model_spec" or "epochs"))
            .Where(k => runs.All(r => r.Started.Settings.TryGetValue(k, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            .Where(k => runs.Select(r => r.Started.Settings[k]).Distinct().Count() > 1).Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0) throw new ArgumentException($"--runs '{filter}': the runs' settings do not differ; there is nothing to attribute");
        var rows = new List<AuditRow>();
        foreach (var r in runs.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var replays = await StoredReplay.List(store, r.Name + "-", ct);
            var mine = replays.Where(x => x.Run == r.Name).ToList();
            var chip = mine.Count == 1 ? mine[0] : mine.FirstOrDefault(x => x.Config.Hash == new ReplayConfig("default", ChipModel.Hardware.HardwareConfig.Default).Hash);
            rows.Add(new AuditRow(r.Name, -1, (long)r.Started.Seed, [.. keys.Select(k => Value(r, k))], await Outcomes(store, r, chip?.Config.Id, ct)));
        }
        return new AuditTable($"runs {filter}", keys, rows, notes);
    }

    private static double Value(RunSummary run, string key) =>
        run.Started.Settings.TryGetValue(key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
            : throw new InvalidDataException($"run '{run.Name}': no numeric setting '{key}' in its RunStarted");

    /// <summary>Mean test accuracy over the last third of the evaluated epochs (at least one).</summary>
    public static double Late(RunSummary run)
    {
        var evaluations = run.Evaluations.OrderBy(e => e.Epoch).ToList();
        var last = Math.Max(1, (int)Math.Ceiling(evaluations.Count / 3.0));
        return evaluations.Skip(evaluations.Count - last).Average(e => e.TestAccuracy);
    }

    private static async Task<Dictionary<string, double>> Outcomes(IReadOnlyEventStore store, RunSummary run, string? configId, CancellationToken ct)
    {
        var o = new Dictionary<string, double>
        {
            [AuditOutcome.LateAccuracy.Name] = Late(run),
            [AuditOutcome.BestAccuracy.Name] = run.Evaluations.Max(e => e.TestAccuracy),
        };
        var pulses = await DeviceRecord.PulsesPerEpoch(store, run.Name, ct);
        if (pulses.Count > 0) o[AuditOutcome.Pulses.Name] = pulses.Values.Sum(p => (double)p.Ltp + p.Ltd);
        var states = await DeviceRecord.StatesPerEpoch(store, run.Name, ct);
        if (states.Count > 0)
        {
            var last = states[states.Keys.Max()];
            (o[AuditOutcome.AtGmin.Name], o[AuditOutcome.AtGmax.Name]) = (100 * last.AtGmin, 100 * last.AtGmax);
        }
        if (configId is null) return o;
        var estimates = new SortedDictionary<int, EpochEstimated>();
        var accuracy = new SortedDictionary<int, AccuracyEstimated>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Replay(run.Name, configId), [EventTypeNames.EpochEstimated, EventTypeNames.AccuracyEstimated], ct))
            switch (EventSerializer.Deserialize(e))
            {
                case EpochEstimated ee: estimates[ee.Epoch] = ee; break;
                case AccuracyEstimated a: accuracy[a.Epoch] = a; break;
            }
        if (estimates.Count > 0)
        {
            o[AuditOutcome.WuEnergy.Name] = estimates.Values.Sum(e => e.WuEnergyAllBatchesJ);
            o[AuditOutcome.ChipEnergy.Name] = EstimateContracts.EnergyPerEpoch(estimates.Values.Last());
        }
        if (accuracy.Count > 0) o[AuditOutcome.ChipAccuracy.Name] = accuracy.Values.Last().MeanAccuracy;
        return o;
    }
}
