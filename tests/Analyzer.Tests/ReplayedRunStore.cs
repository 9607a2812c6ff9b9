using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>
/// A store with what replays leave: a three-epoch run (synthetic V2.0 traces imported; recorded test accuracy 80, 85, 90 %),
/// replayed on two chips, with accuracy results at epoch 2 written as an accuracy replay writes them (AccuracyEstimated events).
/// </summary>
public static class ReplayedRunStore
{
    public static AccuracyEstimated Result(ReplayConfig chip, int epoch, double[] accuracies, params (string Key, string Value)[] keys)
    {
        var accuracy = AccuracyConfigParser.Apply(chip.Config, AccuracyConfig.Default, keys.Select(k => (k.Key, k.Value, 0)), "test").Accuracy;
        var mean = accuracies.Average();
        var e = new AccuracyEstimated
        {
            Epoch = epoch, ConfigHash = chip.Hash, AccuracyHash = AccuracyIdentity.Hash(accuracy), ModelVersion = "test", Seed = 1,
            Instances = accuracies.Length, MeanAccuracy = mean, WorstAccuracy = accuracies.Min(), TestImages = 1000, DataSet = "mnist",
            StdAccuracy = accuracies.Length > 1 ? Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1)) : 0,
        };
        e.InstanceAccuracy.AddRange(accuracies);
        foreach (var (k, v) in AccuracyIdentity.Differences(accuracy)) e.Accuracy[k] = v;
        return e;
    }

    public static async Task<IEventStore> Create(TempDirectory tmp, string run, CancellationToken ct)
    {
        var store = await StoreAddress.Parse("file:" + tmp.Combine($"{run}.db")).OpenOrCreateForWriting(ct);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var dir = SyntheticV2Trace.Create(tmp.Combine($"t{epoch}"), SyntheticV2Trace.SmallVgg, seed: 40 + epoch);
            await V2Importer.Import(store, V2TraceFolder.Read(dir, cancellationToken: ct), run, epoch, ct);
        }
        await RecordedRuns.Append(store, run, ct, [.. Enumerable.Range(0, 3).Select(e => new EpochEvaluated
        {
            Epoch = e, TestAccuracy = 80 + 5 * e, TrainAccuracy = 78 + 7 * e, TrainLoss = 40 - 10 * e, TestLoss = 42 - 9 * e,
        })]);
        var small = HardwareConfigParser.Apply(HardwareConfig.Default, [("numRowSubArray", "32", 0), ("numColSubArray", "32", 0)], "test");
        var rram = new ReplayConfig("rram-small", small);
        var fefet = new ReplayConfig("fefet-small", HardwareConfigParser.Apply(small, [("memcelltype", "3", 0)], "test"));
        await ReplayEngine.Run(store, run, [0, 1, 2], [rram, fefet], false, 2, null, ct);
        var results = new[]
        {
            (rram, Result(rram, 2, [88.5])),
            (rram, Result(rram, 2, [86.75, 86.25, 85.75], ("vari", "0.1"))),
            (fefet, Result(fefet, 2, [89.75])),
        };
        foreach (var (chip, e) in results)
        {
            var stream = StreamIds.Replay(run, chip.Id);
            await store.AppendToStream(stream, ExpectedVersion.Any, [EventSerializer.ToNewEvent(e, $"{stream}/accuracy/{e.AccuracyHash}")], ct);
        }
        return store;
    }
}
