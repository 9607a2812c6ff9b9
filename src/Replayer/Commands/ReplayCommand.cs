using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>replay RUN</c>: estimate recorded epochs under chip configurations (presets, TOML files, --set, --sweep), in
/// parallel, storing each (epoch, configuration) pair in <c>replay-RUN-CONFIGID</c> and reusing stored pairs.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(CommandIo io)
    {
        var run = new Argument<string>("RUN") { Description = "The run to replay (recorded or imported)." };
        var epochs = new Option<string?>("--epochs") { Description = "all (default), N, A-B or A,B,…" };
        var config = new Option<string[]>("--config") { Description = "TOML file of Param.cpp keys; repeatable (one configuration each)." };
        var preset = new Option<string[]>("--preset") { Description = $"Built-in chip: {string.Join(", ", HardwarePresets.All.Keys)}; repeatable." };
        var set = new Option<string[]>("--set") { Description = "key=value (Param.cpp name) applied to every configuration; later wins." };
        var sweep = new Option<string[]>("--sweep") { Description = "key=v1,v2,… ; repeatable; the cartesian product of all sweeps." };
        var device = new Option<string?>("--device") { Description = "Device file (./neurosim fit-device): its [chip] keys go on every configuration before --set." };
        var outDir = new Option<string?>("--out") { Description = "Write V2.0's result files (one folder per configuration when there are several, with sweep.csv and summary.csv)." };
        var jobs = new Option<int>("--jobs") { Description = "Pairs estimated at once (default: cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var force = new Option<bool>("--force") { Description = "Estimate again even where the store holds the pair." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var submit = new Option<bool>("--submit") { Description = "Queue the pairs as jobs in the server store for workers (./neurosim worker) and return." };
        var wait = new Option<bool>("--wait") { Description = "Submit, follow the workers until every pair is done, then print the summary and write --out as a local replay does." };
        var store = CommandIo.StoreOption();
        var cmd = new Command("replay", "Re-evaluate a run's recorded epochs under chip configurations, without retraining.")
        {
            run, epochs, config, preset, set, sweep, device, outDir, jobs, force, quiet, submit, wait, store,
        };
        var accuracy = new AccuracyReplayCommand();
        foreach (var o in accuracy.Options) cmd.Options.Add(o);
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            string[] sets = [.. parse.GetValue(device) is { } deviceFile ? Core.Devices.DeviceFile.Read(deviceFile).ChipSettings(deviceFile) : [], .. parse.GetValue(set) ?? []];
            if (accuracy.Wanted(parse))
                return await accuracy.Run(parse, new ReplayArguments(parse.GetValue(run)!, parse.GetValue(epochs), parse.GetValue(preset) ?? [], parse.GetValue(config) ?? [],
                    sets, parse.GetValue(sweep) ?? [], parse.GetValue(outDir), parse.GetValue(jobs), parse.GetValue(force), parse.GetValue(quiet),
                    parse.GetValue(submit) || parse.GetValue(wait), io, CommandIo.Address(parse, store)), ct);
            var configs = Configurations(parse.GetValue(preset) ?? [], parse.GetValue(config) ?? [], sets, parse.GetValue(sweep) ?? []);
            if (parse.GetValue(jobs) < 1) throw new ArgumentException("--jobs: must be at least 1");
            var address = CommandIo.Address(parse, store);
            var eventStore = await address.OpenForWriting(ct);
            await using var _ = eventStore;
            var runName = parse.GetValue(run)!;
            var summary = await RunReader.ReadSummary(eventStore, runName, ct) ?? throw new RunNotFoundException($"Run '{runName}' not found in {address}.");
            var epochList = ReplayEngine.ParseEpochs(parse.GetValue(epochs), summary.TracedEpochs);
            if (parse.GetValue(submit) || parse.GetValue(wait))
            {
                if (parse.GetValue(force)) throw new ArgumentException("--force: estimates are forced in a local replay only (without --submit or --wait).");
                await using var queue = await address.OpenJobQueue(ct);
                var submission = await ReplayJobs.Submit(eventStore, queue, runName, epochList, configs, ct);
                await io.Out.WriteLineAsync($"run '{runName}': {submission.Pairs} pair(s) ({epochList.Count} epoch(s) x {configs.Count} configuration(s)): " +
                    $"{submission.Queued} queued as jobs, {submission.AlreadyQueued} queued before, {submission.Stored} in the store already");
                if (!parse.GetValue(wait))
                {
                    await io.Out.WriteLineAsync($"start workers: ./neurosim worker --store {address}; follow: ./neurosim jobs {runName} --store {address} --watch");
                    return 0;
                }
                var keys = epochList.SelectMany(e => configs.Select(c => ReplayJobs.Key(runName, c, e))).ToHashSet();
                while (true)
                {
                    var mine = (await queue.List(ReplayJobs.Queue, runName, ct)).Where(j => keys.Contains(j.Key)).ToList();
                    var progress = JobProgress.Of(mine, DateTimeOffset.UtcNow);
                    if (!parse.GetValue(quiet)) await io.Error.WriteLineAsync($"run '{runName}': {progress}");
                    if (progress.Queued + progress.Running == 0)
                    {
                        var failed = mine.Where(j => j.State == EventStore.Jobs.JobState.Failed).ToList();
                        if (failed.Count > 0)
                            throw new InvalidDataException($"{failed.Count} job(s) failed: " + string.Join("; ", failed.Take(5).Select(j => $"{j.Key}: {j.Error}")));
                        break;
                    }
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                }
            }
            else
                await io.Out.WriteLineAsync($"replaying run '{runName}': {epochList.Count} epoch(s) ({ReplayEngine.Ranges(epochList)}) x {configs.Count} configuration(s), {parse.GetValue(jobs)} at once");
            // After --wait every pair is in the store: this reads them back, so the summary and files are a local replay's.
            var bar = parse.GetValue(quiet) || Console.IsErrorRedirected ? null : new ReplayProgressLine(io.Error);
            var results = await ReplayEngine.Run(eventStore, runName, epochList, configs, parse.GetValue(force), parse.GetValue(jobs), bar, ct);
            bar?.Finish();
            var reused = results.Count(r => r.Reused);
            await io.Out.WriteLineAsync($"{results.Count - reused} pair(s) estimated, {reused} reused from the store (--force recomputes)");
            var summaries = ReplayOutputs.Summaries(results);
            await io.Out.WriteAsync(ReplayOutputs.SummaryTable(summaries));
            if (parse.GetValue(outDir) is { } dir)
            {
                ReplayOutputs.Write(dir, results);
                await io.Out.WriteLineAsync(summaries.Count > 1
                    ? $"wrote {summaries.Count} configuration folders, sweep.csv and summary.csv to {dir}"
                    : $"wrote NeuroSim_Output.csv and NeuroSim_Results_Each_Epoch/ to {dir}");
            }
            await io.Out.WriteLineAsync($"stored in {string.Join(", ", configs.Select(c => Core.Events.StreamIds.Replay(runName, c.Id).Value).Take(3))}{(configs.Count > 3 ? ", …" : "")}; list with ./neurosim replays {runName}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Presets and config files give the base configurations (the V2.0 default when none); --set applies to each; --sweep multiplies.</summary>
    public static IReadOnlyList<ReplayConfig> Configurations(string[] presets, string[] files, string[] sets, string[] sweeps)
    {
        var bases = new List<ReplayConfig>();
        foreach (var p in presets) bases.Add(new ReplayConfig(p, HardwarePresets.Apply(HardwareConfig.Default, p)));
        foreach (var f in files)
        {
            // A file's arrays sweep its own configuration (as --sweep, named with the swept values).
            var contents = HardwareConfigFile.Read(f);
            var fileBase = new ReplayConfig(Path.GetFileNameWithoutExtension(f), HardwareConfigParser.Apply(HardwareConfig.Default, contents.Settings, f));
            bases.AddRange(Sweep.Expand([fileBase], [.. contents.Sweeps.Select(s => (s.Key, s.Values))], f));
        }
        if (bases.Count == 0) bases.Add(new ReplayConfig("default", HardwareConfig.Default));
        var pairs = sets.Select((s, i) =>
        {
            var (k, v) = HardwareConfigParser.SplitSetting(s, "--set");
            return (k, v, i + 1);
        }).ToList();
        if (pairs.Count > 0) bases = [.. bases.Select(b => new ReplayConfig(b.Name, HardwareConfigParser.Apply(b.Config, pairs, "--set")))];
        return Sweep.Expand(bases, [.. sweeps.Select(Sweep.Parse)]);
    }
}
