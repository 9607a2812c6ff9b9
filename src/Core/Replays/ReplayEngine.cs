using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>
/// Replays recorded epochs under chip configurations: each (epoch, configuration) pair is estimated with the chip
/// model and appended to the stream <c>replay-RUN-CONFIGID</c>, or read back from it when that configuration (same
/// content hash) was already estimated for that epoch by the same model version. Pairs run in parallel; an epoch's
/// trace is decoded once for all configurations and released when they are done; a chip is designed once per
/// configuration (kept in a <see cref="ReplayCache"/>). Cancelling keeps every finished pair.
/// </summary>
public static class ReplayEngine
{
    /// <param name="cache">Designs and decoded epochs kept between calls (a worker's); null: kept for this call only.</param>
    public static async Task<IReadOnlyList<ReplayResult>> Run(IEventStore store, string runName, IReadOnlyList<int> epochs, IReadOnlyList<ReplayConfig> configs,
        bool force, int jobs, IProgress<ReplayProgress>? progress, CancellationToken ct, ReplayCache? cache = null)
    {
        // A local replay estimates all configurations of an epoch together: once the next epoch is decoded the last is not needed.
        cache ??= new ReplayCache(epochsKept: 1);
        var (run, designs) = await Prepare(store, runName, epochs, configs, cache, ct);
        return await Estimate(store, run, runName, epochs, configs, designs, cache, force, jobs, progress, ct);
    }

    /// <summary>
    /// Checks, writing nothing, that the run has traces of <paramref name="epochs"/> and that every configuration is valid
    /// and fits the run's network (the first failure, in the order given, as a named error); returns the run.
    /// </summary>
    public static async Task<RunSummary> Check(IReadOnlyEventStore store, string runName, IReadOnlyList<int> epochs, IReadOnlyList<ReplayConfig> configs, CancellationToken ct) =>
        (await Prepare(store, runName, epochs, configs, new ReplayCache(), ct)).Run;

    /// <summary>The epochs of <paramref name="runName"/> stored under <paramref name="config"/> by the current chip-model version.</summary>
    public static async Task<IReadOnlySet<int>> StoredEpochs(IReadOnlyEventStore store, string runName, ReplayConfig config, CancellationToken ct) =>
        (await StreamState.Read(store, runName, config, ct)).Cached.Keys.ToHashSet();

    private static async Task<(RunSummary Run, ConcurrentDictionary<string, Lazy<ChipDesign>> Designs)> Prepare(IReadOnlyEventStore store, string runName,
        IReadOnlyList<int> epochs, IReadOnlyList<ReplayConfig> configs, ReplayCache cache, CancellationToken ct)
    {
        var run = await RunReader.ReadSummary(store, runName, ct) ?? throw new RunNotFoundException($"Run '{runName}' not found in the store.");
        var missing = epochs.Where(e => !run.TracedEpochs.Contains(e)).ToList();
        if (missing.Count > 0)
            throw new RunNotFoundException($"Run '{runName}' has no traces for epoch(s) {string.Join(", ", missing)} (traced: {(run.TracedEpochs.IsEmpty ? "none" : Ranges(run.TracedEpochs))}).");
        // Every configuration must fit the network before anything runs (a named error, nothing written).
        var designs = new ConcurrentDictionary<string, Lazy<ChipDesign>>();
        foreach (var c in configs)
        {
            var validated = HardwareConfigValidator.Check(c.Config, run.WeightBits);
            designs[c.Hash] = new Lazy<ChipDesign>(() => cache.Design(run, c, validated));
        }
        // Floorplan and layout errors (RD-20: a subarray too large for the network; RD-48: periphery wider than the array) surface
        // here for every configuration, before any write; the first one (in the order given) is reported by name.
        var failures = new ConcurrentDictionary<int, ConfigException>();
        Parallel.For(0, configs.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            try { _ = designs[configs[i].Hash].Value; }
            catch (ConfigException ex) { failures[i] = ex; }
        });
        if (!failures.IsEmpty)
        {
            var (index, error) = failures.MinBy(f => f.Key);
            var c = configs[index];
            var label = c.Varied.Count > 0 ? $"{c.Name} {string.Join(" ", c.Varied.Select(v => $"{v.Key}={v.Value}"))}" : c.Name;
            throw new ConfigException([.. error.Errors.Select(e => e with { Source = e.Source ?? $"configuration {label} ({c.Id})" })]);
        }
        return (run, designs);
    }

    /// <summary>
    /// Estimates the pairs not stored yet as a pipeline: epochs are decoded one ahead of the estimates; each epoch's
    /// configurations are estimated together (<see cref="SweepEstimate"/>: what they share, computed once over
    /// <paramref name="jobs"/> threads, the same numbers as alone); results are appended as they come, while the next
    /// epoch is estimated. Cancelling stops decoding and estimating; estimates already made are still stored.
    /// </summary>
    private static async Task<IReadOnlyList<ReplayResult>> Estimate(IEventStore store, RunSummary run, string runName, IReadOnlyList<int> epochs,
        IReadOnlyList<ReplayConfig> configs, ConcurrentDictionary<string, Lazy<ChipDesign>> designs, ReplayCache cache, bool force, int jobs,
        IProgress<ReplayProgress>? progress, CancellationToken ct)
    {
        var updates = await BatchPulses.Read(store, runName, epochs, ct);
        var results = new ConcurrentBag<ReplayResult>();
        var todo = new List<(int Epoch, ReplayConfig Config)>();
        var streams = new Dictionary<string, StreamState>();
        foreach (var c in configs)
        {
            if (!streams.TryGetValue(c.Hash, out var state)) streams[c.Hash] = state = await StreamState.Read(store, runName, c, ct);
            foreach (var e in epochs)
            {
                if (!force && state.Cached.TryGetValue(e, out var cached))
                    results.Add(new ReplayResult(e, c, EstimateContracts.ToFigures(cached), cached, true));
                else todo.Add((e, c));
            }
        }
        var clock = Stopwatch.StartNew();
        var total = epochs.Count * configs.Count;
        var reused = results.Count;
        var done = reused;
        progress?.Report(new ReplayProgress(done, total, reused, clock.Elapsed));

        var decoded = Channel.CreateBounded<(int Epoch, List<ReplayConfig> Configs, EpochLease Data)>(1);
        var estimated = Channel.CreateUnbounded<(int Epoch, ReplayConfig Config, EpochEstimate Estimate, double Seconds)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var decoding = Task.Run(async () =>
        {
            try
            {
                foreach (var g in todo.GroupBy(t => t.Epoch).OrderBy(g => g.Key))
                {
                    // Decode the next epoch once the last decoded one is taken: at most one waits beside the one estimated.
                    if (!await decoded.Writer.WaitToWriteAsync(stop.Token)) break;
                    await decoded.Writer.WriteAsync((g.Key, g.Select(t => t.Config).ToList(), await cache.Epoch(store, run, g.Key, stop.Token)), stop.Token);
                }
                decoded.Writer.Complete();
            }
            catch (Exception ex)
            {
                decoded.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        var estimating = Task.Run(async () =>
        {
            try
            {
                await foreach (var (epoch, pairs, lease) in decoded.Reader.ReadAllAsync(stop.Token))
                {
                    var distinct = pairs.DistinctBy(c => c.Hash).ToList();
                    var sw = Stopwatch.StartNew();
                    EpochEstimate[] estimates;
                    // The epoch's weights go back to the cache's recycler for the next epoch once these estimates are made.
                    using (lease) estimates = SweepEstimate.Run(lease.Data.Trace, [.. distinct.Select(c => designs[c.Hash].Value)], jobs, lease.Data.Reads, stop.Token);
                    var seconds = sw.Elapsed.TotalSeconds / distinct.Count;
                    var byHash = distinct.Select((c, i) => (c.Hash, Estimate: estimates[i])).ToDictionary(x => x.Hash, x => x.Estimate);
                    foreach (var c in pairs) await estimated.Writer.WriteAsync((epoch, c, byHash[c.Hash], seconds), stop.Token);
                }
                estimated.Writer.Complete();
            }
            catch (Exception ex)
            {
                estimated.Writer.Complete(ex);
                await stop.CancelAsync();
            }
        }, CancellationToken.None);
        try
        {
            // Appending goes on while the next epoch is estimated; what was estimated is stored even when cancelled.
            await foreach (var (epoch, config, estimate, seconds) in estimated.Reader.ReadAllAsync(CancellationToken.None))
            {
                var contract = Contract(estimate, epoch, config, seconds, updates);
                await streams[config.Hash].Append(store, contract, force, CancellationToken.None);
                results.Add(new ReplayResult(epoch, config, estimate.Figures, contract, false));
                done++;
                progress?.Report(new ReplayProgress(done, total, reused, clock.Elapsed));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(decoding, estimating);
            foreach (var s in streams.Values) await s.Complete(store, clock.Elapsed.TotalSeconds, CancellationToken.None);
        }
        ct.ThrowIfCancellationRequested();
        return [.. results.OrderBy(r => configs.ToList().FindIndex(c => c.Hash == r.Config.Hash)).ThenBy(r => r.Epoch)];
    }

    /// <summary>An estimate as the event a replay stores: with the whole epoch's weight update where batches were recorded.</summary>
    private static EpochEstimated Contract(EpochEstimate estimate, int epoch, ReplayConfig config, double seconds, IReadOnlyDictionary<int, BatchPulses> updates)
    {
        var contract = EstimateContracts.ToContract(estimate, epoch, seconds);
        if (updates.TryGetValue(epoch, out var pulses))
            (contract.WuEnergyAllBatchesJ, contract.WuLatencyAllBatchesS) = pulses.WholeEpoch(estimate.Figures, config.Config.NumIteration);
        return contract;
    }

    /// <summary>
    /// Stores an estimate made elsewhere (the NeuroSIM/main drop-in estimates the files it is given) as the pair (epoch,
    /// configuration) of the run's replay, as a replay stores it; a pair the store holds is kept. Returns whether it was stored.
    /// </summary>
    public static async Task<bool> StoreEstimate(IEventStore store, string runName, ReplayConfig config, int epoch, EpochEstimate estimate, double seconds,
        CancellationToken ct)
    {
        var state = await StreamState.Read(store, runName, config, ct);
        if (state.Cached.ContainsKey(epoch)) return false;
        var updates = await BatchPulses.Read(store, runName, [epoch], ct);
        await state.Append(store, Contract(estimate, epoch, config, seconds, updates), false, ct);
        await state.Complete(store, seconds, ct);
        return true;
    }

    /// <summary>
    /// Per epoch and layer, the device pulses of every recorded batch (BatchUpdateApplied; for a resumed epoch the
    /// last recording of each batch counts) and of the last batch — the update the epoch's trace holds.
    /// </summary>
    public sealed class BatchPulses
    {
        private readonly Dictionary<int, double> _sum = [];
        private readonly Dictionary<int, double> _last = [];
        public int Batches { get; private set; }

        public static async Task<Dictionary<int, BatchPulses>> Read(IReadOnlyEventStore store, string runName, IReadOnlyList<int> epochs, CancellationToken ct)
        {
            var wanted = epochs.ToHashSet();
            var result = new Dictionary<int, BatchPulses>();
            foreach (var g in (await RunReader.ReadBatchUpdates(store, runName, ct)).Where(b => wanted.Contains(b.Epoch)).GroupBy(b => b.Epoch))
            {
                var p = new BatchPulses { Batches = g.Count() };
                var last = g.MaxBy(b => b.Batch)!;
                foreach (var b in g)
                    foreach (var l in b.Layers)
                        p._sum[l.LayerIndex] = p._sum.GetValueOrDefault(l.LayerIndex) + l.LtpPulses + l.LtdPulses;
                foreach (var l in last.Layers) p._last[l.LayerIndex] = l.LtpPulses + l.LtdPulses;
                result[g.Key] = p;
            }
            return result;
        }

        /// <summary>
        /// Weight-update energy and latency of the whole epoch (RD-76): V2.0 charges the traced (last) update × numIteration;
        /// here each layer's single-update figure is scaled by the pulses of all recorded batches over the last
        /// batch's pulses (a layer whose last update had no pulse counts its single-update figure once per batch).
        /// </summary>
        public (double Energy, double Latency) WholeEpoch(EpochFigures f, int numIteration)
        {
            double energy = 0, latency = 0;
            foreach (var layer in f.Layers)
            {
                var index = layer.Layer - 1;
                var last = _last.GetValueOrDefault(index);
                var scale = last > 0 ? _sum.GetValueOrDefault(index) / last : Batches;
                energy += layer.EnergyWU / numIteration * scale;
                latency += layer.LatencyWU / numIteration * scale;
            }
            return (energy, latency);
        }
    }

    /// <summary>The epochs stored for a configuration under the current chip-model version.</summary>
    public static async Task<IReadOnlyDictionary<int, EpochEstimated>> ReadStored(IReadOnlyEventStore store, string runName, ReplayConfig config, CancellationToken ct) =>
        (await StreamState.Read(store, runName, config, ct)).Cached;

    /// <summary>"0-3, 7" for a sorted list of epochs.</summary>
    public static string Ranges(IEnumerable<int> values)
    {
        var list = values.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < list.Count;)
        {
            var j = i;
            while (j + 1 < list.Count && list[j + 1] == list[j] + 1) j++;
            parts.Add(i == j ? $"{list[i]}" : $"{list[i]}-{list[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    /// <summary>Parses --epochs: all, N, A-B or A,B,… (against the run's traced epochs).</summary>
    public static IReadOnlyList<int> ParseEpochs(string? text, IReadOnlyCollection<int> traced)
    {
        if (text is null or "all") return [.. traced.Order()];
        var result = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash > 0 && int.TryParse(part[..dash], out var a) && int.TryParse(part[(dash + 1)..], out var b) && a >= 0 && b >= a)
                for (var e = a; e <= b; e++) result.Add(e);
            else if (int.TryParse(part, out var n) && n >= 0) result.Add(n);
            else throw new ArgumentException($"--epochs: '{part}' is not an epoch, a range A-B or 'all'");
        }
        if (result.Count == 0) throw new ArgumentException("--epochs: no epoch given");
        return [.. result];
    }

    /// <summary>A replay stream's state: its revision, and the epochs estimated under this configuration and model version.</summary>
    private sealed class StreamState
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private readonly StreamId _stream;
        private readonly ReplayConfig _config;
        private readonly string _runName;
        private bool _started;
        private int _appended;

        private StreamState(StreamId stream, ReplayConfig config, string runName) => (_stream, _config, _runName) = (stream, config, runName);

        public Dictionary<int, EpochEstimated> Cached { get; } = [];

        public static async Task<StreamState> Read(IReadOnlyEventStore store, string runName, ReplayConfig config, CancellationToken ct)
        {
            var state = new StreamState(StreamIds.Replay(runName, config.Id), config, runName);
            var current = false;
            await foreach (var e in RunReader.ReadAll(store, state._stream, null, ct))
                switch (EventSerializer.Deserialize(e))
                {
                    case ReplayStarted rs:
                        current = rs.ModelVersion == ChipModelVersion.Current && rs.ConfigHash == config.Hash;
                        state._started |= current;
                        break;
                    case EpochEstimated ee when current:
                        state.Cached[ee.Epoch] = ee;
                        break;
                }
            return state;
        }

        /// <summary>
        /// Appends one pair's estimate. Replays of the same run and configuration may run at once (several
        /// processes, a worker fleet): the stream's ReplayStarted is appended on its own (idempotent; another
        /// process's, under another configuration name, counts as ours), and a pair another process stored
        /// meanwhile (same id: configuration, model version and epoch) is kept as theirs once it is seen in the
        /// store. Any other conflict is an error: nothing reported as stored is missing.
        /// </summary>
        public async Task Append(IEventStore store, EpochEstimated estimate, bool force, CancellationToken ct)
        {
            await _lock.WaitAsync(ct);
            try
            {
                if (!_started) await Start(store, ct);
                // A forced estimate is a new event; otherwise the id is deterministic, so a retried append is idempotent.
                var id = $"{_stream}/{ChipModelVersion.Current}/epoch/{estimate.Epoch}" + (force ? $"/{Guid.NewGuid():N}" : "");
                // Stored by another process meanwhile: its figures are the same (only its timing differs).
                await AppendOrConfirm(store, EventSerializer.ToNewEvent(estimate, id), ct);
                _appended++;
            }
            finally
            {
                _lock.Release();
            }
        }

        private async Task Start(IEventStore store, CancellationToken ct)
        {
            var started = new ReplayStarted
            {
                RunId = _runName, ConfigId = _config.Id, ConfigHash = _config.Hash, ModelVersion = ChipModelVersion.Current, ConfigName = _config.Name,
            };
            foreach (var k in ConfigKeys.All.Where(k => k.AppliesTo(_config.Config))) started.Config[k.Name] = k.Format(_config.Config);
            // Started by another replay of the same configuration and model version (perhaps under another name): theirs counts.
            await AppendOrConfirm(store, EventSerializer.ToNewEvent(started, $"{_stream}/started/{ChipModelVersion.Current}"), ct);
            _started = true;
        }

        /// <summary>Appends one event; an id another writer stored with other content counts as stored once it is seen in the stream.</summary>
        private async Task AppendOrConfirm(IEventStore store, NewEvent e, CancellationToken ct)
        {
            try
            {
                await store.AppendToStream(_stream, ExpectedVersion.Any, [e], ct);
                return;
            }
            catch (IdempotencyConflictException ex) when (ex.EventId == e.EventId)
            {
                await foreach (var stored in RunReader.ReadAll(store, _stream, null, ct))
                    if (stored.EventId == e.EventId) return;
                throw;
            }
        }

        public async Task Complete(IEventStore store, double seconds, CancellationToken ct)
        {
            if (_appended == 0) return;
            await store.AppendToStream(_stream, ExpectedVersion.Any,
                [EventSerializer.ToNewEvent(new ReplayCompleted { EpochsEstimated = _appended, Seconds = seconds }, $"{_stream}/completed/{Guid.NewGuid():N}")], ct);
        }
    }
}
