using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>Replays of one run started at the same moment (as a worker fleet does): every pair reported stored is stored.</summary>
public sealed class ConcurrentReplayTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("concurrent.db");
    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    [Fact]
    public async Task Three_replays_with_overlapping_configurations_and_epochs_store_every_pair()
    {
        for (var epoch = 0; epoch < 4; epoch++)
        {
            var dir = SyntheticV2Trace.Create(_tmp.Combine($"t{epoch}"), SyntheticV2Trace.SmallVgg, seed: 20 + epoch);
            var (code, _, err) = await Run("import-v2", dir, "--run", "race", "--epoch", $"{epoch}", "--store", Store);
            Assert.True(code == 0, err);
        }
        string[] chip = ["--set", "numRowSubArray=32", "--set", "numColSubArray=32"];
        // Rounds of three replays at once on the same configurations (named differently) and overlapping epochs.
        for (var round = 0; round < 4; round++)
        {
            string[] sweep = ["--sweep", $"readVoltage={0.5 + round * 0.01},{0.55 + round * 0.01}", "--sweep", "technode=32,22"];
            var calls = new[] { "0-1", "2-3", "1-2" }.Select((epochs, i) => Task.Run(() =>
                Run(["replay", "race", "--store", Store, "--epochs", epochs, "--quiet", "--jobs", "2", .. chip, .. sweep]), Ct)).ToArray();
            foreach (var (code, output, err) in await Task.WhenAll(calls))
            {
                Assert.True(code == 0, err);
                var counts = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) pair\(s\) estimated, (\d+) reused");
                Assert.True(counts.Success, output);
                Assert.Equal(8, int.Parse(counts.Groups[1].Value) + int.Parse(counts.Groups[2].Value));
            }
        }
        await using var store = await StoreAddress.Parse(Store).OpenForReading(Ct);
        var replays = await store.ListStreams(StreamIds.ReplayPrefix, Ct);
        Assert.Equal(16, replays.Count);
        foreach (var stream in replays)
        {
            var epochs = new List<int>();
            await foreach (var e in Core.Runs.RunReader.ReadAll(store, stream.StreamId, [EventTypeNames.EpochEstimated], Ct))
                epochs.Add(EventSerializer.Deserialize<Core.Events.Contracts.EpochEstimated>(e).Epoch);
            Assert.Equal([0, 1, 2, 3], epochs.Distinct().Order());
            Assert.Equal(epochs.Count, epochs.Distinct().Count());   // each pair once
        }
    }
}
