using NeuroSim.Replay.Core.Circuit.Chip;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Hardware;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Recording;
using NeuroSim.Replay.Recorder.Training;
using NeuroSim.Replay.TestSupport;
using TrainingSettings = NeuroSim.Replay.Recorder.Training.TrainingSettings;
using DeviceModel = NeuroSim.Replay.Recorder.Device.DeviceModel;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>Training into a real SQLite store: the events, their order, determinism, and the chip model on a recorded epoch.</summary>
public sealed class RecordingTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static readonly TrainingSettings Quick = new() { Epochs = 2, BatchSize = 20, MaxBatches = 2, Seed = 11 };

    private async Task<(IEventStore Store, TrainingResult Result)> Record(string storeName, string run, TrainingSettings settings, DeviceModel device)
    {
        var store = await StoreAddress.Parse("file:" + _tmp.Combine(storeName)).OpenForWriting(Ct);
        using var data = MnistNpm.Load(DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm-" + storeName), 8));
        var result = await new Trainer(Models.MnistMlp, data, settings, device).Run(run, new StoreRunSink(store, run), null, Ct);
        return (store, result);
    }

    private static async Task<List<(string Type, Google.Protobuf.IMessage Message)>> Events(IEventStore store, string run)
    {
        var list = new List<(string, Google.Protobuf.IMessage)>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Run(run), null, Ct))
            list.Add((e.Type, EventSerializer.Deserialize(e)!));
        return list;
    }

    [Fact]
    public async Task A_run_records_every_batch_and_whole_epochs_that_the_chip_model_can_estimate()
    {
        var (store, result) = await Record("a.db", "quick", Quick, DeviceModel.V2Default);
        await using var _ = store as IAsyncDisposable;
        Assert.Equal(2, result.EpochsCompleted);
        var events = await Events(store, "quick");
        var types = events.Select(e => e.Message.Descriptor.Name).ToList();
        Assert.Equal("RunStarted", types[0]);
        Assert.Equal("DeviceModelInitialized", types[1]);
        Assert.Equal("RunCompleted", types[^1]);
        Assert.Equal(4, types.Count(t => t == "BatchUpdateApplied"));
        Assert.Equal(4, types.Count(t => t == "LayerTraceRecorded"));          // 2 layers x 2 epochs
        Assert.Equal(2, types.Count(t => t == "EpochTraced"));
        Assert.Equal(4, types.Count(t => t == "LayerDeviceStateRecorded"));
        Assert.Equal(2, types.Count(t => t == "EpochEvaluated"));
        var started = (RunStarted)events[0].Message;
        Assert.Equal("mnist-mlp", started.Model);
        Assert.Equal(1.75, started.Device.NonlinearityLtp);
        var batch = events.Select(e => e.Message).OfType<BatchUpdateApplied>().First();
        Assert.Equal(2, batch.Layers.Count);
        Assert.True(batch.Layers.Sum(l => l.LtpPulses + l.LtdPulses) > 0, "an update moves devices");
        Assert.True(batch.Layers.All(l => l.CellsChanged > 0));
        var state = events.Select(e => e.Message).OfType<LayerDeviceStateRecorded>().First();
        Assert.Equal(32, state.LevelHistogram.Count);
        Assert.Equal(784 * 512, state.LevelHistogram.Sum());

        var summary = await RunReader.ReadSummary(store, "quick", Ct);
        Assert.Equal(RunStatus.Completed, summary!.Status);
        Assert.Equal(new[] { 0, 1 }, summary.TracedEpochs);
        var trace = await RunReader.ReadEpochTrace(store, "quick", 1, Ct);
        Assert.Equal(2, trace.Layers.Length);
        Assert.Equal(784 * 512, trace.Layers[0].Weights.Length);
        Assert.All(trace.Layers[0].Weights, w => Assert.Equal(0, (w * 16) % 1, 9));   // on the 5-bit grid
        Assert.Equal((784, 8), (trace.Layers[0].Input.Rows, trace.Layers[0].Input.Columns));
        // The default V2.0 chip accepts the default MNIST network and estimates the recorded epoch.
        var estimate = new ChipDesign(summary.Network, HardwareConfig.Default, trace.WeightBits, trace.ActivationBits).Estimate(trace, Ct);
        Assert.True(estimate.Total.EnergyFW > 0 && double.IsFinite(estimate.Total.EnergyWU) && estimate.Total.EnergyWU > 0);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run()
    {
        var (a, _) = await Record("s1.db", "same", Quick, DeviceModel.V2Default);
        var (b, _) = await Record("s2.db", "same", Quick, DeviceModel.V2Default);
        await using var da = a as IAsyncDisposable;
        await using var db = b as IAsyncDisposable;
        var ea = (await Events(a, "same")).Where(e => e.Message is BatchUpdateApplied or LayerTraceRecorded).Select(e => e.Message).ToList();
        var eb = (await Events(b, "same")).Where(e => e.Message is BatchUpdateApplied or LayerTraceRecorded).Select(e => e.Message).ToList();
        Assert.Equal(ea.Count, eb.Count);
        for (var i = 0; i < ea.Count; i++) Assert.Equal(ea[i], eb[i]);
        var (c, _) = await Record("s3.db", "same", Quick with { Seed = 12 }, DeviceModel.V2Default);
        await using var dc = c as IAsyncDisposable;
        var ec = (await Events(c, "same")).Select(e => e.Message).OfType<BatchUpdateApplied>().ToList();
        Assert.NotEqual(ea.OfType<BatchUpdateApplied>().First(), ec.First());
    }

    [Fact]
    public async Task A_run_name_in_use_is_refused_before_anything_is_written()
    {
        var (store, _) = await Record("dup.db", "taken", Quick with { Epochs = 1, MaxBatches = 1 }, DeviceModel.V2Default);
        await using var _ = store as IAsyncDisposable;
        var before = (await Events(store, "taken")).Count;
        using var data = MnistNpm.Load(DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm-dup2"), 8));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new Trainer(Models.MnistMlp, data, Quick, DeviceModel.V2Default).Run("taken", new StoreRunSink(store, "taken"), null, Ct));
        Assert.Contains("taken", e.Message);
        Assert.Equal(before, (await Events(store, "taken")).Count);
    }
}
