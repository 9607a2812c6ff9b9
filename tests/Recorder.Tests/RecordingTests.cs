using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.EventStore;
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
        var store = await StoreAddress.Parse("file:" + _tmp.Combine(storeName)).OpenOrCreateForWriting(Ct);
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
    public async Task Replays_of_a_recorded_run_charge_the_weight_update_of_every_recorded_batch()
    {
        var (store, _) = await Record("wu.db", "wu", Quick with { Epochs = 1, MaxBatches = 3 }, DeviceModel.V2Default);
        await using var _ = store as IAsyncDisposable;
        var config = new Core.Replays.ReplayConfig("default", HardwareConfig.Default);
        var results = await Core.Replays.ReplayEngine.Run(store, "wu", [0], [config], force: false, jobs: 1, null, Ct);
        var r = Assert.Single(results);
        var batches = (await Events(store, "wu")).Select(e => e.Message).OfType<BatchUpdateApplied>().ToList();
        Assert.Equal(3, batches.Count);
        double expected = 0;
        foreach (var layer in r.Figures.Layers)
        {
            long Pulses(BatchUpdateApplied b) => b.Layers[layer.Layer - 1].LtpPulses + b.Layers[layer.Layer - 1].LtdPulses;
            expected += layer.EnergyWU / HardwareConfig.Default.NumIteration * batches.Sum(Pulses) / Pulses(batches[^1]);
        }
        Assert.Equal(expected, r.Event.WuEnergyAllBatchesJ, expected * 1e-12);
        Assert.True(r.Event.WuEnergyAllBatchesJ > 0 && r.Event.WuEnergyAllBatchesJ < r.Figures.Total.EnergyWU, "3 batches cost less than V2.0's last update x 250");
        // Stored: a second replay reads the same figures back.
        var again = Assert.Single(await Core.Replays.ReplayEngine.Run(store, "wu", [0], [config], false, 1, null, Ct));
        Assert.True(again.Reused);
        Assert.Equal(r.Event.WuEnergyAllBatchesJ, again.Event.WuEnergyAllBatchesJ);
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

    /// <summary>
    /// Passes events on until batch <paramref name="failAtBatch"/> of epoch <paramref name="failAtEpoch"/>, then fails: like a crash
    /// (RunAborted written), or, <paramref name="killed"/>, like a killed process (what was handed over lands, nothing more).
    /// </summary>
    private sealed class CrashingSink(StoreRunSink inner, int failAtEpoch, int failAtBatch = 1, bool killed = false) : IRunSink
    {
        public Task Started(RunStarted started, DeviceModelInitialized device, CancellationToken ct) => inner.Started(started, device, ct);
        public Task Resumed(RunResumed resumed, CancellationToken ct) => inner.Resumed(resumed, ct);
        public Task EpochStarted(EpochStarted epoch, CancellationToken ct) => inner.EpochStarted(epoch, ct);
        public Task Batch(BatchUpdateApplied batch, CancellationToken ct) =>
            batch.Epoch == failAtEpoch && batch.Batch == failAtBatch ? throw new IOException("simulated crash") : inner.Batch(batch, ct);
        public Task EpochEnded(int epoch, IReadOnlyList<CapturedTrace> traces, IReadOnlyList<LayerDeviceStateRecorded> states, EpochEvaluated evaluation, CancellationToken ct) =>
            inner.EpochEnded(epoch, traces, states, evaluation, ct);
        public Task Completed(RunCompleted completed, CancellationToken ct) => inner.Completed(completed, ct);
        public Task Aborted(RunAborted aborted, CancellationToken ct) => killed ? inner.Flush() : inner.Aborted(aborted, ct);
    }

    /// <summary>What a run trained: its batches (the latest recording of each), traces, device states and evaluations without their timing.</summary>
    private static async Task<List<Google.Protobuf.IMessage>> Trained(IEventStore store, string run)
    {
        var list = new List<Google.Protobuf.IMessage>(await RunReader.ReadBatchUpdates(store, run, Ct));
        foreach (var m in (await Events(store, run)).Select(e => e.Message))
            switch (m)
            {
                case LayerTraceRecorded or LayerDeviceStateRecorded: list.Add(m); break;
                case EpochEvaluated ev: var copy = ev.Clone(); copy.Seconds = 0; list.Add(copy); break;
            }
        return list;
    }

    /// <summary>Run "r" recorded whole into NAME-whole.db, and into NAME-stopped.db through the sink <paramref name="stopping"/> that stops it (with checkpoints).</summary>
    /// <param name="checkpointsInStore">Keep the stopped run's checkpoints in its store's streams (as a server store does) instead of files.</param>
    private async Task<(IEventStore Whole, IEventStore Stopped, ICheckpointStore Files)> WholeAndStopped(string name, DataSet data,
        TrainingSettings settings, DeviceModel device, Func<IEventStore, IRunSink> stopping, bool checkpointsInStore = false)
    {
        var whole = await StoreAddress.Parse("file:" + _tmp.Combine($"{name}-whole.db")).OpenOrCreateForWriting(Ct);
        await new Trainer(Models.MnistMlp, data, settings, device).Run("r", new StoreRunSink(whole, "r"), null, Ct, new CheckpointFiles(_tmp.Combine($"ck-{name}-whole")));
        var stopped = await StoreAddress.Parse("file:" + _tmp.Combine($"{name}-stopped.db")).OpenOrCreateForWriting(Ct);
        ICheckpointStore files = checkpointsInStore ? new StoreCheckpoints(stopped, "r") : new CheckpointFiles(_tmp.Combine($"ck-{name}-stopped"));
        await Assert.ThrowsAsync<IOException>(() => new Trainer(Models.MnistMlp, data, settings, device).Run("r", stopping(stopped), null, Ct, files));
        return (whole, stopped, files);
    }

    [Fact]
    public async Task A_run_killed_in_its_first_epoch_resumes_from_scratch_exactly_as_if_it_had_never_stopped()
    {
        var settings = Quick with { Epochs = 2, MaxBatches = 3 };
        var device = DeviceModel.V2Default with { D2DVariation = 0.1 };
        using var data = MnistNpm.Load(DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm-scratch"), 8));
        var (whole, killed, files) = await WholeAndStopped("killed0", data, settings, device,
            store => new CrashingSink(new StoreRunSink(store, "r", TimeSpan.Zero), failAtEpoch: 0, failAtBatch: 2, killed: true));
        await using var dw = whole as IAsyncDisposable;
        await using var dk = killed as IAsyncDisposable;
        var stopped = await RunReader.ReadSummary(killed, "r", Ct);
        Assert.Empty(stopped!.TracedEpochs);
        Assert.Equal(2, (await RunReader.ReadBatchUpdates(killed, "r", Ct)).Count);   // batches 0 and 1 of epoch 0 were written
        var recorded = (await Events(killed, "r")).Select(e => e.Message).OfType<DeviceModelInitialized>().Single();

        // The device model drawn again must be the recorded one: a different record is refused before anything is written.
        var tampered = recorded.Clone();
        var d2d = TensorCodec.DecodeUnits(tampered.Layers[1].D2DNonlinearityLtp, "D2D");
        d2d[7] += 1;
        tampered.Layers[1].D2DNonlinearityLtp = TraceEncoder.Encode(new DecimalMatrix(1, d2d.Length, 5, d2d));
        var before = (await Events(killed, "r")).Count;
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => new Trainer(Models.MnistMlp, data, settings, device)
            .Run("r", new StoreRunSink(killed, "r"), null, Ct, files, ResumePoint.FromScratch(1, tampered)));
        Assert.Contains("run 'r'", refused.Message);
        Assert.Equal(before, (await Events(killed, "r")).Count);

        var resumed = await new Trainer(Models.MnistMlp, data, settings, device).Run("r", new StoreRunSink(killed, "r"), null, Ct, files, ResumePoint.FromScratch(1, recorded));
        Assert.Equal(2, resumed.EpochsCompleted);
        var resumedEvent = (await Events(killed, "r")).Select(e => e.Message).OfType<RunResumed>().Single();
        Assert.Equal((-1, 1, Environment.ProcessId), (resumedEvent.FromEpoch, resumedEvent.Attempt, resumedEvent.Owner.Pid));

        // Bit-exact: batches (the killed attempt's superseded), traces, device states and evaluations equal the uninterrupted run's.
        var a = await Trained(whole, "r");
        var b = await Trained(killed, "r");
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
        var summary = await RunReader.ReadSummary(killed, "r", Ct);
        Assert.Equal(RunStatus.Completed, summary!.Status);
        Assert.Equal(new[] { 0, 1 }, summary.TracedEpochs);
        Assert.Equal(2, summary.Evaluations.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stopped_run_resumes_from_its_checkpoint_exactly_as_if_it_had_never_stopped(bool checkpointsInStore)
    {
        var settings = Quick with { Epochs = 3, DecreasingLr = [2] };
        var device = DeviceModel.V2Default with { D2DVariation = 0.1 };
        using var data = MnistNpm.Load(DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm-resume"), 8));
        var (whole, broken, files) = await WholeAndStopped($"crashed2-{checkpointsInStore}", data, settings, device, store => new CrashingSink(new StoreRunSink(store, "r"), 2), checkpointsInStore);
        await using var dw = whole as IAsyncDisposable;
        await using var db = broken as IAsyncDisposable;
        var stopped = await RunReader.ReadSummary(broken, "r", Ct);
        Assert.Equal(RunStatus.Aborted, stopped!.Status);
        Assert.Equal(new[] { 0, 1 }, stopped.TracedEpochs);

        var resumed = await new Trainer(Models.MnistMlp, data, settings, device).Run("r", new StoreRunSink(broken, "r"), null, Ct, files,
            new ResumePoint(await files.Load(1, Ct), files.Describe(1), 1, [.. stopped.Evaluations]));
        Assert.Equal(3, resumed.EpochsCompleted);
        Assert.Equal(3, resumed.Evaluations.Count);

        // Batch events of the unfinished epoch written before RunResumed are superseded by the resumed ones.
        static async Task<List<Google.Protobuf.IMessage>> Epoch2(IEventStore store)
        {
            var list = new List<Google.Protobuf.IMessage>();
            var all = (await Events(store, "r")).Select(e => e.Message).ToList();
            var resumedAt = all.FindLastIndex(m => m is RunResumed);
            foreach (var m in all.Skip(resumedAt + 1))
                switch (m)
                {
                    case LayerTraceRecorded { Epoch: 2 }: list.Add(m); break;
                    case EpochEvaluated { Epoch: 2 } ev: var copy = ev.Clone(); copy.Seconds = 0; list.Add(copy); break;
                    case BatchUpdateApplied { Epoch: 2 }: list.Add(m); break;
                }
            return list;
        }
        var a = await Epoch2(whole);
        var b = await Epoch2(broken);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
        var summary = await RunReader.ReadSummary(broken, "r", Ct);
        Assert.Equal(RunStatus.Completed, summary!.Status);
        Assert.Equal(new[] { 0, 1, 2 }, summary.TracedEpochs);
        if (checkpointsInStore)
        {
            // The two latest checkpoints stay in the store; older streams are deleted; delete-run removes the rest.
            var kept = await broken.ListStreams(Core.Events.StreamIds.CheckpointsOf("r"), Ct);
            Assert.Equal(["checkpoint-r.epoch-1", "checkpoint-r.epoch-2"], kept.Select(s => s.StreamId.Value));
            await RunDeletion.Delete(broken, "r", Ct);
            Assert.Empty(await broken.ListStreams(Core.Events.StreamIds.CheckpointPrefix, Ct));
            await Assert.ThrowsAsync<FileNotFoundException>(() => files.Load(2, Ct));
        }
    }
}
