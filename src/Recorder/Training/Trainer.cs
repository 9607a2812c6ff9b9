using NeuroSim.Replay.ChipModel.Device;
using System.Diagnostics;
using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using Tensor = TorchSharp.torch.Tensor;
using DeviceModel = NeuroSim.Replay.Recorder.Device.DeviceModel;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using TorchSharp;
using static TorchSharp.torch;
using Contracts = NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// WAGE training with the device in the loop, as V2.0's train.py: SSE loss; per batch and layer, momentum on the
/// gradient (v ← γv + αg), the device update (QG) applied by SGD with lr 1, then cycle-to-cycle noise and clipping
/// (W); grad_scale ÷ 8 at the decreasing_lr epochs; velocity reset each epoch. Every batch's update statistics and
/// every epoch's traces (as V2.0's hook writes them), device states and test results go to the sink.
/// Deterministic for a seed: one generator drives initialization, shuffling, stochastic rounding and noise.
/// </summary>
public sealed class Trainer(NetworkDescription description, DataSet data, TrainingSettings settings, DeviceModel device)
{
    /// <summary>Tags recorded in RunStarted (record --tag; a study's runs carry study and study_point).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Torch threads for this run (record --threads; a study running several at once gives each a share of the cores).</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>When set, each batch's phases are timed into it (bench-record's VGG-8 profile).</summary>
    public BatchPhaseTimes? Phases { get; init; }

    /// <param name="checkpoints">Where each epoch's checkpoint goes (null: none, the run cannot be resumed).</param>
    /// <param name="resume">Continue a stopped run instead of starting one.</param>
    /// <param name="afterEpoch">Called after each epoch's events were handed to the sink (e.g. the chip estimate, as V2.0 runs NeuroSim after each epoch).</param>
    public async Task<TrainingResult> Run(string runName, IRunSink sink, IProgress<TrainingProgress>? progress, CancellationToken ct,
        ICheckpointStore? checkpoints = null, ResumePoint? resume = null, Func<int, CancellationToken, Task>? afterEpoch = null)
    {
        var problems = settings.Validate().Concat(device.Validate()).ToList();
        if (data.Channels != description.InputChannels || data.Height != description.InputHeight || data.Width != description.InputWidth)
            problems.Add($"model '{description.Name}' takes {description.InputChannels}x{description.InputHeight}x{description.InputWidth} inputs, data set '{data.Name}' has {data.Channels}x{data.Height}x{data.Width}");
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));

        torch.set_num_threads(Math.Max(1, Threads));
        var generator = new Generator((ulong)settings.Seed);
        using var network = new WageNetwork(description, settings.WlWeight, settings.WlActivate, settings.WlError, generator);
        var layers = network.Layers;
        var resumed = resume?.Checkpoint;
        if (resumed is not null && (resumed.Weights.Count != layers.Count || resumed.D2DOffsets.Count != layers.Count))
            throw new InvalidDataException($"{resume!.CheckpointSource}: {resumed.Weights.Count} layers, the network has {layers.Count}");
        if (resumed is not null)
            for (var l = 0; l < layers.Count && l < resumed.D2DOffsets.Count; l++)
                if (resumed.D2DOffsets[l] is { } d && d.Length != layers[l].weight.numel())
                    throw new InvalidDataException($"{resume!.CheckpointSource}: layer {l} has {d.Length} device offsets, the network {layers[l].weight.numel()} cells");
        var devices = layers.Select((l, i) => new DeviceUpdate(device, l.weight.shape, settings.WlWeight, settings.WlGrad, generator, resumed?.D2DOffsets[i])).ToArray();
        try
        {
            var evaluations = new List<EpochEvaluated>(resume?.Evaluations ?? []);
            double captureSeconds = 0;
            var gradScale = settings.GradScale;
            var firstEpoch = 0;
            if (resume is { Checkpoint: { } c })
            {
                if (c.Weights.Count != layers.Count) throw new InvalidDataException($"{resume.CheckpointSource}: {c.Weights.Count} layers, the network has {layers.Count}");
                using (no_grad())
                    for (var l = 0; l < layers.Count; l++)
                    {
                        if (c.Weights[l].Length != layers[l].weight.numel()) throw new InvalidDataException($"{resume.CheckpointSource}: layer {l} has {c.Weights[l].Length} weights, the network {layers[l].weight.numel()}");
                        layers[l].weight.copy_(tensor(c.Weights[l]).reshape(layers[l].weight.shape));
                    }
                generator.set_state(tensor(c.GeneratorState));
                gradScale = c.GradScale;
                firstEpoch = c.Epoch + 1;
                await sink.Resumed(new RunResumed { FromEpoch = c.Epoch, Attempt = resume.Attempt, Checkpoint = resume.CheckpointSource, Owner = RunLiveness.CurrentOwner() }, ct);
            }
            else if (resume is not null)
            {
                // No epoch completed: the same seed draws the same initial weights and device offsets; check them against the record.
                EnsureRecordedDevice(runName, resume.RecordedDevice, DeviceEvent(layers, devices));
                await sink.Resumed(new RunResumed { FromEpoch = -1, Attempt = resume.Attempt, Owner = RunLiveness.CurrentOwner() }, ct);
            }
            else await sink.Started(StartedEvent(runName, network), DeviceEvent(layers, devices), ct);
            var batches = (int)Math.Ceiling((double)data.TrainCount / settings.BatchSize);
            if (settings.MaxBatches > 0) batches = Math.Min(batches, settings.MaxBatches);
            var clock = Stopwatch.StartNew();
            var completed = firstEpoch;
            try
            {
                for (var epoch = firstEpoch; epoch < settings.Epochs; epoch++)
                {
                    if (settings.DecreasingLr.Contains(epoch)) gradScale /= 8.0;
                    await sink.EpochStarted(new Contracts.EpochStarted { Epoch = epoch, GradScale = gradScale, BatchesPlanned = batches }, ct);
                    var epochClock = Stopwatch.StartNew();
                    var velocity = layers.Select(l => zeros_like(l.weight)).ToArray();
                    var lastChange = layers.Select(l => zeros_like(l.weight)).ToArray();
                    var order = randperm(data.TrainCount, generator: generator);
                    double lossSum = 0, correctSum = 0, seen = 0;
                    for (var b = 0; b < batches; b++)
                    {
                        ct.ThrowIfCancellationRequested();
                        using var scope = NewDisposeScope();
                        var batchStarted = Stopwatch.GetTimestamp();
                        double statisticsSeconds = 0;
                        var index = order.narrow(0, b * settings.BatchSize, Math.Min(settings.BatchSize, data.TrainCount - b * settings.BatchSize));
                        var x = data.TrainImages.index_select(0, index);
                        var y = data.TrainLabels.index_select(0, index);
                        network.zero_grad();
                        var output = network.forward(x);
                        var forwardEnded = Stopwatch.GetTimestamp();
                        var loss = Sse(output, y);
                        loss.backward();
                        var backwardEnded = Stopwatch.GetTimestamp();
                        var update = new BatchUpdateApplied { Epoch = epoch, Batch = b, Loss = loss.item<float>() };
                        using (no_grad())
                        {
                            for (var l = 0; l < layers.Count; l++)
                            {
                                var w = layers[l].weight;
                                var v = (velocity[l] * settings.MomentumGamma + w.grad! * settings.MomentumAlpha).MoveToOuterDisposeScope();
                                velocity[l].Dispose();
                                velocity[l] = v;
                                var outcome = devices[l].Apply(l, w, v, gradScale, generator, sink.KeepsEvents);
                                w.copy_(outcome.Weights);
                                lastChange[l].copy_(outcome.Delta);
                                update.Layers.Add(outcome.Stats);
                                statisticsSeconds += outcome.StatsSeconds;
                            }
                        }
                        captureSeconds += statisticsSeconds;
                        var updateEnded = Stopwatch.GetTimestamp();
                        var correct = output.argmax(1).eq(y).sum().item<long>();
                        lossSum += update.Loss;
                        correctSum += correct;
                        seen += y.shape[0];
                        await sink.Batch(update, ct);
                        var done = (epoch - firstEpoch) * batches + b + 1;
                        var total = (settings.Epochs - firstEpoch) * batches;
                        progress?.Report(new TrainingProgress(epoch, settings.Epochs, b + 1, batches, update.Loss / y.shape[0], 100.0 * correct / y.shape[0],
                            clock.Elapsed, TimeSpan.FromTicks((long)(clock.Elapsed.Ticks * (double)(total - done) / done))));
                        Phases?.Add(batchStarted, forwardEnded, backwardEnded, updateEnded, Stopwatch.GetTimestamp(), statisticsSeconds);
                    }
                    order.Dispose();

                    var (testLoss, testAccuracy, inputs) = Evaluate(network, capture: sink.KeepsEvents);
                    var captureStarted = Stopwatch.GetTimestamp();
                    var traces = sink.KeepsEvents ? Traces(epoch, layers, lastChange, inputs) : [];
                    var states = sink.KeepsEvents ? DeviceStates(epoch, layers, lastChange) : [];
                    captureSeconds += Stopwatch.GetElapsedTime(captureStarted).TotalSeconds;
                    var evaluation = new EpochEvaluated
                    {
                        Epoch = epoch,
                        TrainLoss = lossSum / Math.Max(1, batches),
                        TrainAccuracy = 100.0 * correctSum / Math.Max(1, seen),
                        TestLoss = testLoss,
                        TestAccuracy = testAccuracy,
                        Seconds = epochClock.Elapsed.TotalSeconds,
                    };
                    evaluations.Add(evaluation);
                    // The checkpoint lands before the epoch's events: the store never holds an epoch without one.
                    if (checkpoints is not null)
                    {
                        var checkpointStarted = Stopwatch.GetTimestamp();
                        var checkpoint = new Checkpoint(epoch, gradScale, generator.get_state().data<byte>().ToArray(),
                            [.. layers.Select(l => l.weight.detach().contiguous().data<float>().ToArray())], [.. devices.Select(d => d.NonlinearityD2D)]);
                        captureSeconds += Stopwatch.GetElapsedTime(checkpointStarted).TotalSeconds;
                        await sink.Checkpoint(() => checkpoints.Save(checkpoint, ct), ct);
                    }
                    await sink.EpochEnded(epoch, traces, states, evaluation, ct);
                    if (afterEpoch is not null) await afterEpoch(epoch, ct);
                    foreach (var t in velocity.Concat(lastChange)) t.Dispose();
                    completed = epoch + 1;
                }
            }
            catch (OperationCanceledException)
            {
                await sink.Aborted(new RunAborted { Reason = "cancelled (Ctrl+C)", EpochsCompleted = completed }, CancellationToken.None);
                throw;
            }
            catch (Exception ex) when (ex is not ArgumentException)
            {
                await sink.Aborted(new RunAborted { Reason = ex.Message, EpochsCompleted = completed }, CancellationToken.None);
                throw;
            }
            var result = new TrainingResult(evaluations, completed, captureSeconds);   // evaluations include a resumed run's earlier epochs
            await sink.Completed(new RunCompleted { EpochsCompleted = completed, BestTestAccuracy = result.BestAccuracy }, ct);
            return result;
        }
        finally
        {
            foreach (var d in devices) d.Dispose();
        }
    }

    /// <summary>SSE loss (V2.0 wage_util.SSE): ½ Σ (output − one-hot)².</summary>
    public static Tensor Sse(Tensor output, Tensor labels)
    {
        var target = nn.functional.one_hot(labels, output.shape[1]).to_type(output.dtype);
        return 0.5 * (output - target).pow(2).sum();
    }

    private (double Loss, double Accuracy, List<Tensor> Inputs) Evaluate(WageNetwork network, bool capture)
    {
        using var _ = no_grad();
        double loss = 0;
        long correct = 0;
        var batches = 0;
        var inputs = new List<Tensor>();
        for (long start = 0; start < data.TestCount; start += settings.BatchSize, batches++)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(settings.BatchSize, data.TestCount - start);
            var x = data.TestImages.narrow(0, start, n);
            var y = data.TestLabels.narrow(0, start, n);
            var images = start == 0 && capture ? Math.Min(settings.TraceImages, (int)n) : 0;
            for (var i = 0; i < images; i++)
            {
                network.CapturedInputs = [];
                network.forward(x.narrow(0, i, 1));
                inputs.AddRange(network.CapturedInputs.Select(t => t.MoveToOuterDisposeScope()));
                network.CapturedInputs = null;
            }
            var output = network.forward(x);
            loss += Sse(output, y).item<float>();
            correct += output.argmax(1).eq(y).sum().item<long>();
        }
        return (loss / Math.Max(1, batches), 100.0 * correct / Math.Max(1, data.TestCount), inputs);
    }

    private List<CapturedTrace> Traces(int epoch, IReadOnlyList<WageLayer> layers, Tensor[] lastChange, List<Tensor> inputs)
    {
        var traces = new List<CapturedTrace>();
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            using var scope = NewDisposeScope();
            var weights = TraceCapture.Decimals(layer.TraceWeights());
            // RD-82: V2.0's weightOld = param + grad, the weights before the last update as the update saw them (not the true old weights).
            var before = TraceCapture.Decimals((layer.weight.detach() + lastChange[l]).reshape(layer.OutChannels, -1).t());
            var bits = new List<BitMatrix>();
            for (var image = 0; image < inputs.Count / layers.Count; image++)
                bits.Add(TraceCapture.InputBits(inputs[image * layers.Count + l], layer.Kernel, layer.IsConvolution, settings.WlActivate));
            // Compressed by the sink (in the background when it writes to the store).
            traces.Add(new CapturedTrace(epoch, l, layer.LayerName, weights, before, bits, bits.Count > 0 ? bits[0].Mean : 0));
        }
        foreach (var i in inputs) i.Dispose();
        return traces;
    }

    private List<LayerDeviceStateRecorded> DeviceStates(int epoch, IReadOnlyList<WageLayer> layers, Tensor[] lastChange)
    {
        var states = new List<LayerDeviceStateRecorded>();
        var limit = Wage.Wage.ClipLimit(settings.WlWeight);
        for (var l = 0; l < layers.Count; l++)
        {
            using var scope = NewDisposeScope();
            var w = layers[l].weight.detach();
            var levels = device.MaxLevel;
            // Conductance level of each cell: its weight's position in [−1, 1] over max_level states.
            var level = ((w + 1) / 2 * levels).floor().clamp(0, levels - 1).to_type(ScalarType.Int64).flatten();
            var histogram = bincount(level, minlength: levels).data<long>().ToArray();
            var n = (double)w.numel();
            var s = new LayerDeviceStateRecorded
            {
                Epoch = epoch,
                LayerIndex = l,
                FractionAtGmin = (w <= -limit).sum().item<long>() / n,
                FractionAtGmax = (w >= limit).sum().item<long>() / n,
                WeightMean = w.mean().item<float>(),
                WeightStd = w.std().item<float>(),
                DeltaMean = lastChange[l].mean().item<float>(),
                DeltaStd = lastChange[l].std().item<float>(),
            };
            s.LevelHistogram.AddRange(histogram);
            states.Add(s);
        }
        return states;
    }

    private RunStarted StartedEvent(string runName, WageNetwork network)
    {
        var s = new RunStarted
        {
            RunId = runName,
            Name = runName,
            Origin = RunOrigin.Recorded,
            Model = description.Name,
            Precisions = new Precisions { WeightBits = settings.WlWeight, ActivationBits = settings.WlActivate, GradientBits = settings.WlGrad, ErrorBits = settings.WlError, CellBits = settings.CellBit },
            Training = new Contracts.TrainingSettings
            {
                BatchSize = settings.BatchSize,
                Epochs = settings.Epochs,
                GradScale = settings.GradScale,
                TestInterval = settings.TestInterval,
                MomentumGamma = settings.MomentumGamma,
                MomentumAlpha = settings.MomentumAlpha,
                Loss = "SSE",
                MaxBatchesPerEpoch = settings.MaxBatches,
                TraceImages = settings.TraceImages,
                Optimizer = "SGD lr 1 with WAGE device update (V2.0)",
            },
            Device = DeviceContract(),
            DataSet = new DataSetInfo { Name = data.Name, Source = data.Source, TrainSamples = data.TrainCount, TestSamples = data.TestCount },
            Seed = (ulong)settings.Seed,
            PlannedEpochs = settings.Epochs,
            Owner = RunLiveness.CurrentOwner(),
        };
        s.Training.DecreasingLr.AddRange(settings.DecreasingLr);
        s.Settings.Add(SettingsParser.ToMap(settings, device));
        s.Settings["model_spec"] = Models.ToSpec(description);
        foreach (var (k, v) in Tags) s.Tags[k] = v;
        s.Network.AddRange(network.Network.Layers.Select(l => l.ToContract()));
        s.SoftwareVersions.Add(SoftwareVersions.Current());
        s.SoftwareVersions["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";
        s.SoftwareVersions["libtorch"] = "2.10.0";
        return s;
    }

    private Contracts.DeviceModel DeviceContract() => new()
    {
        NonlinearityLtp = device.NonlinearityLtp,
        NonlinearityLtd = device.NonlinearityLtd,
        MaxLevel = device.MaxLevel,
        C2CVariation = device.C2CVariation,
        D2DVariation = device.D2DVariation,
        Name = device.Name,
    };

    /// <summary>The device model drawn now must be the recorded one: same settings, curve parameters, scales and D2D offsets (as recorded, to 1e-5).</summary>
    private static void EnsureRecordedDevice(string runName, DeviceModelInitialized? recorded, DeviceModelInitialized drawn)
    {
        if (recorded is null) throw new InvalidDataException($"run '{runName}': no DeviceModelInitialized recorded; it cannot be started again");
        static DeviceModelInitialized WithoutTensors(DeviceModelInitialized e)
        {
            var copy = e.Clone();
            foreach (var l in copy.Layers) (l.D2DNonlinearityLtp, l.D2DNonlinearityLtd) = (null, null);
            return copy;
        }
        static double[] Values(Contracts.Tensor? t, string name) => t is null ? [] : TensorCodec.DecodeValues(t, name);
        var same = WithoutTensors(recorded).Equals(WithoutTensors(drawn)) && recorded.Layers.Zip(drawn.Layers).All(p =>
            Values(p.First.D2DNonlinearityLtp, $"run '{runName}' layer {p.First.LayerIndex} D2D offsets").SequenceEqual(Values(p.Second.D2DNonlinearityLtp, "drawn D2D offsets")) &&
            Values(p.First.D2DNonlinearityLtd, $"run '{runName}' layer {p.First.LayerIndex} D2D offsets").SequenceEqual(Values(p.Second.D2DNonlinearityLtd, "drawn D2D offsets")));
        if (!same)
            throw new InvalidDataException($"run '{runName}': the device model its seed gives now differs from the one recorded in DeviceModelInitialized (another software version?); it cannot be started again");
    }

    private DeviceModelInitialized DeviceEvent(IReadOnlyList<WageLayer> layers, DeviceUpdate[] devices)
    {
        var e = new DeviceModelInitialized { Device = DeviceContract() };
        for (var l = 0; l < layers.Count; l++)
        {
            var d = new LayerDeviceModel
            {
                LayerIndex = l,
                LayerName = layers[l].LayerName,
                ParamALtp = Nonlinearity.NormalizedA(device.NonlinearityLtp) * device.MaxLevel,
                ParamALtd = Nonlinearity.NormalizedA(device.NonlinearityLtd) * device.MaxLevel,
                WeightScale = layers[l].Scale,
            };
            if (devices[l].NonlinearityD2D is { } d2d)
            {
                var units = d2d.Select(v => (int)Math.Round(v * 1e5)).ToArray();
                d.D2DNonlinearityLtp = TraceEncoder.Encode(new DecimalMatrix(1, units.Length, 5, units));
            }
            e.Layers.Add(d);
        }
        return e;
    }
}
