using System.Globalization;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.Replayer;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// <c>replay RUN --accuracy</c> through the command line, in-process, on a recorded MNIST run: cost and accuracy per (epoch,
/// configuration), stored and reused; seeded instances; the Pareto marks; bad input named in one line with nothing stored;
/// and how the accuracy falls with ADC precision, variation and retention time.
/// </summary>
public sealed class AccuracyReplayTests(RecordedMnistRun recorded) : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Replay(string store, params string[] args) =>
        CommandLine.Run(ReplayerCli.Run, ["replay", RecordedMnistRun.Run, "--accuracy", "--store", store, "--quiet", .. args], Ct);

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(x => x.First, x => x.Second))];
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static async Task<List<(string Id, AccuracyEstimated Event)>> AccuracyEvents(string address)
    {
        await using var store = await StoreAddress.Parse(address).OpenForReading(Ct);
        var list = new List<(string, AccuracyEstimated)>();
        foreach (var s in await store.ListStreams(StreamIds.ReplayPrefix, Ct))
            await foreach (var e in RunReader.ReadAll(store, s.StreamId, [EventTypeNames.AccuracyEstimated], Ct))
                list.Add((e.EventId.ToString(), (AccuracyEstimated)EventSerializer.Deserialize(e)!));
        return list;
    }

    [Fact]
    public async Task Cost_and_accuracy_per_epoch_and_configuration_are_stored_and_reused()
    {
        if (RecordedMnistRun.SkipReason is { } skip) Assert.Skip(skip);
        var store = await recorded.FreshStore("sweep");
        string[] args = ["--epochs", "1-2", "--sweep", "ADCprecision=3,6", "--sweep", "vari=0,0.1", "--instances", "2", "--seed", "3", "--out", _tmp.Combine("out")];
        var (code, output, err) = await Replay(store, args);
        Assert.True(code == 0, err);
        Assert.Contains("8 accuracy pair(s) evaluated, 0 reused", output);
        Assert.Contains("CHIP ACC %", output);
        var rows = Csv(_tmp.Combine("out", "summary.csv"));
        Assert.Equal(8, rows.Count);
        var run = (await RunReader.ReadSummary(recorded.Store, RecordedMnistRun.Run, Ct))!;
        foreach (var r in rows)
        {
            var epoch = int.Parse(r["epoch"], CultureInfo.InvariantCulture);
            Assert.Equal(run.Evaluations.Single(e => e.Epoch == epoch).TestAccuracy, D(r["software_accuracy"]), 1e-4);
            var stochastic = r["varied"].Contains("vari=0.1", StringComparison.Ordinal);
            Assert.Equal(stochastic ? "2" : "1", r["instances"]);
            if (!stochastic) Assert.Equal(0, D(r["test_accuracy_std"]));
            Assert.InRange(D(r["test_accuracy"]), 10, 100);
        }
        // Pareto marks, recomputed from the figures: marked exactly when no row of the epoch has at least its accuracy at lower cost.
        foreach (var epoch in rows.GroupBy(r => r["epoch"]))
            foreach (var r in epoch)
                foreach (var (cost, mark) in new[] { ("energy_per_epoch_J", "pareto_energy"), ("area_mm2", "pareto_area") })
                {
                    var dominated = epoch.Any(o => D(o["test_accuracy"]) >= D(r["test_accuracy"]) && D(o[cost]) <= D(r[cost]) && (D(o["test_accuracy"]) > D(r["test_accuracy"]) || D(o[cost]) < D(r[cost])));
                    Assert.Equal(dominated ? "0" : "1", r[mark]);
                }
        // The V2.0 files of each chip (two ADCs: two chips; vari is no chip key), one cost estimate per chip and epoch.
        var chips = rows.Select(r => r["config_id"]).Distinct().ToList();
        Assert.Equal(2, chips.Count);
        Assert.All(chips, id => Assert.True(File.Exists(_tmp.Combine("out", id, "NeuroSim_Output.csv"))));
        Assert.Equal("config_id,name,ADCprecision,folder", (await File.ReadAllLinesAsync(_tmp.Combine("out", "sweep.csv"), Ct))[0]);
        var events = await AccuracyEvents(store);
        Assert.Equal(8, events.Count);
        Assert.Equal(8, events.Select(e => e.Id).Distinct().Count());
        var summary = await File.ReadAllTextAsync(_tmp.Combine("out", "summary.csv"), Ct);

        // The same call: every pair from the store, the same summary.
        (code, output, err) = await Replay(store, args);
        Assert.True(code == 0, err);
        Assert.Contains("0 accuracy pair(s) evaluated, 8 reused", output);
        Assert.Equal(summary, await File.ReadAllTextAsync(_tmp.Combine("out", "summary.csv"), Ct));
        Assert.Equal(8, (await AccuracyEvents(store)).Count);
        // Another seed: the stochastic pairs again, the deterministic ones reused.
        (code, output, err) = await Replay(store, [.. args[..^4], "--seed", "4"]);
        Assert.True(code == 0, err);
        Assert.Contains("4 accuracy pair(s) evaluated, 4 reused", output);
    }

    [Fact]
    public async Task Instances_are_deterministic_per_seed()
    {
        if (RecordedMnistRun.SkipReason is { } skip) Assert.Skip(skip);
        async Task<IReadOnlyList<double>> Instances(string name, string seed)
        {
            var store = await recorded.FreshStore(name);
            var (code, _, err) = await Replay(store, "--epochs", "2", "--set", "vari=0.3", "--set", "rate_stuck_1=0.02", "--instances", "3", "--seed", seed, "--jobs", name == "a" ? "1" : "2");
            Assert.True(code == 0, err);
            return [.. (await AccuracyEvents(store)).Single().Event.InstanceAccuracy];
        }
        var a = await Instances("a", "9");
        Assert.Equal(3, a.Count);
        Assert.Equal(a, await Instances("b", "9"));
        Assert.NotEqual(a, await Instances("c", "10"));
    }

    [Fact]
    public async Task Bad_input_is_named_in_one_line_and_nothing_is_stored()
    {
        if (RecordedMnistRun.SkipReason is { } skip) Assert.Skip(skip);
        var store = await recorded.FreshStore("bad");
        var other = NpmDigits.Write(_tmp.Combine("other-mnist"), 2);
        (string[] Args, int Code, string Message)[] cases =
        [
            (["--epochs", "7"], 5, $"Run '{RecordedMnistRun.Run}' has no traces for epoch(s) 7"),
            (["--set", "cellBit=2"], 2, "cellBit: cellBit 2 does not divide the run's wl_weight (5)"),
            (["--set", "operationmode=1"], 2, "operationmode: the accuracy replay reads arrays in parallel"),
            (["--set", "reLu=false"], 2, "reLu: the recorded networks use ReLU"),
            (["--preset", "sram-22nm", "--set", "t=100", "--set", "v=0.01"], 2, "v: retention drift (t, v) is a property of analog cells"),
            (["--set", "vari=2"], 2, "--set:1: vari: 2 is not allowed; allowed: a number from 0 to 1"),
            (["--sweep", "ADCprecision=4,12"], 2, "ADCprecision: 12 is not allowed; allowed: an integer from 1 to 10"),
            (["--set", "rate_stuck_0=0.6", "--set", "rate_stuck_1=0.6"], 2, "rate_stuck_0 + rate_stuck_1 = 1.2 exceeds 1"),
            (["--instances", "0", "--set", "vari=0.1"], 2, "--instances: 0 is not allowed; allowed: 1 to 1000"),
            (["--data", _tmp.Combine("nowhere")], 5, "is not available here: --data"),
            (["--data", other], 4, $"was evaluated on mnist with 1424 test images; {other}"),
            (["--submit"], 2, "--accuracy: the accuracy replay runs locally"),
        ];
        foreach (var (args, expectedCode, message) in cases)
        {
            var (code, _, err) = await Replay(store, args);
            var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal) && lines[0].Contains(message, StringComparison.Ordinal),
                $"{string.Join(" ", args)}: expected one line with '{message}', got:\n{err}");
            Assert.Equal(expectedCode, code);
        }
        // --instances without --accuracy.
        var (c2, _, e2) = await CommandLine.Run(ReplayerCli.Run, ["replay", RecordedMnistRun.Run, "--store", store, "--instances", "3"], Ct);
        Assert.Equal(2, c2);
        Assert.Contains("--instances: only with --accuracy", e2);
        // A run without a data set (imported from V2.0 traces).
        var trace = SyntheticV2Trace.Create(_tmp.Combine("v2"), SyntheticV2Trace.SmallVgg, seed: 3);
        Assert.Equal(0, (await CommandLine.Run(ReplayerCli.Run, ["import-v2", trace, "--run", "imported", "--store", store], Ct)).Code);
        var (c3, _, e3) = await CommandLine.Run(ReplayerCli.Run, ["replay", "imported", "--accuracy", "--store", store, "--set", "numRowSubArray=32", "--set", "numColSubArray=32"], Ct);
        Assert.Equal(7, c3);
        Assert.Contains("run 'imported' records no data set", e3);
        await using var s = await StoreAddress.Parse(store).OpenForReading(Ct);
        Assert.Empty(await s.ListStreams(StreamIds.ReplayPrefix, Ct));
    }

    [Fact]
    public async Task Accuracy_falls_with_ADC_precision_variation_and_retention_time()
    {
        if (RecordedMnistRun.SkipReason is { } skip) Assert.Skip(skip);
        var store = await recorded.FreshStore("sensitivity");
        async Task<IReadOnlyList<(string Varied, double Accuracy, double Std)>> Sweep(string name, params string[] args)
        {
            var (code, output, err) = await Replay(store, ["--epochs", "2", "--out", _tmp.Combine(name), .. args]);
            Assert.True(code == 0, err);
            TestContext.Current.TestOutputHelper?.WriteLine(output);
            return [.. Csv(_tmp.Combine(name, "summary.csv")).Select(r => (r["varied"], D(r["test_accuracy"]), D(r["test_accuracy_std"])))];
        }
        var software = (await RunReader.ReadSummary(recorded.Store, RecordedMnistRun.Run, Ct))!.Evaluations.Single(e => e.Epoch == 2).TestAccuracy;

        var adc = await Sweep("adc", "--sweep", "ADCprecision=8,6,4,3,2");
        Assert.True(Math.Abs(adc[0].Accuracy - software) <= 1.5, $"8-bit ADC {adc[0].Accuracy:F2} %, software {software:F2} %");
        Assert.True(adc[3].Accuracy < adc[2].Accuracy && adc[4].Accuracy < adc[3].Accuracy, string.Join("; ", adc));
        Assert.True(adc[4].Accuracy < adc[0].Accuracy - 30, string.Join("; ", adc));

        var vari = await Sweep("vari", "--sweep", "vari=0,0.2,0.5", "--instances", "3");
        Assert.True(vari[1].Accuracy < vari[0].Accuracy && vari[2].Accuracy < vari[1].Accuracy - 0.5, string.Join("; ", vari));

        var drift = await Sweep("drift", "--set", "v=0.05", "--sweep", "t=1,10,100,1000,10000");
        for (var i = 1; i < drift.Count; i++) Assert.True(drift[i].Accuracy < drift[i - 1].Accuracy, string.Join("; ", drift));
        Assert.True(drift[^1].Accuracy < 50, string.Join("; ", drift));
    }
}
