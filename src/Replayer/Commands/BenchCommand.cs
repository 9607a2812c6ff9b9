using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Circuit;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>bench DIR [--params FILE] [--set k=v]… [--repeat N] [--parallel P] [--sweep-configs N]</c>: times the chip model on a
/// V2.0 folder and prints, with the machine and its load, where the time of a replayed epoch goes: trace reading, the
/// epoch stored and decoded back (store read, tensor decode), chip design, the estimate by phase (array reads, ADC,
/// read periphery, weight update, weight gradient, the rest), writing the result, and two sweeps: chips that share the
/// array (shared work, against one chip) and chips that do not (against the ideal parallel time).
/// </summary>
public static class BenchCommand
{
    public static Command Create(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "A V2.0 working directory." };
        var paramsFile = new Option<string?>("--params") { Description = "Param.cpp overrides, one key=value a line." };
        var set = new Option<string[]>("--set") { Description = "key=value (Param.cpp names); repeatable." };
        var repeat = new Option<int>("--repeat") { Description = "Repeats of each timed step (the best is reported).", DefaultValueFactory = _ => 3 };
        var parallel = new Option<int>("--parallel") { Description = "Estimates at once in the sweep of unshared chips (0: one per core).", DefaultValueFactory = _ => 0 };
        var sweepConfigs = new Option<int>("--sweep-configs") { Description = "Chips in each timed sweep (0: 20).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("bench", "Time trace reading, decoding, chip design, the epoch estimate by phase, writing, and sweeps on a V2.0 folder.")
            { dir, paramsFile, set, repeat, parallel, sweepConfigs };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var n = parse.GetValue(repeat);
            if (n < 1) throw new ArgumentException($"--repeat: {n} must be at least 1.");
            var p = parse.GetValue(parallel);
            if (p < 0) throw new ArgumentException($"--parallel: {p} must not be negative.");
            if (p == 0) p = Environment.ProcessorCount;
            var configs = parse.GetValue(sweepConfigs) is > 0 and var k ? k : 20;
            var config = await EstimateV2Command.ReadConfig(parse.GetValue(paramsFile), parse.GetValue(set), ct);
            var inv = CultureInfo.InvariantCulture;
            // Invariant globalization: every number prints with '.', whatever the machine's locale.
            async Task Line(string s) => await io.Out.WriteLineAsync(s);
            await Line($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average {LoadAverage()}");

            var sw = Stopwatch.StartNew();
            var folder = V2TraceFolder.Read(parse.GetValue(dir)!, cancellationToken: ct);
            var trace = folder.ToEpochTrace();
            await Line($"trace: {folder.Network.Layers.Length} layers, read from CSV in {sw.Elapsed.TotalSeconds:F2} s");

            // The epoch as a replay gets it: stored, then read and decoded back.
            var scratch = Directory.CreateTempSubdirectory("neurosim-bench-");
            try
            {
                var address = StoreAddress.Parse("file:" + Path.Combine(scratch.FullName, "bench.db"));
                await using var store = await address.OpenOrCreateForWriting(ct);
                {
                    await V2Importer.Import(store, folder, "bench", 0, ct);
                    var (readEvents, decode, recycled, stored) = (double.MaxValue, double.MaxValue, double.MaxValue, 0L);
                    var recycler = new ArrayRecycler();
                    for (var i = 0; i < n; i++)
                    {
                        sw.Restart();
                        var (run, events) = await RunReader.ReadEpochEvents(store, "bench", 0, ct);
                        readEvents = Math.Min(readEvents, sw.Elapsed.TotalSeconds);
                        sw.Restart();
                        trace = RunReader.Decode(run, 0, events);
                        decode = Math.Min(decode, sw.Elapsed.TotalSeconds);
                        stored = events.Sum(e => e.CalculateSize());
                        // As a replay decodes every epoch after its first: into the arrays of the epoch before (ReplayCache).
                        recycler.ReturnWeights(RunReader.Decode(run, 0, events, recycler));
                        sw.Restart();
                        var next = RunReader.Decode(run, 0, events, recycler);
                        recycled = Math.Min(recycled, sw.Elapsed.TotalSeconds);
                        recycler.ReturnWeights(next);
                    }
                    await Line($"decode from the store (best of {n}): read {stored / 1e6:F1} MB of events {readEvents:F3} s + decode tensors {decode:F3} s = {readEvents + decode:F3} s; " +
                        $"decoding into the arrays of the epoch before (as a replay decodes every epoch after its first) {recycled:F3} s = {readEvents + recycled:F3} s");

                    sw.Restart();
                    var chip = new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits);
                    var design = sw.Elapsed.TotalSeconds;
                    await Line($"chip design: {design * 1e3:F0} ms");

                    // One chip, every read computed in the estimate (as estimate-v2 runs it).
                    var times = new List<double>();
                    var cpuTimes = new List<double>();
                    var perLayer = new double[folder.Network.Layers.Length];
                    EstimateTimings? phases = null;
                    double phasesCpu = 0;
                    EpochEstimate estimate = null!;
                    for (var i = 0; i < n; i++)
                    {
                        var timings = new EstimateTimings();
                        var (wall, cpu) = Timed(() => estimate = chip.Estimate(trace, ct, (l, t) => perLayer[l] += t.TotalSeconds / n, timings: timings));
                        times.Add(wall);
                        cpuTimes.Add(cpu);
                        if (cpu <= cpuTimes.Min()) (phases, phasesCpu) = (timings, cpu);
                    }
                    await Line($"epoch estimate: best {times.Min():F3} s, mean {times.Average():F3} s, max {times.Max():F3} s over {n} runs; CPU {cpuTimes.Min():F3} s (least)");
                    await Line($"per layer (mean): {string.Join(", ", perLayer.Select((t, l) => string.Create(inv, $"L{l + 1} {t * 1e3:F0} ms")))}");
                    await Line($"phases (run of least CPU; thread time, share): {PhaseLine(phases!, phasesCpu)}");

                    // The same chip through the shared path a replay takes (plan, reads over the cores, estimate).
                    var shared = new List<double>();
                    var sharedCpus = new List<double>();
                    for (var i = 0; i < n; i++)
                    {
                        var (wall, cpu) = Timed(() => SweepEstimate.Run(trace, [chip], Environment.ProcessorCount, ct));
                        shared.Add(wall);
                        sharedCpus.Add(cpu);
                    }
                    await Line($"epoch estimate as replay runs it (reads planned, then read over the cores): best {shared.Min():F3} s, mean {shared.Average():F3} s; CPU {sharedCpus.Min():F3} s (least)");

                    // Writing the result as a replay does.
                    var writes = new List<double>();
                    for (var i = 0; i < n; i++)
                    {
                        sw.Restart();
                        var contract = EstimateContracts.ToContract(estimate, 0, 1);
                        await store.AppendToStream(new StreamId($"replay-bench-write{i}"), ExpectedVersion.Any, [EventSerializer.ToNewEvent(contract, $"bench/write/{i}")], ct);
                        writes.Add(sw.Elapsed.TotalSeconds);
                    }
                    await Line($"writing the estimate (contract + append): best {writes.Min() * 1e3:F1} ms");

                    // Chips that share the array and its sense amps (clock, buffers, bus, DRAM vary), then the array only (the
                    // technology node varies too: 5 ADC fits, each converting every column once).
                    var single = Math.Min(times.Min(), shared.Min());
                    var singleCpu = Math.Min(cpuTimes.Min(), sharedCpus.Min());
                    var periphery = Enumerable.Range(0, configs).Select(i => config.Config with
                    {
                        ClkFreq = config.Config.ClkFreq * (1 - 0.1 * (i % 5)),
                        GlobalBufferType = i / 5 % 2 == 1,
                        TileBufferType = i / 10 % 2 == 1,
                        MaxGlobalBusWidth = config.Config.MaxGlobalBusWidth / (1 + i % 2),
                        DramType = i % 3 == 0 ? config.Config.DramType : config.Config.DramType == DramType.Hbm2 ? DramType.Gddr5 : DramType.Hbm2,
                    }).ToList();
                    var nodes = Enumerable.Range(0, configs).Select(i => config.Config with
                    {
                        Technode = new[] { 32, 45, 65, 22, 14 }[i % 5],
                        ClkFreq = config.Config.ClkFreq * (1 - 0.1 * (i / 5 % 4)),
                        DramType = i % 2 == 0 ? config.Config.DramType : config.Config.DramType == DramType.Hbm2 ? DramType.Gddr5 : DramType.Hbm2,
                    }).ToList();
                    foreach (var (label, sweepConfigsOf) in new[] { ("clock x buffers x bus x DRAM", periphery), ("technode 32/45/65/22/14 x clock x DRAM", nodes) })
                    {
                        var sharing = sweepConfigsOf.Select(c => new ChipDesign(folder.Network, c, trace.WeightBits, trace.ActivationBits)).ToList();
                        var reads = new ArrayReads();
                        var sweepTimings = new EstimateTimings();
                        var (sharedWall, sharedCpu) = Timed(() => SweepEstimate.Run(trace, sharing, Environment.ProcessorCount, reads, ct, sweepTimings));
                        await Line($"sweep of {configs} chips sharing the array ({label}): {sharedWall:F3} s, CPU {sharedCpu:F3} s, " +
                            $"{sharedWall / single:F2}x one chip (target <= 2), by CPU {sharedCpu / singleCpu:F2}x; {reads.Windows} windows, shared work {reads.Bytes / 1e6:F0} MB; " +
                            $"phases: {PhaseLine(sweepTimings, sharedCpu)}");
                    }

                    // Chips that do not share the array (resistanceOn varied 1 % apart): each reads for itself, p at once.
                    var unshared = Enumerable.Range(0, configs).Select(i => config.Config with { ResistanceOn = config.Config.ResistanceOn * (1 + 0.01 * i) }).ToList();
                    var (sweep, sweepCpu) = Timed(() => Parallel.For(0, configs, new ParallelOptions { MaxDegreeOfParallelism = p, CancellationToken = ct }, i =>
                        _ = new ChipDesign(folder.Network, unshared[i], trace.WeightBits, trace.ActivationBits).Estimate(trace, ct)));
                    var ideal = configs * times.Min() / Environment.ProcessorCount;
                    var idealByWork = configs * cpuTimes.Min() / Environment.ProcessorCount;
                    await Line($"sweep of {configs} chips not sharing the array (resistanceOn 1 % apart), {p} at once: {sweep:F3} s ({configs / sweep:F2} estimates/s); " +
                        $"{configs} x best single / {Environment.ProcessorCount} cores = {ideal:F3} s -> ratio {sweep / ideal:F2}; " +
                        $"{configs} x single CPU / {Environment.ProcessorCount} cores = {idealByWork:F3} s -> ratio {sweep / idealByWork:F2} (target <= 1.2); " +
                        $"CPU {sweepCpu:F3} s = {sweepCpu / (configs * cpuTimes.Min()):F2} x {configs} single estimates' CPU");
                }
            }
            finally
            {
                try { scratch.Delete(true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            await Line($"peak memory: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB peak working set; load average {LoadAverage()}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Runs <paramref name="work"/>; its wall time and the process's CPU time meanwhile, in seconds.</summary>
    private static (double Wall, double Cpu) Timed(Action work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        work();
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>
    /// "array reads 0.210 s (35 %), …; CPU 0.6 s": each phase's thread time (wall time of the threads in it, summed; on a
    /// busy machine it includes time others took from them) with its share of the phases' sum, then the process's CPU
    /// time, whose rest went to the PE, tile and chip units, buffers, interconnect, DRAM and threads.
    /// </summary>
    private static string PhaseLine(EstimateTimings t, double cpu)
    {
        var names = new Dictionary<EstimatePhase, string>
        {
            [EstimatePhase.ArrayReads] = "array reads (FW/AG column currents)",
            [EstimatePhase.Adc] = "ADC (FW/AG conversions)",
            [EstimatePhase.ReadPeriphery] = "read periphery",
            [EstimatePhase.WeightUpdate] = "WU",
            [EstimatePhase.WeightGradient] = "WG",
        };
        var measured = Math.Max(1e-9, names.Keys.Sum(k => t[k].TotalSeconds));
        var parts = names.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {t[kv.Key].TotalSeconds:F3} s ({100 * t[kv.Key].TotalSeconds / measured:F0} %)"));
        return string.Join(", ", parts) + string.Create(CultureInfo.InvariantCulture, $"; process CPU {cpu:F3} s (the rest: units, buffers, interconnect, DRAM, threads)");
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
