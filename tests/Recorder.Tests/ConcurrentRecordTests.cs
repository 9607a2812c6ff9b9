using System.Diagnostics;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>
/// Two recorders started at the same moment under one run name with different seeds (separate processes): one records
/// the run, the other stops with a conflict, and the stored run is one seed's run throughout (its RunStarted and every
/// epoch agree with a run of that seed recorded alone).
/// </summary>
public sealed class ConcurrentRecordTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static string RecorderDll => Path.Combine(GoldenData.Repository, "artifacts", "bin", "Recorder", "release", "NeuroSim.Replay.Recorder.dll");

    private async Task<(int Code, string Err)> Record(string store, string data, string run, int seed)
    {
        using var p = Process.Start(new ProcessStartInfo("dotnet", [RecorderDll, "record", "--model", "mnist-mlp", "--epochs", "2", "--batch-size", "20",
            "--max-batches", "2", "--data", data, "--store", store, "--run", run, "--seed", $"{seed}", "--quiet"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEndAsync(Ct);
        _ = p.StandardOutput.ReadToEndAsync(Ct);
        await p.WaitForExitAsync(Ct);
        return (p.ExitCode, await err);
    }

    private static async Task<(ulong Seed, List<double> Losses)> Read(string store, string run)
    {
        await using var events = await StoreAddress.Parse(store).OpenForReading(Ct);
        var summary = (await RunReader.ReadSummary(events, run, Ct))!;
        var losses = new List<double>();
        await foreach (var e in RunReader.ReadAll(events, StreamIds.Run(run), [EventTypeNames.EpochEvaluated], Ct))
        {
            var ev = EventSerializer.Deserialize<EpochEvaluated>(e);
            losses.AddRange([ev.Epoch, ev.TrainLoss, ev.TestLoss, ev.TestAccuracy]);
        }
        return (summary.Started.Seed, losses);
    }

    [Fact]
    public async Task Two_recorders_on_one_run_name_never_mix_their_runs()
    {
        Assert.True(File.Exists(RecorderDll), $"recorder not built: {RecorderDll}");
        var data = NpmDigits.Write(_tmp.Combine("npm"), 8);
        var store = "file:" + _tmp.Combine("race.db");
        Assert.Equal(0, (await Record(store, data, "solo-5", 5)).Code);
        Assert.Equal(0, (await Record(store, data, "solo-117", 117)).Code);
        var solo = new Dictionary<ulong, List<double>> { [5] = (await Read(store, "solo-5")).Losses, [117] = (await Read(store, "solo-117")).Losses };
        Assert.NotEqual(solo[5], solo[117]);

        for (var round = 0; round < 3; round++)
        {
            var run = $"same-{round}";
            var results = await Task.WhenAll(Record(store, data, run, 5), Record(store, data, run, 117));
            Assert.Equal(1, results.Count(r => r.Code == 0));
            var loser = results.Single(r => r.Code != 0);
            Assert.Equal(3, loser.Code);   // conflict
            Assert.DoesNotContain("run the command again", loser.Err);
            var (seed, losses) = await Read(store, run);
            Assert.Equal(solo[seed], losses);   // the stored run is wholly the run of the seed its RunStarted names
        }
    }
}
