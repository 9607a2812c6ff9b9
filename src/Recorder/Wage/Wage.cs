using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Wage;

/// <summary>
/// WAGE quantization as DNN+NeuroSim V2.0's wrapper applies it (utee/wage_quantizer.py; Wu et al., "Training and
/// inference with integers in deep neural networks", ICLR 2018): values live on a grid of 2^(bits−1) steps per
/// unit, clipped to ±(1 − 2^(1−bits)). Pure functions of their inputs (and of the generator for stochastic rounding).
/// </summary>
public static class Wage
{
    /// <summary>Steps per unit of a <paramref name="bits"/>-bit grid: 2^(bits−1).</summary>
    public static double Steps(int bits) => Math.Pow(2, bits - 1);

    /// <summary>The largest magnitude a <paramref name="bits"/>-bit value may take (1 for 1 bit or more than 15 bits).</summary>
    public static double ClipLimit(int bits) => bits > 15 || bits == 1 ? 1 : 1 - 1 / Steps(bits);

    /// <summary>C: clip to ±<see cref="ClipLimit"/>.</summary>
    public static Tensor Clip(Tensor x, int bits)
    {
        var limit = ClipLimit(bits);
        return x.clamp(-limit, limit);
    }

    /// <summary>Q: round to the grid (sign for 1 bit; unchanged above 15 bits).</summary>
    public static Tensor Quantize(Tensor x, int bits)
    {
        if (bits == 1) return x.sign();
        if (bits > 15) return x.alias();
        var s = Steps(bits);
        return (x * s).round() / s;
    }

    /// <summary>
    /// <see cref="Quantize"/> done in <paramref name="x"/> itself (returned): the same operations in the same order, so the
    /// same values, without the temporaries.
    /// </summary>
    public static Tensor QuantizeInPlace(Tensor x, int bits)
    {
        if (bits == 1) return x.sign_();
        if (bits > 15) return x;
        var s = Steps(bits);
        return x.mul_(s).round_().div_(s);
    }

    /// <summary>
    /// <see cref="QuantizeError"/> in one fresh tensor (the division by the power of two), clipped and quantized in place:
    /// the same operations in the same order, so the same values.
    /// </summary>
    public static Tensor QuantizeErrorInPlace(Tensor error, int bits)
    {
        using var max = error.abs().max();
        if (max.item<float>() == 0) throw new ArithmeticException("QE: the error tensor is all zeros.");
        using var power = NearestPowerOfTwo(max);
        var limit = ClipLimit(bits);
        return QuantizeInPlace(error.div(power).clamp_(-limit, limit), bits);
    }

    /// <summary>The power of two nearest (in log scale) to each element: 2^round(log2 x).</summary>
    public static Tensor NearestPowerOfTwo(Tensor x) => torch.pow(2.0, x.log2().round());

    /// <summary>QE: errors scaled by the power of two nearest their largest magnitude, then clipped and quantized.</summary>
    /// <exception cref="ArithmeticException">All errors are zero (V2.0 asserts "QE blow"; the error quantizer passes zeros on without calling this, RD-78).</exception>
    public static Tensor QuantizeError(Tensor error, int bits)
    {
        var max = error.abs().max();
        if (max.item<float>() == 0) throw new ArithmeticException("QE: the error tensor is all zeros.");
        return Quantize(Clip(error / NearestPowerOfTwo(max), bits), bits);
    }

    /// <summary>SR: stochastic rounding, floor(x + u) with u uniform in [0, 1).</summary>
    public static Tensor StochasticRound(Tensor x, Generator? generator) =>
        (x + torch.rand(x.shape, dtype: x.dtype, device: x.device, generator: generator)).floor();
}
