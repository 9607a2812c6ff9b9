using System.Text.RegularExpressions;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// The drop-in for the V2.0 wrapper's NeuroSIM/main, as the wrapper uses it: installed in a NeuroSIM folder, called by
/// layer_record/trace_command.sh epoch after epoch from the wrapper's working directory (no PyTorch needed: the traces
/// and the wrapper's own files are written here as train.py writes them, its unflushed rows included).
/// </summary>
public sealed class V2MainDropInTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static string ReplayerDll => Path.Combine(GoldenData.Repository, "artifacts", "bin", "Replayer", "release", "NeuroSim.Replay.Replayer.dll");
    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    /// <summary>What trace_command.sh does: run ./NeuroSIM/main with the epoch's arguments from the working directory.</summary>
    private static Task<ProcessOutcome> TraceCommand(string work) =>
        PipedProcess.Run("/bin/bash", ["./layer_record/trace_command.sh"], TimeSpan.FromMinutes(3), Ct, work);

    /// <summary>
    /// A wrapper's working directory with epoch 0's traces and a stand-in for the original main, and the drop-in installed in
    /// its NeuroSIM folder for <paramref name="run"/> with a chip file of <paramref name="chipText"/>.
    /// </summary>
    private async Task<(string Work, string NeuroSim, string Chip, string Store)> InstallInWrapper(string run, string chipText, int seed)
    {
        Assert.True(File.Exists(ReplayerDll), $"not built: {ReplayerDll}");
        var work = _tmp.Combine("Training_pytorch");
        var neuroSim = Path.Combine(work, "NeuroSIM");
        SyntheticV2Trace.Create(work, SyntheticV2Trace.SmallVgg, epoch: 0, seed: seed);
        File.WriteAllText(Path.Combine(neuroSim, "main"), "#!/bin/sh\necho the original main\nexit 42\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(neuroSim, "main"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var chip = _tmp.Combine("params.txt");
        File.WriteAllText(chip, chipText);
        var store = _tmp.Combine("runs.db");
        var install = await PipedProcess.Run("dotnet", [ReplayerDll, "install-v2-main", neuroSim, "--run", run, "--store", store, "--chip", chip],
            TimeSpan.FromMinutes(2), Ct);
        Assert.True(install.ExitCode == 0, install.Error);
        Assert.Contains("kept the original main", install.Output);
        return (work, neuroSim, chip, store);
    }

    [Fact]
    public async Task The_installed_launcher_records_every_epoch_and_writes_exactly_what_estimate_v2_writes()
    {
        var (work, neuroSim, chip, store) = await InstallInWrapper("wrapped", "numRowSubArray=32\nnumColSubArray=32\n", seed: 1);

        // train.py at its start: the header of NeuroSim_Output.csv, and its own files, opened for appending.
        File.WriteAllText(Path.Combine(work, "NeuroSim_Output.csv"), V2ResultWriter.OutputHeader + "\n");
        File.WriteAllText(Path.Combine(work, V2WrapperFiles.EvaluationFile), "epoch,average loss,accuracy\n");
        File.WriteAllText(Path.Combine(work, V2WrapperFiles.WeightFile), "1_mean,2_mean,1_std,2_std\n");
        File.WriteAllText(Path.Combine(work, V2WrapperFiles.DeltaFile), "1_mean,2_mean,1_std,2_std\n");
        for (var epoch = 0; epoch < 3; epoch++)
        {
            if (epoch > 0) SyntheticV2Trace.Create(work, SyntheticV2Trace.SmallVgg, epoch: epoch, seed: epoch + 1);
            File.AppendAllText(Path.Combine(work, V2WrapperFiles.WeightFile), $"0.0{epoch},0.02,0.1,0.2\n");
            File.AppendAllText(Path.Combine(work, V2WrapperFiles.DeltaFile), $"0.00{epoch},0.002,0.01,0.02\n");
            // The epoch's test row is not flushed yet when main runs (only part of it has reached the file): the next call reads it.
            if (epoch > 0) File.AppendAllText(Path.Combine(work, V2WrapperFiles.EvaluationFile), $"{40 + epoch - 1}.000000\n");
            File.AppendAllText(Path.Combine(work, V2WrapperFiles.EvaluationFile), $"{epoch}.000000,{2.0 - epoch / 10.0:F6},");

            var copy = _tmp.Combine($"epoch{epoch}");
            CopyFolder(Path.Combine(work, "layer_record"), Path.Combine(copy, "layer_record"));
            CopyFolder(neuroSim, Path.Combine(copy, "NeuroSIM"));
            var call = await TraceCommand(work);
            Assert.True(call.ExitCode == 0, $"epoch {epoch}: exit {call.ExitCode}: {call.Error}");
            Assert.Contains($"epoch {epoch} recorded in run 'wrapped'", call.Error);

            // The same epoch through estimate-v2: the same row, breakdown and console report (ours ends with main's run time).
            var expected = _tmp.Combine($"expected{epoch}");
            var (code, _, err) = await Run("estimate-v2", copy, "--params", chip, "--out", expected, "--report");
            Assert.True(code == 0, err);
            var rows = File.ReadAllLines(Path.Combine(work, "NeuroSim_Output.csv"));
            Assert.Equal(epoch + 2, rows.Length);
            Assert.Equal(File.ReadAllLines(Path.Combine(expected, "NeuroSim_Output.csv"))[1], rows[^1]);
            Assert.Equal(File.ReadAllText(Path.Combine(expected, "NeuroSim_Results_Each_Epoch", $"NeuroSim_Breakdown_Epoch_{epoch}.csv")),
                File.ReadAllText(Path.Combine(work, "NeuroSim_Results_Each_Epoch", $"NeuroSim_Breakdown_Epock_{epoch}.csv")));
            var report = File.ReadAllText(Path.Combine(expected, "report.txt"));
            Assert.StartsWith(report, call.Output);
            Assert.Matches(new Regex(@"^\n-+ Simulation Performance -+\nTotal Run-time of NeuroSim: \d+ seconds\n-+ Simulation Performance -+\n$"), call.Output[report.Length..]);
        }

        // A repeated call (the same traces): accepted, nothing imported twice; main's row is appended again, as main would.
        var again = await TraceCommand(work);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("epoch 2 already held", again.Error);

        await using (var events = await StoreAddress.Parse(store).OpenForReading(Ct))
        {
            var run = await RunReader.ReadSummary(events, "wrapped", Ct);
            Assert.NotNull(run);
            Assert.Equal("v2-wrapper", run.Started.Model);
            Assert.Equal([0, 1, 2], run.TracedEpochs.Order());
            // Epochs 0 and 1 were evaluated (their rows reached the file by the next call); epoch 2's row is still partial.
            Assert.Equal([0, 1], run.Evaluations.Select(e => e.Epoch).Order());
            Assert.Equal(40.0, run.Evaluations.Single(e => e.Epoch == 0).TestAccuracy);
            Assert.Equal(1.9, run.Evaluations.Single(e => e.Epoch == 1).TestLoss, 12);
            var config = new ReplayConfig("v2-main", HardwareConfig.Default with { NumRowSubArray = 32, NumColSubArray = 32 });
            Assert.Equal([0, 1, 2], (await ReplayEngine.StoredEpochs(events, "wrapped", config, Ct)).Order());
        }

        // A failing call (a weight file cut short): exit non-zero, the reason on stderr naming the file; nothing imported, no file touched.
        SyntheticV2Trace.Create(work, SyntheticV2Trace.SmallVgg, epoch: 3, seed: 9);
        var weights = Directory.GetFiles(Path.Combine(work, "layer_record"), "weight*.csv").Where(f => !f.Contains("Old", StringComparison.Ordinal)).Order().First();
        File.WriteAllLines(weights, File.ReadAllLines(weights)[..2]);
        var outputBefore = File.ReadAllText(Path.Combine(work, "NeuroSim_Output.csv"));
        var failed = await TraceCommand(work);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains(Path.GetFileName(weights), failed.Error);
        Assert.Equal(outputBefore, File.ReadAllText(Path.Combine(work, "NeuroSim_Output.csv")));
        Assert.False(File.Exists(Path.Combine(work, "NeuroSim_Results_Each_Epoch", "NeuroSim_Breakdown_Epock_3.csv")));
        await using (var events = await StoreAddress.Parse(store).OpenForReading(Ct))
            Assert.Equal([0, 1, 2], (await RunReader.ReadSummary(events, "wrapped", Ct))!.TracedEpochs.Order());

        // train.py ends: its last row reaches the file. Uninstalling imports it, then puts the original main back.
        File.AppendAllText(Path.Combine(work, V2WrapperFiles.EvaluationFile), "42.000000\n");
        var uninstall = await PipedProcess.Run("dotnet", [ReplayerDll, "uninstall-v2-main", neuroSim], TimeSpan.FromMinutes(2), Ct);
        Assert.True(uninstall.ExitCode == 0, uninstall.Error);
        Assert.Contains("imported 1 row(s)", uninstall.Output);
        await using (var events = await StoreAddress.Parse(store).OpenForReading(Ct))
            Assert.Equal(42.0, (await RunReader.ReadSummary(events, "wrapped", Ct))!.Evaluations.Single(e => e.Epoch == 2).TestAccuracy);
        var original = await TraceCommand(work);
        Assert.Equal(42, original.ExitCode);
        Assert.Contains("the original main", original.Output);
        Assert.False(File.Exists(Path.Combine(neuroSim, "neurosim-v2-main.toml")));
    }

    [Fact]
    public async Task A_chip_file_naming_chipModel_v21_makes_the_drop_in_compute_V21_numbers_from_V21_defaults()
    {
        // A V2.1 wrapper's Param.cpp changes, relative to V2.1's Param.cpp: the line naming the model may come anywhere.
        var (work, neuroSim, _, store) = await InstallInWrapper("wrapped21", "numRowSubArray=32\nnumColSubArray=32\nchipModel=v2.1\n", seed: 3);
        File.WriteAllText(Path.Combine(work, "NeuroSim_Output.csv"), V2ResultWriter.OutputHeader + "\n");
        var copy = _tmp.Combine("epoch0");
        CopyFolder(Path.Combine(work, "layer_record"), Path.Combine(copy, "layer_record"));
        CopyFolder(neuroSim, Path.Combine(copy, "NeuroSIM"));
        var call = await TraceCommand(work);
        Assert.True(call.ExitCode == 0, call.Error);

        File.WriteAllText(_tmp.Combine("relative.txt"), "numRowSubArray=32\nnumColSubArray=32\n");
        var v21 = _tmp.Combine("v21");
        var v20 = _tmp.Combine("v20");
        Assert.Equal(0, (await Run("estimate-v2", copy, "--chip-model", "v2.1", "--params", _tmp.Combine("relative.txt"), "--out", v21)).Code);
        Assert.Equal(0, (await Run("estimate-v2", copy, "--params", _tmp.Combine("relative.txt"), "--out", v20)).Code);
        var row = File.ReadAllLines(Path.Combine(work, "NeuroSim_Output.csv"))[^1];
        Assert.Equal(File.ReadAllLines(Path.Combine(v21, "NeuroSim_Output.csv"))[1], row);
        Assert.NotEqual(File.ReadAllLines(Path.Combine(v20, "NeuroSim_Output.csv"))[1], row);

        // The stored replay is the V2.1 chip's: V2.1's FeFET defaults, the model named in its configuration.
        var expected = HardwareConfig.DefaultV21 with { NumRowSubArray = 32, NumColSubArray = 32 };
        await using var events = await StoreAddress.Parse(store).OpenForReading(Ct);
        Assert.Equal([0], (await ReplayEngine.StoredEpochs(events, "wrapped21", new ReplayConfig("v2-main", expected), Ct)).Order());
        Assert.Contains(ConfigIdentity.Differences(expected), d => d.Key == "chipModel" && d.Value == "v2.1");
    }

    [Fact]
    public async Task Without_settings_the_drop_in_says_what_to_configure_and_touches_nothing()
    {
        var work = _tmp.Combine("w");
        SyntheticV2Trace.Create(work, SyntheticV2Trace.SmallVgg);
        var args = File.ReadAllText(Path.Combine(work, "layer_record", "trace_command.sh")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        // The wrapper calls main from its working directory: so does this test, in a process of its own.
        var outcome = await PipedProcess.Run("dotnet", [ReplayerDll, "v2-main", .. args], TimeSpan.FromMinutes(2), Ct, work);
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("no store configured", outcome.Error);
        Assert.Contains("neurosim-v2-main.toml", outcome.Error);
        Assert.False(File.Exists(Path.Combine(work, "NeuroSim_Output.csv")));

        File.WriteAllText(Path.Combine(work, "NeuroSIM", "neurosim-v2-main.toml"), "store = \"file:x.db\"\nrun = \"r\"\ncolour = \"blue\"\n");
        outcome = await PipedProcess.Run("dotnet", [ReplayerDll, "v2-main", .. args], TimeSpan.FromMinutes(2), Ct, work);
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("neurosim-v2-main.toml:3: unknown key 'colour'", outcome.Error);
        Assert.False(File.Exists(Path.Combine(work, "x.db")));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
    }
}
