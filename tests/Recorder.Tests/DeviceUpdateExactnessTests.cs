using NeuroSim.Replay.Recorder.Device;
using TorchSharp;
using static TorchSharp.torch;
using W = NeuroSim.Replay.Recorder.Wage.Wage;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>
/// The device update, rewritten in place (issue #16), against its plain form (V2.0's QG and W formulas written as
/// expressions, as the recorder computed them before): the same changes, pulse counts and updated weights bit for bit,
/// with the same random draws, on fixed inputs.
/// </summary>
public sealed class DeviceUpdateExactnessTests
{
    private static int[] Bits(Tensor t) => t.contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>The plain form: V2.0's QG, one expression a line.</summary>
    private static (Tensor Change, long Ltp, long Ltd) PlainGradient(DeviceUpdate update, DeviceModel device, Tensor weights, Tensor gradient,
        double learningRate, int weightBits, int gradientBits, Generator generator)
    {
        var max = gradient.abs().max();
        if (max.item<float>() == 0) return (zeros_like(weights), 0, 0);
        var g = gradient / W.NearestPowerOfTwo(max) * learningRate;
        var levels = (double)device.MaxLevel;
        var pulses = (g / 2 * levels).round();
        var potentiate = pulses.sign() < 0;
        var a = where(potentiate, update.ALtp, update.ALtd);
        var b = 2 / (1 - (-levels / a).exp());
        var position = -a * (1 - (weights + 1) / b).clamp_min(1e-6).log();
        var moved = b * (1 - (-(position - pulses) / a).exp()) - 1;
        var change = weights - W.Clip(moved, weightBits);
        var rounded = W.StochasticRound(change, generator) / W.Steps(gradientBits);
        var ltp = pulses.where(potentiate, 0).abs().sum().item<float>();
        var ltd = pulses.where(pulses > 0, 0).sum().item<float>();
        return (rounded, (long)ltp, (long)ltd);
    }

    public static TheoryData<double, double, double, double> Devices => new()
    {
        { 1.75, 1.46, 0.003, 0 },     // V2.0's default
        { 1.75, 1.46, 0.003, 0.5 },   // device-to-device variation of the labels
        { 9, 9, 0.03, 0 },            // curves that end before ±1.5 (RD-77)
        { 2.5, -2.5, 0, 0 },          // asymmetric, no noise
    };

    [Theory]
    [MemberData(nameof(Devices))]
    public void The_in_place_update_equals_the_plain_formulas_bit_for_bit(double ltpLabel, double ltdLabel, double c2c, double d2d)
    {
        var device = new DeviceModel(ltpLabel, ltdLabel, 32, c2c, d2d);
        long[] shape = [64, 3, 3, 3];
        using var update = new DeviceUpdate(device, shape, 5, 5, new Generator(1));
        var data = new Generator(7);
        var weights = rand(shape, generator: data) * 3 - 1.5;                    // wage_init's range, beyond the clip limit too
        var gradient = randn(shape, generator: data) * 1e-2;
        gradient.view(-1).narrow(0, 0, 100).zero_();                              // cells without an update
        foreach (var lr in new[] { 1.0, 0.125 })
        {
            var (plain, plainLtp, plainLtd) = PlainGradient(update, device, weights, gradient, lr, 5, 5, new Generator(3));
            var (change, ltp, ltd) = update.DeviceGradient(weights, gradient, lr, new Generator(3));
            Assert.Equal(Bits(plain), Bits(change));
            Assert.Equal((plainLtp, plainLtd), (ltp, ltd));

            // W: the SGD step with the change, C2C noise on updated cells, clipping; the same draws from the same generator.
            var generator = new Generator(5);
            var (expectedChange, _, _) = PlainGradient(update, device, weights, gradient, lr, 5, 5, generator);
            var stepped = weights - expectedChange;
            if (c2c > 0) stepped += normal(0, c2c * 2, weights.shape, generator: generator) * expectedChange.abs().sign();
            var expected = W.Clip(stepped, 5);
            var outcome = update.Apply(0, weights, gradient, lr, new Generator(5));
            Assert.Equal(Bits(expected), Bits(outcome.Weights));
            Assert.Equal(Bits(expectedChange), Bits(outcome.Delta));
        }
        var unchanged = update.DeviceGradient(weights, zeros_like(gradient), 1.0, new Generator(3));
        Assert.Equal((0L, 0L, 0f), (unchanged.LtpPulses, unchanged.LtdPulses, unchanged.Change.abs().max().item<float>()));
    }
}
