using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>bench DIR [--params FILE] [--set k=v]… [--repeat N] [--parallel P]</c>: times the chip model on a V2.0
/// folder — trace reading, chip design, and whole-epoch estimates (sequential repeats, then P configurations
/// at once as a sweep would run them) — and prints the figures with the machine they were measured on.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "A V2.0 working directory." };
        var paramsFile = new Option<string?>("--params") { Description = "Param.cpp overrides, one key=value a line." };
        var set = new Option<string[]>("--set") { Description = "key=value (Param.cpp names); repeatable." };
        var repeat = new Option<int>("--repeat") { Description = "Sequential estimates to time.", DefaultValueFactory = _ => 3 };
        var parallel = new Option<int>("--parallel") { Description = "Estimates at once in the sweep (0: one per core).", DefaultValueFactory = _ => 0 };
        var sweepConfigs = new Option<int>("--sweep-configs") { Description = "Distinct configurations in the timed sweep (0: one per core).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("bench", "Time trace reading, chip design and epoch estimates on a V2.0 folder.") { dir, paramsFile, set, repeat, parallel, sweepConfigs };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var n = parse.GetValue(repeat);
            if (n < 1) throw new ArgumentException($"--repeat: {n} must be at least 1.");
            var p = parse.GetValue(parallel);
            if (p < 0) throw new ArgumentException($"--parallel: {p} must not be negative.");
            if (p == 0) p = Environment.ProcessorCount;
            var config = await EstimateV2Command.ReadConfig(parse.GetValue(paramsFile), parse.GetValue(set), ct);
            var sw = Stopwatch.StartNew();
            var folder = V2TraceFolder.Read(parse.GetValue(dir)!, cancellationToken: ct);
            var trace = folder.ToEpochTrace();
            var read = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var chip = new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits);
            var design = sw.Elapsed.TotalSeconds;
            var times = new List<double>();
            var cpuTimes = new List<double>();
            var perLayer = new double[folder.Network.Layers.Length];
            var process = Process.GetCurrentProcess();
            for (var i = 0; i < n; i++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                sw.Restart();
                _ = chip.Estimate(trace, ct, (l, t) => perLayer[l] += t.TotalSeconds / n);
                times.Add(sw.Elapsed.TotalSeconds);
                process.Refresh();
                cpuTimes.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            }
            // A sweep as replay runs it: distinct configurations (read voltages 1 mV apart), p at once, one shared decoded trace.
            var configs = parse.GetValue(sweepConfigs) is > 0 and var k ? k : p;
            sw.Restart();
            await Parallel.ForAsync(0, configs, new ParallelOptions { MaxDegreeOfParallelism = p, CancellationToken = ct }, (i, token) =>
            {
                var c = config.Config with { ReadVoltage = config.Config.ReadVoltage + 0.001 * i };
                _ = new ChipDesign(folder.Network, c, trace.WeightBits, trace.ActivationBits).Estimate(trace, token);
                return ValueTask.CompletedTask;
            });
            var sweep = sw.Elapsed.TotalSeconds;
            var ideal = configs * times.Min() / Environment.ProcessorCount;
            // A single estimate already spreads its subarrays over the cores, so its wall time undercounts its work:
            // the ideal sweep by work is configs x (CPU seconds of one estimate) / cores.
            var idealByWork = configs * cpuTimes.Min() / Environment.ProcessorCount;
            var inv = CultureInfo.InvariantCulture;
            await io.Out.WriteLineAsync(string.Create(inv,
                $"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}"));
            await io.Out.WriteLineAsync(string.Create(inv, $"trace: {folder.Network.Layers.Length} layers, read in {read:F2} s; chip design {design * 1e3:F0} ms"));
            await io.Out.WriteLineAsync(string.Create(inv,
                $"epoch estimate: mean {times.Average():F3} s, min {times.Min():F3} s, max {times.Max():F3} s over {n} runs; CPU {cpuTimes.Min():F3} s (least)"));
            await io.Out.WriteLineAsync("per layer (mean): " + string.Join(", ", perLayer.Select((t, l) => string.Create(inv, $"L{l + 1} {t * 1e3:F0} ms"))));
            await io.Out.WriteLineAsync(string.Create(inv,
                $"sweep: {configs} configurations, {p} at once, in {sweep:F3} s ({configs / sweep:F2} estimates/s); {configs} x best single / {Environment.ProcessorCount} cores = {ideal:F3} s -> ratio {sweep / ideal:F2}; " +
                $"{configs} x single CPU / {Environment.ProcessorCount} cores = {idealByWork:F3} s -> ratio {sweep / idealByWork:F2} (target <= 1.2)"));
            await io.Out.WriteLineAsync(string.Create(inv,
                $"peak memory: {Environment.WorkingSet / (1024.0 * 1024):F0} MB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB peak working set"));
            return 0;
        }));
        return cmd;
    }
}
