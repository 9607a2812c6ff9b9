using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Wage;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>
/// The fused quantizers (fewer temporaries, issue #16) against the V2.0-shaped composition they replace, bit for bit on
/// fixed inputs: values, signs of zero and gradients.
/// </summary>
public sealed class FusedQuantizerTests
{
    private static int[] Bits(Tensor t) => t.detach().contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Random values plus the awkward ones: grid ties (half to even), the clip limit, beyond it, zeros of both signs.</summary>
    private static Tensor Inputs(double spread, int bits, long seed)
    {
        var steps = (float)Wage.Wage.Steps(Math.Max(2, bits));
        var limit = (float)Wage.Wage.ClipLimit(bits);
        float[] edges = [0f, -0f, 0.5f / steps, -0.5f / steps, 1.5f / steps, -2.5f / steps, limit, -limit, limit + 0.5f / steps, 3f, -3f, 1e-30f, -1e-30f];
        var random = randn(4000, generator: new Generator((ulong)seed)) * spread;
        return cat([random, tensor(edges) * (float)spread]);
    }

    [Theory]
    [InlineData(8, 8, 1.0)]
    [InlineData(8, 8, 8.0)]
    [InlineData(5, 8, 2.0)]
    [InlineData(-1, 8, 4.0)]
    [InlineData(8, -1, 16.0)]
    [InlineData(2, 3, 1.0)]
    [InlineData(1, 8, 2.0)]
    [InlineData(16, 16, 1.0)]
    public void The_fused_output_quantizer_equals_division_clip_and_error_quantizer_bit_for_bit(int activationBits, int errorBits, double scale)
    {
        var raw = Inputs(scale * 0.7, activationBits, 11);
        // The error as a layer receives it, and a grid of ties: max 96.5/1024 -> power 1/8, so each value lands on a half step of 1/128.
        foreach (var error in new[] { randn(raw.shape, generator: new Generator(12)) * 1e-3, (arange(raw.numel()) % 194 - 96.5) / 1024.0 })
        {
            var reference = raw.detach().clone().requires_grad_(true);
            var expected = ErrorQuantizer.Apply(reference / scale, activationBits, errorBits);
            expected.backward([error]);
            var fused = raw.detach().clone().requires_grad_(true);
            var actual = FusedOutputQuantizer.Apply(fused, scale, activationBits, errorBits);
            actual.backward([error]);
            Assert.Equal(Bits(expected), Bits(actual));
            Assert.Equal(Bits(reference.grad!), Bits(fused.grad!));
        }
    }

    [Fact]
    public void An_all_zero_error_passes_as_zeros_through_the_fused_output_quantizer_as_through_the_reference()
    {
        var raw = Inputs(2, 8, 3);
        var reference = raw.detach().clone().requires_grad_(true);
        ErrorQuantizer.Apply(reference / 2.0, 8, 8).backward([zeros_like(raw)]);
        var fused = raw.detach().clone().requires_grad_(true);
        FusedOutputQuantizer.Apply(fused, 2.0, 8, 8).backward([zeros_like(raw)]);
        Assert.Equal(Bits(reference.grad!), Bits(fused.grad!));
        Assert.All(fused.grad!.data<float>().ToArray(), v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
    }

    [Theory]
    [InlineData(5, 1.0)]
    [InlineData(5, 8.0)]
    [InlineData(5, 16.0)]
    [InlineData(3, 2.0)]
    [InlineData(1, 4.0)]
    public void The_fused_weight_quantizer_equals_v2s_straight_through_expression_bit_for_bit(int bits, double scale)
    {
        var weights = Inputs(1.0, bits, 21);
        var reference = weights.detach().clone().requires_grad_(true);
        var scaled = reference * scale + (reference - reference * scale).detach();
        var expected = scaled + (Wage.Wage.Quantize(scaled, bits) - scaled).detach();
        var gradient = randn(weights.shape, generator: new Generator(22));
        expected.backward([gradient]);
        var fused = weights.detach().clone().requires_grad_(true);
        var actual = FusedWeightQuantizer.Apply(fused, scale, bits);
        actual.backward([gradient]);
        Assert.Equal(Bits(expected), Bits(actual));
        Assert.Equal(Bits(reference.grad!), Bits(fused.grad!));
    }

    [Fact]
    public void A_wage_layer_computes_what_v2s_composition_computes_forward_and_backward()
    {
        var layer = new WageLayer("Conv0_", 3, 8, 3, true, 5, 8, 8, new Generator(4));
        var x = Wage.Wage.Quantize(rand([2, 3, 6, 6], generator: new Generator(5)), 8);
        var error = randn([2, 8, 6, 6], generator: new Generator(6)) * 1e-2;
        layer.forward(x).backward([error]);
        var fusedGradient = layer.weight.grad!.clone();
        var w = layer.weight.detach().clone().requires_grad_(true);
        var scaled = w * layer.Scale + (w - w * layer.Scale).detach();
        var q = scaled + (Wage.Wage.Quantize(scaled, 5) - scaled).detach();
        var expected = ErrorQuantizer.Apply(nn.functional.conv2d(x, q, padding: [1, 1]) / layer.Scale, 8, 8);
        expected.backward([error]);
        Assert.Equal(Bits(expected), Bits(layer.forward(x)));
        Assert.Equal(Bits(w.grad!), Bits(fusedGradient));
    }
}
