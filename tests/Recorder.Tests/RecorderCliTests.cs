using NeuroSim.Replay.Cli;
using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>record and export as a user types them (tiny npm-format digits, a temporary store).</summary>
public sealed class RecorderCliTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("cli.db");
    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(RecorderCli.Run, args, Ct);

    private string Data => DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm"), 8);

    [Fact]
    public async Task Record_with_estimate_then_export_writes_the_wrapper_files_and_the_chip_rows()
    {
        var (code, output, err) = await Run("record", "--model", "mnist-mlp", "--epochs", "2", "--max-batches", "2", "--batch-size", "20",
            "--run", "cli", "--data", Data, "--store", Store, "--estimate", "--quiet");
        Assert.True(code == 0, err);
        Assert.Contains("epoch 1 on default", output);
        Assert.Contains("run 'cli' completed: 2 epochs", output);
        await using (var store = await StoreAddress.Parse(Store).OpenForReading(Ct))
            Assert.Single(await store.ListStreams(StreamIds.ReplayPrefix + "cli-", Ct));

        (code, output, err) = await Run("export", "cli", "--out", _tmp.Combine("wrap"), "--store", Store);
        Assert.True(code == 0, err);
        foreach (var f in new[] { "PythonWrapper_Output.csv", "input_activity.csv", "weight_dist.csv", "delta_dist.csv", "NeuroSim_Output.csv" })
            Assert.True(File.Exists(_tmp.Combine("wrap", f)), f);
        Assert.Equal(3, (await File.ReadAllLinesAsync(_tmp.Combine("wrap", "NeuroSim_Output.csv"), Ct)).Length);   // header + 2 epochs
        Assert.Equal(2, (await File.ReadAllLinesAsync(_tmp.Combine("wrap", "input_activity.csv"), Ct)).Length);
        Assert.Equal("1_mean,2_mean,1_std,2_std", (await File.ReadAllLinesAsync(_tmp.Combine("wrap", "weight_dist.csv"), Ct))[0]);
    }

    [Fact]
    public async Task Bad_settings_and_taken_names_are_named_and_write_nothing()
    {
        var (code, _, err) = await Run("record", "--set", "cellBit=4", "--data", Data, "--store", Store, "--run", "x");
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("cellBit", err);
        (code, _, err) = await Run("record", "--set", "learning_rate=1", "--data", Data, "--store", Store, "--run", "x");
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("unknown setting 'learning_rate'", err);
        (code, _, err) = await Run("record", "--model", "resnet", "--data", Data, "--store", Store, "--run", "x");
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("--model", err);
        (code, _, err) = await Run("record", "--data", _tmp.Combine("nowhere"), "--store", Store, "--run", "x");
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.DoesNotContain("   at ", err);
        (code, _, err) = await Run("record", "--model", "vgg8", "--estimate", "--data", Data, "--store", Store, "--run", "x");
        Assert.NotEqual(0, code);   // VGG-8 takes 3x32x32 inputs, not MNIST
        await using (var store = await StoreAddress.Parse(Store).OpenForReading(Ct))
            Assert.Empty(await store.ListStreams("run-x", Ct));

        Assert.Equal(0, (await Run("record", "--epochs", "1", "--max-batches", "1", "--batch-size", "10", "--data", Data, "--store", Store, "--run", "taken", "--quiet")).Code);
        (code, _, err) = await Run("record", "--epochs", "1", "--max-batches", "1", "--data", Data, "--store", Store, "--run", "taken", "--quiet");
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains("already exists", err);
        (code, _, err) = await Run("record", "--resume", "taken", "--store", Store);
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains("already completed", err);
    }

    [Fact]
    public async Task A_run_killed_in_epoch_0_is_resumed_from_scratch_and_its_taken_name_says_what_to_do()
    {
        Assert.Equal(0, (await Run("record", "--epochs", "1", "--max-batches", "2", "--batch-size", "10", "--seed", "5", "--set", "d2dVari=0.05",
            "--data", Data, "--store", Store, "--run", "whole", "--quiet")).Code);
        // The same run as a kill in epoch 0 leaves it: RunStarted (its recorder gone), DeviceModelInitialized, a batch, no epoch.
        await using (var store = await StoreAddress.Parse(Store).OpenForWriting(Ct))
        {
            var events = new List<IMessage>();
            await foreach (var e in RunReader.ReadAll(store, StreamIds.Run("whole"), null, Ct)) events.Add(EventSerializer.Deserialize(e)!);
            foreach (var (run, pid) in new[] { ("killed", ExitedProcess.Id()), ("live", Environment.ProcessId) })
            {
                var started = ((RunStarted)events[0]).Clone();
                (started.Name, started.RunId, started.Owner.Pid) = (run, run, pid);
                await RecordedRuns.Append(store, run, Ct, started, events[1], events.OfType<BatchUpdateApplied>().First());
            }
        }
        // A run whose recorder still runs is not resumed under its feet.
        var (code, output, err) = await Run("record", "--resume", "live", "--store", Store, "--quiet");
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains($"run 'live' is being recorded right now by process {Environment.ProcessId}", err);

        // The name is taken: not "run the command again" (that fails the same way) but what to do instead.
        (code, output, err) = await Run("record", "--epochs", "1", "--data", Data, "--store", Store, "--run", "killed", "--quiet");
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains("already exists", err);
        Assert.Contains("--run NAME", err);
        Assert.Contains("./neurosim record --resume killed", err);
        Assert.DoesNotContain("again", err);

        (code, output, err) = await Run("record", "--resume", "killed", "--store", Store, "--quiet");   // its recorded settings, seed and data
        Assert.True(code == 0, err);
        Assert.Contains("resuming run 'killed' from epoch 0", output);
        Assert.Contains("run 'killed' completed: 1 epochs", output);
        await using (var store = await StoreAddress.Parse(Store).OpenForReading(Ct))
        {
            Assert.Equal(await RunReader.ReadBatchUpdates(store, "whole", Ct), await RunReader.ReadBatchUpdates(store, "killed", Ct));
            async Task<List<IMessage>> Traces(string run)
            {
                var list = new List<IMessage>();
                await foreach (var e in RunReader.ReadAll(store, StreamIds.Run(run), [EventTypeNames.LayerTraceRecorded, EventTypeNames.LayerDeviceStateRecorded], Ct))
                    list.Add(EventSerializer.Deserialize(e)!);
                return list;
            }
            Assert.Equal(await Traces("whole"), await Traces("killed"));
            Assert.Equal(RunStatus.Completed, (await RunReader.ReadSummary(store, "killed", Ct))!.Status);
        }
        (code, _, err) = await Run("record", "--resume", "whole", "--store", Store);
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains("already completed", err);
    }

    [Fact]
    public async Task Recording_into_a_server_store_keeps_its_checkpoints_there()
    {
        await using var server = await PostgresTestDatabase.Create(Ct);
        if (server is null) Assert.Skip(PostgresTestDatabase.SkipReason);
        var store = server.NewStore().ToString();
        var (code, output, err) = await Run("record", "--model", "mnist-mlp", "--epochs", "2", "--max-batches", "2", "--batch-size", "20",
            "--run", "pg", "--data", Data, "--store", store, "--quiet");
        Assert.True(code == 0, err);
        Assert.Contains("run 'pg' completed: 2 epochs", output);
        await using (var events = await StoreAddress.Parse(store).OpenForReading(Ct))
        {
            Assert.Equal(RunStatus.Completed, (await RunReader.ReadSummary(events, "pg", Ct))!.Status);
            Assert.NotNull(await events.GetStreamInfo(StreamIds.Checkpoint("pg", 1), Ct));
        }
        (code, _, err) = await Run("record", "--resume", "pg", "--store", store);
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains("already completed", err);
    }
}
