using NeuroSim.Replay.ChipModel.Device;
using LayerUpdateStats = NeuroSim.Replay.Core.Events.Contracts.LayerUpdateStats;
using static TorchSharp.torch;
using W = NeuroSim.Replay.Recorder.Wage.Wage;

namespace NeuroSim.Replay.Recorder.Device;

/// <summary>What one weight update did to a layer's devices.</summary>
/// <param name="StatsSeconds">Time spent on the statistics (what recording adds to the update).</param>
public sealed record UpdateOutcome(Tensor Weights, Tensor Delta, LayerUpdateStats Stats, double StatsSeconds = 0);

/// <summary>
/// One layer's devices: the curve parameters A for LTP and LTD of every cell (with device-to-device variation
/// drawn once) and the weight update through them (V2.0 QG then W): the gradient becomes pulses on the device
/// curve, the conductance moves along it, the change is stochastically rounded to the gradient grid, and every
/// updated cell gets cycle-to-cycle noise before clipping.
/// </summary>
public sealed class DeviceUpdate : IDisposable
{
    private readonly DeviceModel _device;
    private readonly int _weightBits, _gradientBits;

    /// <param name="d2dOffsets">Offsets drawn before (a resumed run); null draws them now.</param>
    public DeviceUpdate(DeviceModel device, long[] shape, int weightBits, int gradientBits, Generator generator, float[]? d2dOffsets = null)
    {
        _device = device;
        _weightBits = weightBits;
        _gradientBits = gradientBits;
        using var scope = NewDisposeScope();
        // D2D: each cell's labels are NL + N(0, d2dVari), the same draw for LTP and LTD (as V2.0).
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (d2dOffsets is not null && d2dOffsets.Length != count)
            throw new ArgumentException($"device offsets: {d2dOffsets.Length} values for {count} cells");
        var variation = d2dOffsets
            ?? (device.D2DVariation > 0 ? normal(0, device.D2DVariation, shape, generator: generator).data<float>().ToArray() : new float[count]);
        NonlinearityD2D = device.D2DVariation > 0 ? variation : null;
        ALtp = ParamA(device.NonlinearityLtp, variation, shape, device.MaxLevel).MoveToOuterDisposeScope();
        ALtd = ParamA(device.NonlinearityLtd, variation, shape, device.MaxLevel).MoveToOuterDisposeScope();
    }

    /// <summary>Per cell, A·max_level for potentiation and depression (V2.0 paramALTP/paramALTD).</summary>
    public Tensor ALtp { get; }
    public Tensor ALtd { get; }
    /// <summary>The realized D2D offsets of the labels (null without D2D variation).</summary>
    public float[]? NonlinearityD2D { get; }

    private static Tensor ParamA(double label, float[] variation, long[] shape, int maxLevel)
    {
        var a = new double[variation.Length];
        for (var i = 0; i < a.Length; i++)
            // RD-80: V2.0's float32 label-to-A lookup (truncated, clamped), its table recomputed.
            a[i] = Nonlinearity.NormalizedA((float)label + variation[i]) * maxLevel;
        return tensor(a, dtype: ScalarType.Float32).reshape(shape);
    }

    /// <summary>
    /// QG: the weight change for <paramref name="gradient"/> (already momentum-filtered) at <paramref name="learningRate"/>
    /// (grad_scale), as the device can realize it, on the <c>wl_grad</c> grid. <paramref name="weights"/> are the current weights.
    /// </summary>
    public (Tensor Change, long LtpPulses, long LtdPulses) DeviceGradient(Tensor weights, Tensor gradient, double learningRate, Generator generator)
    {
        using var scope = NewDisposeScope();
        var max = gradient.abs().max();
        // RD-79: V2.0 asserts "QG blow" on an all-zero gradient; we apply no change and count no pulses.
        if (max.item<float>() == 0)
            return (zeros_like(weights).MoveToOuterDisposeScope(), 0, 0);
        // Each step below is V2.0's formula operation for operation, in place where a value is not needed again (issue #16:
        // fewer temporaries, the same values; tests/Recorder.Tests DeviceUpdateExactnessTests compares with the plain form).
        // TorchSharp's scalar / tensor is reciprocal·scalar and scalar − tensor is −tensor + scalar: so written here.
        var levels = (double)_device.MaxLevel;
        var pulses = gradient.div(W.NearestPowerOfTwo(max)).mul_(learningRate).div_(2).mul_(levels).round_();
        // A negative change of the gradient raises the weight: potentiation.
        var potentiate = pulses.lt(0);
        var a = where(potentiate, ALtp, ALtd);
        var b = a.reciprocal().mul_(-levels).exp_().neg_().add_(1).reciprocal_().mul_(2);   // 2 / (1 − exp(−levels / a))
        // Pulse position of each weight on its curve. RD-77: weights start uniform in ±1.5 (wage_init) while a curve spans
        // [−1, b−1]: with device-to-device variation lowering A, b−1 can fall below such a weight and V2.0's log
        // turns the cell into NaN for good. We put those cells at the curve's end instead (finite, then clipped).
        // −a · log(max(1 − (w + 1) / b, 1e-6)); (−a)·x = −(a·x) exactly.
        var position = weights.add(1).div_(b).neg_().add_(1).clamp_min_(1e-6).log_().mul_(a).neg_();
        // b · (1 − exp(−(position − pulses) / a)) − 1, clipped to the weight range.
        var limit = W.ClipLimit(_weightBits);
        var moved = position.sub_(pulses).neg_().div_(a).exp_().neg_().add_(1).mul_(b).sub_(1).clamp_(-limit, limit);
        var change = weights.sub(moved);
        // SR: floor(change + u), u uniform in [0, 1), on the wl_grad grid.
        var rounded = change.add_(rand(change.shape, dtype: change.dtype, device: change.device, generator: generator)).floor_().div_(W.Steps(_gradientBits));
        var ltp = pulses.where(potentiate, 0).abs().sum().item<float>();
        var ltd = pulses.where(pulses > 0, 0).sum().item<float>();
        return (rounded.MoveToOuterDisposeScope(), (long)ltp, (long)ltd);
    }

    /// <summary>
    /// SGD step (lr 1) with the device change, then W: cycle-to-cycle noise N(0, 2·c2cVari) on every cell that
    /// received an update, and clipping to the weight range.
    /// </summary>
    /// <param name="withStats">False skips the statistics (training with recording off).</param>
    public UpdateOutcome Apply(int layerIndex, Tensor weights, Tensor gradient, double learningRate, Generator generator, bool withStats = true)
    {
        using var scope = NewDisposeScope();
        var (change, ltp, ltd) = DeviceGradient(weights, gradient, learningRate, generator);
        var stepped = weights.sub(change);
        if (_device.C2CVariation > 0)
        {
            var noise = normal(0, _device.C2CVariation * 2, weights.shape, generator: generator);
            stepped.add_(noise.mul_(change.abs().sign_()));
        }
        var limit = W.ClipLimit(_weightBits);
        var updated = stepped.clamp_(-limit, limit);
        if (!withStats)
            return new UpdateOutcome(updated.MoveToOuterDisposeScope(), change.MoveToOuterDisposeScope(), new LayerUpdateStats { LayerIndex = layerIndex });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var delta = (updated - weights).contiguous();
        var stats = UpdateStatistics.Of(layerIndex, ltp, ltd,
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(delta.bytes),
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(updated.contiguous().bytes), (float)W.ClipLimit(_weightBits));
        return new UpdateOutcome(updated.MoveToOuterDisposeScope(), change.MoveToOuterDisposeScope(), stats,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public void Dispose()
    {
        ALtp.Dispose();
        ALtd.Dispose();
    }
}
