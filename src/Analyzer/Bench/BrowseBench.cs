using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.EventStore;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;

namespace NeuroSim.Replay.Analyzer.Bench;

/// <summary>
/// How fast the first screen shows on a big store: generates runs x epochs x layers of recorder-shaped events (traces
/// with small tensors, device states, batch updates, evaluations) plus replays with an estimate per epoch, then times
/// opening the store, the runs query and the first drawn screen (ANSI driver, in-process).
/// </summary>
public static class BrowseBench
{
    public static async Task Run(int runs, int epochs, int layers, int replays, TextWriter o, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"neurosim-browse-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var address = StoreAddress.Parse("file:" + Path.Combine(dir, "big.db"));
            var sw = Stopwatch.StartNew();
            await using (var store = await address.OpenOrCreateForWriting(ct))
                await Generate(store, runs, epochs, layers, replays, ct);
            var generated = sw.Elapsed.TotalSeconds;
            var bytes = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);

            sw.Restart();
            await using var read = await address.OpenForReading(ct);
            var open = sw.Elapsed.TotalSeconds;
            var q = new StoreQueries(read);
            var screen = new RunsScreen(q);
            sw.Restart();
            await screen.Load(ct);
            var load = sw.Elapsed.TotalSeconds;
            sw.Restart();
            using IApplication app = Application.Create(new VirtualTimeProvider());
            app.Init(DriverRegistry.Names.ANSI);
            app.Driver!.SetScreenSize(120, 40);
            using var window = new BrowserWindow(app, q, screen);
            var token = app.Begin(window)!;
            app.LayoutAndDraw(true);
            var draw = sw.Elapsed.TotalSeconds;
            var shown = app.Driver.ToString()!.Contains("bench-run-0", StringComparison.Ordinal);
            app.End(token);
            var inv = CultureInfo.InvariantCulture;
            await o.WriteLineAsync(string.Create(inv, $"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, .NET {Environment.Version}"));
            await o.WriteLineAsync(string.Create(inv, $"store: {runs} runs x {epochs} epochs x {layers} layers, {replays} replays with an estimate per epoch: {bytes / 1e6:F0} MB, generated in {generated:F1} s"));
            await o.WriteLineAsync(string.Create(inv, $"first screen: open {open * 1e3:F0} ms + runs query {load * 1e3:F0} ms + layout and draw {draw * 1e3:F0} ms = {(open + load + draw) * 1e3:F0} ms (target < 1000 ms); runs shown: {shown}"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static async Task Generate(IEventStore store, int runs, int epochs, int layers, int replays, CancellationToken ct)
    {
        var random = new Random(1);
        var weights = new DecimalMatrix(16, 16, 5, [.. Enumerable.Range(0, 256).Select(_ => random.Next(-15, 16) * 6250)]);
        var input = new BitMatrix(16, 64, [.. Enumerable.Range(0, 128).Select(_ => (byte)random.Next(256))]);
        var weightTensor = TraceEncoder.Encode(weights);
        var inputTensor = TraceEncoder.EncodeBits(input);
        for (var r = 0; r < runs; r++)
        {
            var name = $"bench-run-{r}";
            var stream = StreamIds.Run(name);
            var started = new RunStarted { RunId = name, Name = name, Origin = RunOrigin.Recorded, Model = "vgg8", PlannedEpochs = epochs,
                Device = new DeviceModel { NonlinearityLtp = 1.75, NonlinearityLtd = 1.46, MaxLevel = 32, C2CVariation = 0.003 * (1 + r % 3) },
                DataSet = new DataSetInfo { Name = "cifar10" } };
            for (var l = 0; l < layers; l++)
                started.Network.Add(new NetworkLayer { Name = $"L{l}", IfmHeight = 4, IfmWidth = 4, IfmChannels = 16, KernelHeight = 1, KernelWidth = 1, OfmChannels = 16, Stride = 1 });
            var revision = (await store.AppendToStream(stream, ExpectedVersion.NoStream, [EventSerializer.ToNewEvent(started, $"{stream}/started")], ct)).CurrentRevision;
            for (var e = 0; e < epochs; e++)
            {
                var events = new List<NewEvent>();
                var batch = new BatchUpdateApplied { Epoch = e, Batch = 0, Loss = 1.0 / (e + 1) };
                for (var l = 0; l < layers; l++) batch.Layers.Add(new LayerUpdateStats { LayerIndex = l, LtpPulses = 100 + l, LtdPulses = 90 + l });
                events.Add(EventSerializer.ToNewEvent(batch, $"{stream}/{e}/batch"));
                for (var l = 0; l < layers; l++)
                {
                    var t = new LayerTraceRecorded { Epoch = e, LayerIndex = l, LayerName = $"L{l}", Weights = weightTensor, WeightsBeforeUpdate = weightTensor, Activity = 0.25 };
                    t.Inputs.Add(inputTensor);
                    events.Add(EventSerializer.ToNewEvent(t, $"{stream}/{e}/trace/{l}"));
                }
                events.Add(EventSerializer.ToNewEvent(new EpochTraced { Epoch = e, Layers = layers, FirstTraceRevision = revision + 2 }, $"{stream}/{e}/traced"));
                for (var l = 0; l < layers; l++)
                {
                    var s = new LayerDeviceStateRecorded { Epoch = e, LayerIndex = l, FractionAtGmin = 0.01, FractionAtGmax = 0.02 };
                    s.LevelHistogram.AddRange(Enumerable.Repeat(8L, 32));
                    events.Add(EventSerializer.ToNewEvent(s, $"{stream}/{e}/state/{l}"));
                }
                events.Add(EventSerializer.ToNewEvent(new EpochEvaluated { Epoch = e, TestAccuracy = 50 + 40.0 * e / epochs, TestLoss = 1.0 / (e + 1) }, $"{stream}/{e}/evaluated"));
                revision = (await store.AppendToStream(stream, ExpectedVersion.Exact(revision), events, ct)).CurrentRevision;
            }
            await store.AppendToStream(stream, ExpectedVersion.Exact(revision), [EventSerializer.ToNewEvent(new RunCompleted { EpochsCompleted = epochs }, $"{stream}/completed")], ct);
        }
        for (var p = 0; p < replays; p++)
        {
            var run = $"bench-run-{p % runs}";
            var stream = StreamIds.Replay(run, $"cfg{p:D9}");
            var events = new List<NewEvent> { EventSerializer.ToNewEvent(new ReplayStarted { RunId = run, ConfigId = $"cfg{p:D9}", ConfigName = $"config {p}" }, $"{stream}/started") };
            for (var e = 0; e < epochs; e++)
            {
                var est = new EpochEstimated { Epoch = e, Total = new LayerEstimate { LatencyFwS = 1e-3, EnergyFwJ = 1e-6 }, Area = new AreaBreakdown { TotalM2 = 1e-5 } };
                for (var l = 0; l < layers; l++) est.Layers.Add(new LayerEstimate { LayerIndex = l + 1, LatencyFwS = 1e-4, EnergyFwJ = 1e-7 });
                events.Add(EventSerializer.ToNewEvent(est, $"{stream}/{e}"));
            }
            await store.AppendToStream(stream, ExpectedVersion.NoStream, events, ct);
        }
    }
}
