using NeuroSim.Replay.Recorder.Wage;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>The WAGE quantizers against V2.0's formulas (utee/wage_quantizer.py) on fixed inputs.</summary>
public sealed class WageTests
{
    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Theory]
    [InlineData(5, 0.9375)]
    [InlineData(8, 1 - 1.0 / 128)]
    [InlineData(2, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(16, 1.0)]
    public void Clipping_stops_one_grid_step_short_of_one(int bits, double limit)
    {
        Assert.Equal(limit, Wage.Wage.ClipLimit(bits));
        var x = tensor(new[] { -3f, -0.5f, 0.25f, 3f });
        Assert.Equal(new[] { (float)-limit, -0.5f, 0.25f, (float)limit }.Select(v => Math.Clamp(v, (float)-limit, (float)limit)), Values(Wage.Wage.Clip(x, bits)));
    }

    [Fact]
    public void Quantize_rounds_to_the_grid_half_to_even_like_torch_round()
    {
        // 5 bits: steps of 1/16. torch.round rounds halves to even.
        var x = tensor(new[] { 0.03f, 0.03125f, 0.09375f, -0.47f, 0.9f });   // ·16 = 0.48, 0.5, 1.5, -7.52, 14.4
        Assert.Equal(new[] { 0f, 0f, 0.125f, -0.5f, 0.875f }, Values(Wage.Wage.Quantize(x, 5)));
        Assert.Equal(new[] { 1f, -1f }, Values(Wage.Wage.Quantize(tensor(new[] { 0.2f, -0.1f }), 1)));
    }

    [Fact]
    public void Error_quantization_scales_by_the_nearest_power_of_two_of_the_largest_error()
    {
        // max |e| = 0.3 -> 2^round(log2 0.3) = 2^-2 = 0.25; e/0.25 = [1.2, -0.4, 0.1] -> clip 8 bits (±127/128) -> grid 1/128.
        var e = tensor(new[] { 0.3f, -0.1f, 0.025f });
        var q = Values(Wage.Wage.QuantizeError(e, 8));
        Assert.Equal(new[] { 127f / 128, -51f / 128, 13f / 128 }, q);
        Assert.Throws<ArithmeticException>(() => Wage.Wage.QuantizeError(zeros(3), 8));
    }

    [Fact]
    public void Stochastic_rounding_is_unbiased_and_lands_on_neighbouring_integers()
    {
        var g = new Generator(5);
        var x = full(200_000, 0.3f);
        var r = Wage.Wage.StochasticRound(x, g);
        var values = Values(r);
        Assert.All(values.Distinct(), v => Assert.Contains(v, new[] { 0f, 1f }));
        Assert.InRange(values.Average(), 0.295, 0.305);
        var negative = Values(Wage.Wage.StochasticRound(full(200_000, -1.75f), g));
        Assert.All(negative.Distinct(), v => Assert.Contains(v, new[] { -2f, -1f }));
        Assert.InRange(negative.Average(), -1.755, -1.745);
    }

    [Fact]
    public void The_error_quantizer_rounds_forward_and_quantizes_the_error_backward()
    {
        var x = tensor(new[] { 0.3f, -2f, 0.01f }, requires_grad: true);
        var y = ErrorQuantizer.Apply(x, 8, 8);
        Assert.Equal(new[] { 38f / 128, -127f / 128, 1f / 128 }, Values(y.detach()));
        y.backward([tensor(new[] { 0.3f, -0.1f, 0.025f })]);
        // Backward: QE of the incoming error (clipping passes no gradient where the forward clipped).
        Assert.Equal(new[] { 127f / 128, 0f, 13f / 128 }, Values(x.grad!));
    }
}
