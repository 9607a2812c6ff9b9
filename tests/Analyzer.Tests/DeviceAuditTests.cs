using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>The device audit screen on runs written event by event (as the recorder writes them).</summary>
public sealed class DeviceAuditTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static async Task Run(IEventStore store, string name, double c2c, double accuracy, long ltp)
    {
        var stream = StreamIds.Run(name);
        var started = new RunStarted { RunId = name, Name = name, Origin = RunOrigin.Recorded, Model = "mnist-mlp", PlannedEpochs = 1,
            Device = new DeviceModel { NonlinearityLtp = 1.75, NonlinearityLtd = 1.46, MaxLevel = 32, C2CVariation = c2c } };
        started.Network.Add(new NetworkLayer { Name = "FC0_", IfmHeight = 1, IfmWidth = 1, IfmChannels = 4, KernelHeight = 1, KernelWidth = 1, OfmChannels = 2, Stride = 1 });
        var batch = new BatchUpdateApplied { Epoch = 0, Batch = 0 };
        batch.Layers.Add(new LayerUpdateStats { LayerIndex = 0, LtpPulses = ltp, LtdPulses = 2 * ltp });
        var state = new LayerDeviceStateRecorded { Epoch = 0, LayerIndex = 0, FractionAtGmin = 0.25, FractionAtGmax = 0.5 };
        state.LevelHistogram.AddRange([4, 0, 4]);
        IEnumerable<Google.Protobuf.IMessage> events =
            [started, batch, new EpochTraced { Epoch = 0, Layers = 1 }, state, new EpochEvaluated { Epoch = 0, TestAccuracy = accuracy }, new RunCompleted { EpochsCompleted = 1 }];
        await store.AppendToStream(stream, ExpectedVersion.NoStream, [.. events.Select((m, i) => EventSerializer.ToNewEvent(m, $"{stream}/{i}"))], Ct);
    }

    [Fact]
    public async Task Runs_of_a_model_with_other_devices_side_by_side_per_epoch()
    {
        await using var store = await StoreAddress.Parse("file:" + _tmp.Combine("audit.db")).OpenOrCreateForWriting(Ct);
        await Run(store, "low-noise", 0.003, 93.4, 100);
        await Run(store, "high-noise", 0.3, 89.2, 140);
        var screen = new DeviceAuditScreen(new StoreQueries(store), "mnist-mlp");
        await screen.Load(Ct);
        Assert.Equal(2, screen.Rows.Count);
        var high = screen.Rows.Single(r => r[1] == "high-noise");
        Assert.Contains("C2C 0.3", high[2]);
        Assert.Equal("89.20 %", high[3]);
        Assert.Equal(("140", "280"), (high[4], high[5]));
        Assert.Equal(("25.00 %", "50.00 %"), (high[6], high[7]));
        Assert.Equal("█ █", high[8]);  // the level histogram: 4 cells at each end, none between
        Assert.Equal("-", high[9]);   // no replay on the default chip
        Assert.Contains("2 recorded runs", screen.Header);

        var runs = new RunsScreen(new StoreQueries(store));
        await runs.Load(Ct);
        var rowA = runs.Rows.ToList().FindIndex(r => r[0] == "low-noise");
        var rowB = runs.Rows.ToList().FindIndex(r => r[0] == "high-noise");
        Assert.Contains("marked", (await runs.Key('c', rowA, Ct)).Status);
        var compare = (await runs.Key('c', rowB, Ct)).Next;
        Assert.IsType<CompareRunsScreen>(compare);
        await compare!.Load(Ct);
        var row = Assert.Single(compare.Rows);
        Assert.Equal(["0", "93.40 %", "89.20 %", "-4.20", "0", "0", "300", "420", "+40.0 %"], row);
    }

    [Fact]
    public async Task A_run_charts_accuracy_and_loss_and_lists_its_epochs_in_a_pane()
    {
        await using var store = await StoreAddress.Parse("file:" + _tmp.Combine("chart.db")).OpenOrCreateForWriting(Ct);
        var stream = StreamIds.Run("charted");
        var started = new RunStarted { RunId = "charted", Name = "charted", Origin = RunOrigin.Recorded, Model = "mnist-mlp", PlannedEpochs = 3,
            Device = new DeviceModel { NonlinearityLtp = 1.75, NonlinearityLtd = 1.46, MaxLevel = 32, C2CVariation = 0.003 } };
        started.Network.Add(new NetworkLayer { Name = "FC0_", IfmHeight = 1, IfmWidth = 1, IfmChannels = 4, KernelHeight = 1, KernelWidth = 1, OfmChannels = 2, Stride = 1 });
        List<Google.Protobuf.IMessage> events = [started];
        double[] accuracy = [80, 90, 93], loss = [0.9, 0.4, 0.2];
        for (var e = 0; e < 3; e++) events.Add(new EpochEvaluated { Epoch = e, TestAccuracy = accuracy[e], TestLoss = loss[e], TrainLoss = loss[e] + 0.1 });
        await store.AppendToStream(stream, ExpectedVersion.NoStream, [.. events.Select((m, i) => EventSerializer.ToNewEvent(m, $"{stream}/{i}"))], Ct);

        var screen = new RunScreen(new StoreQueries(store), "charted");
        await screen.Load(Ct);
        var lines = screen.Header.Split('\n');
        Assert.StartsWith("accuracy ▁", lines[0]);    // lowest first, rising
        Assert.Contains("█", lines[0]);
        Assert.Contains("last 93.00 %", lines[0]);
        Assert.StartsWith("loss     █", lines[1]);    // highest first, falling
        Assert.Contains("last 0.2", lines[1]);
        Assert.Equal(["Epochs", "Replays"], screen.Panes.Select(p => p.Name));
        Assert.Equal(3, screen.Panes[RunScreen.EpochsPane].Rows.Count);
        Assert.Empty(screen.Panes[RunScreen.ReplaysPane].Rows);
        Assert.Equal("93.000 %", screen.Panes[RunScreen.EpochsPane].Rows[2][3]);
    }
}
