using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.Replayer.Fuzz;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>fuzz-config [--count 300] [--seed N] [--timeout-seconds S] [--trace DIR] [--set k=v]… [--parallel P] [--edges]</c>: seeded random
/// configurations over every key (in range, at the edges, out of range) through validation and the estimate, with a
/// time limit per run; prints the counts and every failure's params.txt. Exit 1 on any hang, crash or non-finite result.
/// </summary>
public static class FuzzConfigCommand
{
    public static Command Create(CommandIo io)
    {
        var count = new Option<int>("--count") { Description = "Configurations to try.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Campaign seed (the same seed draws the same configurations).", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout-seconds") { Description = "Time limit per configuration; longer is a hang.", DefaultValueFactory = _ => 30 };
        var trace = new Option<string?>("--trace") { Description = "A V2.0 working directory (default: the built-in tiny network, 8x8 relaxed subarrays as the base)." };
        var parallel = new Option<int>("--parallel") { Description = "Configurations at once (0: one per core).", DefaultValueFactory = _ => 0 };
        var set = new Option<string[]>("--set") { Description = "key=value under every drawn configuration (default with the built-in trace: 8x8 relaxed subarrays); repeatable." };
        var edges = new Option<bool>("--edges") { Description = "Also try every key alone at its smallest and largest value under each design mode." };
        var cmd = new Command("fuzz-config", "Run seeded random configurations through validation and the estimate; count hangs, crashes and non-finite results.")
            { count, seed, timeout, trace, parallel, set, edges };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var n = parse.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count: {n} must be at least 1.");
            var limit = parse.GetValue(timeout);
            if (!(limit > 0)) throw new ArgumentException($"--timeout-seconds: {limit} must be positive.");
            var p = parse.GetValue(parallel);
            if (p < 0) throw new ArgumentException($"--parallel: {p} must not be negative.");
            var dir = parse.GetValue(trace);
            string? temp = null;
            if (dir is null)
            {
                temp = Path.Combine(Path.GetTempPath(), $"neurosim-fuzz-{Environment.ProcessId}");
                dir = SyntheticV2Trace.Create(temp, SyntheticV2Trace.TinyNetwork, seed: 1);
            }
            try
            {
                var s = parse.GetValue(seed);
                var sets = parse.GetValue(set) ?? [];
                IReadOnlyList<(string, string)> baseSettings = sets.Length > 0
                    ? [.. sets.Select(x => ChipModel.Hardware.HardwareConfigParser.SplitSetting(x, "--set"))]
                    : temp is null ? [] : ConfigFuzz.TinyBase;
                var summary = await ConfigFuzz.Run(dir, baseSettings, s, n, TimeSpan.FromSeconds(limit),
                    p == 0 ? Environment.ProcessorCount : p, ct, parse.GetValue(edges));
                await Report(io.Out, summary, s);
                return summary.Clean ? 0 : (int)ExitCode.Failure;
            }
            finally
            {
                if (temp is not null) Directory.Delete(temp, recursive: true);
            }
        }));
        return cmd;
    }

    private static async Task Report(TextWriter w, FuzzSummary s, int seed)
    {
        foreach (var f in s.Failures.Take(10))
            await w.WriteLineAsync($"{f.Outcome} (configuration {f.Index}, {f.Elapsed.TotalSeconds:F1} s): {f.Detail}\n  params:\n    {f.Params.TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal)}");
        var inv = CultureInfo.InvariantCulture;
        await w.WriteLineAsync(string.Create(inv,
            $"fuzz-config seed {seed}: {s.Runs.Length} configurations in {s.Elapsed.TotalSeconds:F1} s: {s.Count(FuzzOutcome.Finite)} valid and finite, " +
            $"{s.Count(FuzzOutcome.Refused)} refused with a named error, {s.Count(FuzzOutcome.Hang)} hangs, {s.Count(FuzzOutcome.Crash)} crashes, " +
            $"{s.Count(FuzzOutcome.NonFinite)} non-finite or negative with success"));
    }
}
