using Google.Protobuf;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>What <see cref="ReplayJobs.Submit"/> queued.</summary>
/// <param name="Pairs">Every (epoch, configuration) pair asked for.</param>
/// <param name="Queued">Pairs queued now.</param>
/// <param name="Stored">Pairs the store already holds (not queued).</param>
/// <param name="AlreadyQueued">Pairs queued before (by an earlier submit).</param>
public sealed record ReplaySubmission(int Pairs, int Queued, int Stored, int AlreadyQueued);

/// <summary>
/// Replays as jobs for a fleet of workers: each (epoch, configuration) pair of a run is one job in the server store's
/// queue <see cref="Queue"/>, keyed by run, configuration hash, chip-model version and epoch, so a pair is queued once
/// however often it is submitted; a worker estimates it exactly as a local replay does and appends it to the same
/// replay stream (deterministic event ids: a job run twice stores its result once).
/// </summary>
public static class ReplayJobs
{
    public const string Queue = "replay";

    public static string Key(string runName, ReplayConfig config, int epoch) => $"{runName}/{config.Hash}/{ChipModelVersion.Current}/{epoch}";

    public static JobSpec ToJob(string runName, ReplayConfig config, int epoch)
    {
        var job = new ReplayJob { RunId = runName, Epoch = epoch, ConfigName = config.Name };
        foreach (var k in ConfigKeys.All.Where(k => k.AppliesTo(config.Config))) job.Config[k.Name] = k.Format(config.Config);
        job.Varied.AddRange(config.Varied.Select(v => $"{v.Key}={v.Value}"));
        return new JobSpec(Key(runName, config, epoch), runName, job.ToByteArray());
    }

    /// <summary>The pair a claimed job names. <exception cref="ConfigException">Its configuration is not valid here.</exception></summary>
    public static (string Run, int Epoch, ReplayConfig Config) FromJob(ClaimedJob job)
    {
        var payload = ReplayJob.Parser.ParseFrom(job.Payload.Span);
        var config = HardwareConfigParser.Apply(HardwareConfig.Default, payload.Config.Select(kv => (kv.Key, kv.Value, 0)), $"job {job.Key}");
        var varied = payload.Varied.Select(v => v.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToList();
        return (payload.RunId, payload.Epoch, new ReplayConfig(payload.ConfigName, config) { Varied = varied });
    }

    /// <summary>
    /// Checks the run and every configuration as a local replay does (nothing queued on an error), then queues the pairs
    /// the store does not hold yet under the current chip-model version.
    /// </summary>
    public static async Task<ReplaySubmission> Submit(IReadOnlyEventStore store, IJobQueue queue, string runName, IReadOnlyList<int> epochs,
        IReadOnlyList<ReplayConfig> configs, CancellationToken ct)
    {
        await ReplayEngine.Check(store, runName, epochs, configs, ct).ConfigureAwait(false);
        var jobs = new List<JobSpec>();
        var stored = 0;
        var have = new List<IReadOnlySet<int>>();
        foreach (var c in configs) have.Add(await ReplayEngine.StoredEpochs(store, runName, c, ct).ConfigureAwait(false));
        // Epoch by epoch: a worker claims an epoch's configurations one after another and decodes the epoch once (ReplayCache).
        foreach (var e in epochs)
            for (var i = 0; i < configs.Count; i++)
                if (have[i].Contains(e)) stored++;
                else jobs.Add(ToJob(runName, configs[i], e));
        var queued = jobs.Count == 0 ? 0 : await queue.Enqueue(Queue, jobs, ct).ConfigureAwait(false);
        return new ReplaySubmission(epochs.Count * configs.Count, queued, stored, jobs.Count - queued);
    }
}
