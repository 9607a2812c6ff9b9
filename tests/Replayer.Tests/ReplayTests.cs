using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>replay and replays through the CLI: fidelity of the written files, sweeps, reuse, --force, errors.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("replay.db");
    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    /// <summary>A small VGG-pattern run with three epochs (the synthetic trace imported as epochs 0, 1, 2 with different seeds).</summary>
    private async Task<string> SmallRun()
    {
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var dir = SyntheticV2Trace.Create(_tmp.Combine($"t{epoch}"), SyntheticV2Trace.SmallVgg, seed: 10 + epoch);
            var (code, _, err) = await Run("import-v2", dir, "--run", "small", "--epoch", $"{epoch}", "--store", Store);
            Assert.True(code == 0, err);
        }
        return "small";
    }

    private static string[] Small => ["--set", "numRowSubArray=32", "--set", "numColSubArray=32"];

    [Fact]
    public async Task Replaying_golden_traces_writes_the_reference_files()
    {
        if (GoldenData.Traces.Count == 0) Assert.Skip(GoldenData.SkipReason);
        foreach (var trace in GoldenData.Traces)
        {
            var (code, _, err) = await Run("import-v2", GoldenData.TraceDirectory(trace), "--run", trace, "--store", Store);
            Assert.True(code == 0, err);
            var configs = GoldenData.AllConfigs().Where(c => c.Trace == trace && GoldenData.Has(c.Trace, c.Config)).Select(c => c.Config).ToList();
            // V2.0 params.txt files are valid --config files (Param.cpp keys, C++ literals).
            var args = new List<string> { "replay", trace, "--store", Store, "--out", _tmp.Combine($"out-{trace}"), "--quiet" };
            foreach (var c in configs) args.AddRange(["--config", Path.Combine(GoldenData.ConfigDirectory(trace, c), "params.txt")]);
            (code, var output, err) = await Run([.. args]);
            Assert.True(code == 0, err);
            foreach (var c in configs)
            {
                var reference = GoldenData.ConfigDirectory(trace, c);
                var config = ChipModel.Hardware.HardwareConfigParser.ApplyText(ChipModel.Hardware.HardwareConfig.Default, await File.ReadAllTextAsync(Path.Combine(reference, "params.txt"), Ct), c);
                var id = ChipModel.Hardware.ConfigIdentity.Id(config);
                var ours = configs.Count > 1 ? _tmp.Combine($"out-{trace}", id) : _tmp.Combine($"out-{trace}");
                var report = V2ResultComparison.Compare(ours, reference);
                var explained = await ReferenceDefects.MisreadCells(trace, reference, Ct);
                var misses = report.Cells.Where(x => !x.Matched && !explained.Contains(x.Where)).Take(10).Select(x => $"{x.Where}: ours {x.Ours:G6}, reference {x.Reference:G6}");
                Assert.True(!misses.Any(), $"{trace}/{c}: {report.Summary}\n{string.Join("\n", misses)}");
            }
        }
    }

    [Fact]
    public async Task A_sweep_equals_one_by_one_replays_and_is_reused_until_forced()
    {
        var run = await SmallRun();
        string[] sweep = ["--sweep", "technode=32,22", "--sweep", "readVoltage=0.5,0.6", "--sweep", "numColMuxed=8,16"];
        var (code, output, err) = await Run(["replay", run, "--store", Store, "--out", _tmp.Combine("sweep"), "--quiet", .. Small, .. sweep]);
        Assert.True(code == 0, err);
        Assert.Contains("24 pair(s) estimated, 0 reused", output);
        var sweepCsv = await File.ReadAllLinesAsync(_tmp.Combine("sweep", "sweep.csv"), Ct);
        Assert.Equal(9, sweepCsv.Length);   // header + 8 configurations
        Assert.Equal("config_id,name,technode,readVoltage,numColMuxed,folder", sweepCsv[0]);
        Assert.Equal(9, (await File.ReadAllLinesAsync(_tmp.Combine("sweep", "summary.csv"), Ct)).Length);

        // One configuration alone, in a fresh store: the same files, byte for byte.
        var row = sweepCsv[5].Split(',');
        var alone = "file:" + _tmp.Combine("alone.db");
        for (var epoch = 0; epoch < 3; epoch++)
            Assert.Equal(0, (await Run("import-v2", _tmp.Combine($"t{epoch}"), "--run", run, "--epoch", $"{epoch}", "--store", alone)).Code);
        (code, _, err) = await Run(["replay", run, "--store", alone, "--out", _tmp.Combine("alone"), "--quiet", .. Small,
            "--set", $"technode={row[2]}", "--set", $"readVoltage={row[3]}", "--set", $"numColMuxed={row[4]}"]);
        Assert.True(code == 0, err);
        Assert.Equal(await File.ReadAllTextAsync(_tmp.Combine("alone", "NeuroSim_Output.csv"), Ct), await File.ReadAllTextAsync(_tmp.Combine("sweep", row[0], "NeuroSim_Output.csv"), Ct));
        for (var epoch = 0; epoch < 3; epoch++)
            Assert.Equal(await File.ReadAllTextAsync(_tmp.Combine("alone", "NeuroSim_Results_Each_Epoch", $"NeuroSim_Breakdown_Epoch_{epoch}.csv"), Ct),
                await File.ReadAllTextAsync(_tmp.Combine("sweep", row[0], "NeuroSim_Results_Each_Epoch", $"NeuroSim_Breakdown_Epoch_{epoch}.csv"), Ct));

        // The same call again computes nothing and writes identical files; --force computes everything again.
        (code, output, _) = await Run(["replay", run, "--store", Store, "--out", _tmp.Combine("again"), "--quiet", .. Small, .. sweep]);
        Assert.Contains("0 pair(s) estimated, 24 reused", output);
        Assert.Equal(await File.ReadAllTextAsync(_tmp.Combine("sweep", row[0], "NeuroSim_Output.csv"), Ct), await File.ReadAllTextAsync(_tmp.Combine("again", row[0], "NeuroSim_Output.csv"), Ct));
        (code, output, _) = await Run(["replay", run, "--store", Store, "--epochs", "1-2", "--quiet", "--force", .. Small, .. sweep]);
        Assert.Contains("16 pair(s) estimated, 0 reused", output);

        (code, output, _) = await Run("replays", run, "--store", Store);
        Assert.Equal(0, code);
        Assert.Equal(8, output.Split('\n').Count(l => l.StartsWith("small ", StringComparison.Ordinal)));
        Assert.Contains("numColSubArray=32", output);
    }

    [Fact]
    public async Task A_shared_work_sweep_stores_what_one_by_one_replays_store_bit_for_bit()
    {
        // Chips that share the array (node and ADC levels vary) and chips that do not (RRAM and FeFET cells): the sweep
        // computes each epoch's shared reads once; every stored figure must equal a replay of each chip alone.
        var run = await SmallRun();
        string[][] chips = [.. from node in new[] { "32", "45" } from levels in new[] { "32", "64" } from cell in new[] { "2", "3" }
                               select new[] { $"technode={node}", $"levelOutput={levels}", $"memcelltype={cell}" }];
        var (code, output, err) = await Run(["replay", run, "--store", Store, "--quiet", .. Small,
            "--sweep", "technode=32,45", "--sweep", "levelOutput=32,64", "--sweep", "memcelltype=2,3"]);
        Assert.True(code == 0, err);
        Assert.Contains("24 pair(s) estimated", output);
        var alone = "file:" + _tmp.Combine("alone.db");
        for (var epoch = 0; epoch < 3; epoch++)
            Assert.Equal(0, (await Run("import-v2", _tmp.Combine($"t{epoch}"), "--run", run, "--epoch", $"{epoch}", "--store", alone)).Code);
        foreach (var chip in chips)
        {
            (code, _, err) = await Run(["replay", run, "--store", alone, "--quiet", .. Small, .. chip.SelectMany(s => new[] { "--set", s })]);
            Assert.True(code == 0, err);
        }
        var swept = await StoredEstimates(Store);
        var oneByOne = await StoredEstimates(alone);
        Assert.Equal(chips.Length, swept.Count);
        Assert.Equal(oneByOne.Keys.Order(), swept.Keys.Order());
        foreach (var (stream, estimates) in swept)
        {
            Assert.Equal(3, estimates.Count);
            for (var e = 0; e < estimates.Count; e++)
                Assert.True(estimates[e].Equals(oneByOne[stream][e]), $"{stream} epoch {estimates[e].Epoch}: the sweep stored other figures than a replay of the chip alone");
        }
    }

    /// <summary>Every replay stream's EpochEstimated events, by epoch, with the wall time (the one field that may differ) cleared.</summary>
    private static async Task<Dictionary<string, List<Core.Events.Contracts.EpochEstimated>>> StoredEstimates(string address)
    {
        await using var store = await StoreAddress.Parse(address).OpenForReading(Ct);
        var result = new Dictionary<string, List<Core.Events.Contracts.EpochEstimated>>();
        foreach (var stream in await store.ListStreams(StreamIds.ReplayPrefix, Ct))
        {
            var list = new List<Core.Events.Contracts.EpochEstimated>();
            await foreach (var e in Core.Runs.RunReader.ReadAll(store, stream.StreamId, null, Ct))
            {
                if (EventSerializer.Deserialize(e) is not Core.Events.Contracts.EpochEstimated estimated) continue;
                var figures = estimated.Clone();
                figures.Seconds = 0;
                list.Add(figures);
            }
            result[stream.StreamId.Value] = [.. list.OrderBy(x => x.Epoch)];
        }
        return result;
    }

    [Fact]
    public async Task Bad_settings_and_impossible_chips_are_named_and_nothing_is_written()
    {
        var run = await SmallRun();
        var (code, _, err) = await Run("replay", run, "--store", Store, "--set", "numRowsSubArray=32");
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("numRowsSubArray", err);
        Assert.Contains("numRowSubArray", err);   // the suggestion
        (code, _, err) = await Run("replay", run, "--store", Store);   // 128x128 subarrays on a 12x12 VGG pattern
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("too large", err);
        (code, _, err) = await Run(["replay", run, "--store", Store, "--epochs", "7", .. Small]);
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Contains("epoch(s) 7", err);
        var file = _tmp.Combine("chip.toml");
        await File.WriteAllTextAsync(file, "technode = 22\nmemcelltype = 5\n", Ct);
        (code, _, err) = await Run(["replay", run, "--store", Store, "--config", file, .. Small]);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("chip.toml:2: memcelltype", err);
        Assert.DoesNotContain("   at ", err);
        // A sweep whose second chip cannot be laid out (a 32-column cross-point array is narrower than its registers):
        // named with its swept value, and not even the first chip's pairs are written.
        (code, _, err) = await Run(["replay", run, "--store", Store, .. Small, "--sweep", "accesstype=1,4"]);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("accesstype=4", err);
        Assert.Contains("periphery does not fit", err);
        await using var store = await StoreAddress.Parse(Store).OpenForReading(Ct);
        Assert.Empty(await store.ListStreams(StreamIds.ReplayPrefix, Ct));
    }

    [Fact]
    public async Task A_device_file_puts_its_chip_keys_on_every_configuration_and_set_wins_over_it()
    {
        var run = await SmallRun();
        var device = _tmp.Combine("fitted.device.toml");
        new Core.Devices.DeviceFile("fitted", [new("nonlinearityLTP", "2.4")], [new("resistanceOn", "200000"), new("resistanceOff", "4000000"), new("maxNumLevelLTP", "64")], [])
            .Write(device, ["test"]);
        var (code, _, err) = await Run(["replay", run, "--store", Store, "--epochs", "0", "--device", device, .. Small, "--quiet"]);
        Assert.True(code == 0, err);
        (code, _, err) = await Run(["replay", run, "--store", Store, "--epochs", "0", "--device", device, .. Small, "--set", "maxNumLevelLTP=16", "--quiet"]);
        Assert.True(code == 0, err);
        await using (var store = await StoreAddress.Parse(Store).OpenForReading(Ct))
        {
            var replays = await Core.Replays.StoredReplay.List(store, run + "-", Ct);
            Assert.Equal(2, replays.Count);
            Assert.All(replays, r => Assert.Equal((200000.0, 4000000.0), (r.Config.Config.ResistanceOn, r.Config.Config.ResistanceOff)));
            Assert.Equal([16, 64], replays.Select(r => r.Config.Config.MaxNumLevelLTP).Order());
        }
        await File.WriteAllTextAsync(device, "format = 1\nname = \"bad\"\n[chip]\nresistanceOn = 5\n", Ct);
        (code, _, err) = await Run(["replay", run, "--store", Store, "--device", device, .. Small]);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("fitted.device.toml:4", err);
    }
}
