using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Recording;
using NeuroSim.Replay.Recorder.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Bench;

/// <summary>
/// Where a VGG-8 training batch's time goes (issue #16), on CIFAR-shaped random data: whole batches in the trainer
/// with their phases timed (forward, backward, update, statistics, rest; garbage collections beside them), then each
/// part alone on the same shapes (convolutions forward, input and weight gradients; the WAGE quantizers of weights,
/// activations and errors; ReLU and pooling; momentum; the device update and its statistics), against the FLOP floor
/// (forward, input and weight gradient: three times 2·B·H·W·Cout·Cin·k² per layer, ≈ 3.7 GFLOP per image), and the
/// kernels' own speed: one 3x3 convolution 200x128x32x32 → 128 in fp32, fp32 with channels-last strides, and bf16.
/// Times are medians of the repeats with their range; the machine's load is printed beside each section.
/// </summary>
public static class Vgg8Profile
{
    public static async Task Run(int batches, TrainingSettings settings, TextWriter o, CancellationToken ct, int repeats = 5)
    {
        if (batches < 1) throw new ArgumentException($"--vgg8-batches: {batches} must be at least 1");
        var b = settings.BatchSize;
        var perBatchFlops = FlopsPerBatch(Models.Vgg8, b);
        await o.WriteLineAsync(Text($"VGG-8 profile, batch {b} on 32x32x3 (torch threads {get_num_threads()}, inter-op {get_num_interop_threads()}); ",
            $"FLOP floor {perBatchFlops / 1e9:F0} GFLOP per batch ({perBatchFlops / b / 1e9:F2} GFLOP per image: forward, input and weight gradients)"));

        var whole = await WholeBatches(batches, settings, ct);
        await o.WriteLineAsync(Text($"whole batches in the trainer ({batches} timed after one warm-up; load {whole.LoadBefore} -> {whole.LoadAfter}): ",
            $"median {Median(whole.Seconds):F2} s per batch (range {whole.Seconds.Min():F2}-{whole.Seconds.Max():F2}) = {perBatchFlops / Median(whole.Seconds) / 1e9:F0} GFLOP/s; ",
            $"an epoch of 50,000 images ~{Median(whole.Seconds) * 50_000 / b / 60:F0} min"));
        var p = whole.Phases;
        double Share(double s) => 100 * s / p.Total;
        await o.WriteLineAsync(Text($"  phases per batch: forward {p.Forward / p.Batches:F3} s ({Share(p.Forward):F0} %), loss+backward {p.Backward / p.Batches:F3} s ({Share(p.Backward):F0} %), ",
            $"momentum+device update {p.Update / p.Batches:F3} s ({Share(p.Update):F0} %), update statistics {p.Statistics / p.Batches:F3} s ({Share(p.Statistics):F1} %), ",
            $"rest {p.Other / p.Batches:F3} s ({Share(p.Other):F1} %)"));
        await o.WriteLineAsync(Text($"  .NET garbage collection during those batches: {whole.GcPauseSeconds / p.Batches:F3} s paused per batch, {whole.Collections} collections"));

        var loadBefore = MachineLoad();
        var parts = Parts(settings, repeats);
        await o.WriteLineAsync(Text($"the parts alone (median of {repeats}; load {loadBefore} -> {MachineLoad()}), per batch:"));
        foreach (var part in parts)
        {
            var rate = part.Flops > 0 ? Text($" = {part.Flops / part.Seconds / 1e9:F0} GFLOP/s") : "";
            await o.WriteLineAsync(Text($"  {part.Name,-44} {part.Seconds:F3} s{rate}"));
        }
        var sum = parts.Sum(x => x.Seconds);
        var convSeconds = parts.Where(x => x.Flops > 0).Sum(x => x.Seconds);
        var convRate = parts.Sum(x => x.Flops) / convSeconds;
        await o.WriteLineAsync(Text($"  sum of the parts {sum:F2} s against {Median(whole.Seconds):F2} s whole (the difference: autograd bookkeeping, allocation, the load); ",
            $"convolution and fc kernels {convSeconds:F2} s ({100 * convSeconds / sum:F0} %) at {convRate / 1e9:F0} GFLOP/s -> floor at that rate {perBatchFlops / convRate:F2} s per batch"));

        loadBefore = MachineLoad();
        var kernels = ConvolutionKernels(repeats);
        await o.WriteLineAsync(Text($"3x3 convolution 200x128x32x32 -> 128 forward ({ConvFlops / 1e9:F0} GFLOP; median of {repeats}, range; load {loadBefore} -> {MachineLoad()}):"));
        foreach (var (name, seconds) in kernels)
            await o.WriteLineAsync(Text($"  {name,-30} {Median(seconds) * 1000:F0} ms ({seconds.Min() * 1000:F0}-{seconds.Max() * 1000:F0}) = {ConvFlops / Median(seconds) / 1e9:F0} GFLOP/s"));
    }

    /// <summary>Forward, input-gradient (not for the first layer, whose input needs none) and weight-gradient multiply-adds ×2 of every conv/fc layer.</summary>
    public static double FlopsPerBatch(NetworkDescription description, int batch)
    {
        using var network = new WageNetwork(description, 5, 8, 8, new Generator(1));
        return network.Network.Layers.Select((l, i) => LayerFlops(l.IfmHeight, l.IfmWidth, l.IfmChannels, l.KernelHeight, l.OfmChannels, batch) * (i == 0 ? 2 : 3)).Sum();
    }

    private static double LayerFlops(int h, int w, int cin, int k, int cout, int batch) => 2.0 * batch * h * w * cout * cin * k * k;

    private const double ConvFlops = 2.0 * 200 * 32 * 32 * 128 * 128 * 9;

    private sealed record WholeRun(List<double> Seconds, BatchPhaseTimes Phases, double GcPauseSeconds, int Collections, string LoadBefore, string LoadAfter);

    private static async Task<WholeRun> WholeBatches(int batches, TrainingSettings settings, CancellationToken ct)
    {
        var n = settings.BatchSize * (batches + 1);
        var g = new Generator(1);
        using var data = new DataSet("cifar10-shaped random", "generated", rand([n, 3, 32, 32], generator: g) * 2 - 1, randint(0, 10, [n], generator: g),
            rand([settings.BatchSize, 3, 32, 32], generator: g) * 2 - 1, randint(0, 10, [settings.BatchSize], generator: g));
        var times = new List<double>();
        var phases = new BatchPhaseTimes();
        var loadBefore = MachineLoad();
        var pause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        await new Trainer(Models.Vgg8, data, settings with { Epochs = 1, MaxBatches = batches + 1 }, DeviceModel.V2Default) { Phases = phases }
            .Run("bench-vgg8", new TimingSink(times, phases), null, ct);
        return new WholeRun([.. times.Skip(1)], phases, (GC.GetTotalPauseDuration() - pause).TotalSeconds,
            GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections, loadBefore, MachineLoad());
    }

    /// <summary>A named part of a batch, its median seconds summed over the layers, and the FLOPs it does (0: not counted).</summary>
    private sealed record Part(string Name, double Seconds, double Flops);

    private static List<Part> Parts(TrainingSettings settings, int repeats)
    {
        var batch = settings.BatchSize;
        var generator = new Generator(2);
        using var network = new WageNetwork(Models.Vgg8, settings.WlWeight, settings.WlActivate, settings.WlError, generator);
        var specs = network.Network.Layers;
        var totals = new Dictionary<string, (double Seconds, double Flops)>();
        void Add(string name, double seconds, double flops = 0)
        {
            var (s, f) = totals.GetValueOrDefault(name);
            totals[name] = (s + seconds, f + flops);
        }
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var spec = specs[l];
            using var scope = NewDisposeScope();
            long[] inShape = layer.IsConvolution ? [batch, spec.IfmChannels, spec.IfmHeight, spec.IfmWidth] : [batch, spec.IfmChannels];
            long[] outShape = layer.IsConvolution ? [batch, spec.OfmChannels, spec.IfmHeight, spec.IfmWidth] : [batch, spec.OfmChannels];
            // Inputs as training sees them: images in ±1 for the first layer, 8-bit ReLU outputs after it.
            var x = l == 0 ? rand(inShape, generator: generator) * 2 - 1 : Wage.Wage.Quantize(rand(inShape, generator: generator), settings.WlActivate);
            var gradient = randn(outShape, generator: generator) * 1e-3;
            var flops = LayerFlops(spec.IfmHeight, spec.IfmWidth, spec.IfmChannels, spec.KernelHeight, spec.OfmChannels, batch);
            Tensor Kernel(Tensor input, Tensor w) => layer.IsConvolution
                ? nn.functional.conv2d(input, w, padding: [layer.Kernel / 2, layer.Kernel / 2])
                : nn.functional.linear(input, w);
            Tensor quantized;
            using (no_grad()) quantized = layer.QuantizedWeights();
            Add("weight quantizer (forward)", Seconds(repeats, () => { using var s = NewDisposeScope(); layer.QuantizedWeights(); }));
            Add("conv/fc forward", Seconds(repeats, () => { using var s = NewDisposeScope(); using var _ = no_grad(); Kernel(x, quantized); }), flops);
            if (l > 0)
                Add("conv/fc input gradient", Gradient(repeats, () => Kernel(x.detach().requires_grad_(true), quantized), gradient), flops);
            Add("conv/fc weight gradient", Gradient(repeats, () => Kernel(x, quantized.detach().requires_grad_(true)), gradient), flops);
            var raw = randn(outShape, generator: generator) * layer.Scale * 0.5;
            Add("activation quantizer (forward)", Seconds(repeats, () => { using var s = NewDisposeScope(); layer.QuantizeOutput(raw.detach().requires_grad_(true)); }));
            Add("error quantizer (backward)", Gradient(repeats, () => layer.QuantizeOutput(raw.detach().requires_grad_(true)), gradient));
            if (l < network.Layers.Count - 1)
            {
                var pool = spec.FollowedByMaxPool;
                Add("ReLU and pooling (forward and backward)", Gradient(repeats, () =>
                {
                    var r = nn.functional.relu(raw.detach().requires_grad_(true));
                    return pool ? nn.functional.max_pool2d(r, 2, 2) : r;
                }, null, withForward: true));
            }
            using var device = new DeviceUpdate(DeviceModel.V2Default, layer.weight.shape, settings.WlWeight, settings.WlGrad, generator);
            var weights = layer.weight.detach();
            var weightGradient = randn(weights.shape, generator: generator) * 1e-2;
            var velocity = zeros_like(weights);
            Add("momentum", Seconds(repeats, () => { using var s = NewDisposeScope(); _ = velocity * settings.MomentumGamma + weightGradient * settings.MomentumAlpha; }));
            Add("device update (QG, C2C noise, clipping)", Seconds(repeats, () =>
            {
                using var s = NewDisposeScope();
                device.Apply(l, weights, weightGradient, settings.GradScale, generator, withStats: false);
            }));
            var statistics = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                using var s = NewDisposeScope();
                statistics.Add(device.Apply(l, weights, weightGradient, settings.GradScale, generator).StatsSeconds);
            }
            Add("update statistics (recording)", Median(statistics));
        }
        return [.. totals.Select(t => new Part(t.Key, t.Value.Seconds, t.Value.Flops))];
    }

    private static List<(string Name, List<double> Seconds)> ConvolutionKernels(int repeats)
    {
        var g = new Generator(3);
        using var scope = NewDisposeScope();
        var x = Wage.Wage.Quantize(rand([200, 128, 32, 32], generator: g), 8);
        var w = Wage.Wage.Quantize(rand([128, 128, 3, 3], generator: g) * 2 - 1, 5);
        // Channels-last: the same values with NHWC strides (TorchSharp has no memory_format argument; the strides select it).
        var xLast = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        var wLast = w.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        // bf16 on 8 of the 200 images (the rate is what counts): without AVX-512 bf16/AMX it is slow enough that 200 would take minutes.
        var (xHalf, wHalf) = (x.narrow(0, 0, 8).to_type(ScalarType.BFloat16), w.to_type(ScalarType.BFloat16));
        // Seconds scaled to the 200 images, so every line's GFLOP/s is of the same 60 GFLOP.
        List<double> Time(Tensor input, Tensor weights) => [.. Repeat(repeats, () =>
        {
            using var s = NewDisposeScope();
            using var _ = no_grad();
            nn.functional.conv2d(input, weights, padding: [1, 1]);
        }).Select(t => t * 200 / input.shape[0])];
        return [("fp32 (NCHW)", Time(x, w)), ("fp32, channels-last strides", Time(xLast, wLast)), ("bf16 (8 images, scaled to 200)", Time(xHalf, wHalf))];
    }

    private static double Seconds(int repeats, Action action) => Median(Repeat(repeats, action));

    /// <summary>
    /// Median seconds of the backward pass from what <paramref name="forward"/> builds (on fresh leaves) with
    /// <paramref name="gradient"/> (null: ones), the forward pass timed too when <paramref name="withForward"/>.
    /// </summary>
    private static double Gradient(int repeats, Func<Tensor> forward, Tensor? gradient, bool withForward = false)
    {
        var seconds = new List<double>();
        for (var r = 0; r <= repeats; r++)
        {
            using var scope = NewDisposeScope();
            var started = Stopwatch.GetTimestamp();
            var y = forward();
            if (!withForward) started = Stopwatch.GetTimestamp();
            y.backward([gradient ?? ones_like(y)]);
            if (r > 0) seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);   // the first warms up
        }
        return Median(seconds);
    }

    private static List<double> Repeat(int repeats, Action action)
    {
        action();   // warm-up
        var seconds = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return seconds;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The 1, 5 and 15-minute load averages (Linux), printed beside figures taken on a shared machine.</summary>
    private static string MachineLoad()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    private static string Text(params FormattableString[] parts) => string.Concat(parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Records nothing; notes when each batch finished, and starts the phase times afresh after the warm-up batch.</summary>
    private sealed class TimingSink(List<double> times, BatchPhaseTimes phases) : DiscardingSink
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public override Task EpochStarted(Core.Events.Contracts.EpochStarted epoch, CancellationToken ct)
        {
            _clock.Restart();
            return Task.CompletedTask;
        }

        public override Task Batch(Core.Events.Contracts.BatchUpdateApplied batch, CancellationToken ct)
        {
            times.Add(_clock.Elapsed.TotalSeconds);
            // Called before the trainer adds this batch's phases: at the second batch only the warm-up's are in.
            if (times.Count == 2) phases.Clear();
            _clock.Restart();
            return Task.CompletedTask;
        }
    }
}
