using NeuroSim.Replay.ChipModel.Device;
using NeuroSim.Replay.Recorder.Device;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>The device curve (NL -> A) and the device-aware update (V2.0 GetParamA, QG, W) on fixed inputs.</summary>
public sealed class DeviceTests
{
    [Theory]   // entries of V2.0's NL-to-A table (index = int(|NL|·100) − 1 in float32, clamped)
    [InlineData(0.01, 126.268958)]
    [InlineData(1.0, 1.251653)]
    [InlineData(1.46, 0.848677)]   // float32: 1.46·100 = 146 exactly -> the 1.46 entry
    [InlineData(1.75, 0.702081)]
    [InlineData(9.0, 0.02281)]
    [InlineData(20.0, 0.02281)]    // clamped to the last entry
    [InlineData(-1.75, -0.702081)] // asymmetric devices: the sign follows the label
    public void Nonlinearity_labels_map_to_the_tabulated_curve_parameter(double label, double a) =>
        Assert.Equal(a, Nonlinearity.NormalizedA(label), 6);

    [Fact]
    public void The_curve_bows_from_linear_by_the_label_definition()
    {
        foreach (var label in new[] { 0.5, 2.0, 5.0 })
            Assert.Equal(Math.Sqrt(2) * 0.07 * label, Nonlinearity.MaxBow(Nonlinearity.SolveA(label)), 9);
        Assert.Equal(2 / (1 - Math.Exp(-32 / 22.4)), Nonlinearity.ParamB(22.4, 32), 12);
    }

    [Fact]
    public void Gradients_become_pulses_on_the_device_curve_for_LTP_and_LTD()
    {
        var device = new DeviceModel(1.75, 1.46, 32, 0, 0);
        using var update = new DeviceUpdate(device, [3], weightBits: 5, gradientBits: 5, new Generator(1));
        var w = new[] { 0.0, 0.5, -0.5 };
        var grad = new[] { 0.25, -0.5, 0.0 };
        var (change, ltp, ltd) = update.DeviceGradient(tensor(w, dtype: ScalarType.Float32), tensor(grad, dtype: ScalarType.Float32), 1.0, new Generator(2));
        // max |g| = 0.5 -> scaled [0.5, -1, 0] -> pulses round(g/2·32) = [8, -16, 0]: 8 LTD pulses, 16 LTP pulses.
        Assert.Equal(16, ltp);
        Assert.Equal(8, ltd);
        double[] pulses = [8, -16, 0];
        var aLtp = Nonlinearity.NormalizedA(1.75) * 32;
        var aLtd = Nonlinearity.NormalizedA(1.46) * 32;
        var got = change.data<float>().ToArray();
        for (var i = 0; i < 3; i++)
        {
            var a = pulses[i] < 0 ? aLtp : aLtd;
            var b = 2 / (1 - Math.Exp(-32 / a));
            var position = -a * Math.Log(1 - (w[i] + 1) / b);
            var moved = Math.Clamp(b * (1 - Math.Exp(-(position - pulses[i]) / a)) - 1, -0.9375, 0.9375);
            var expected = w[i] - moved;   // then stochastically rounded to an integer and divided by 2^(5-1)
            var units = got[i] * 16;
            Assert.True(units == Math.Floor(expected) || units == Math.Floor(expected) + 1, $"cell {i}: {units} from {expected}");
        }
        Assert.Equal(0f, got[2]);
    }

    [Fact]
    public void A_weight_beyond_its_curves_end_stays_finite_at_the_end_of_the_curve()
    {
        // RD-77: with NL 9 (A = 0.02281·32 = 0.73) the curve spans [−1, b − 1] with b − 1 = 1 (to float precision); a weight of
        // 1.4 (wage_init draws up to ±1.5) lies beyond it. V2.0's log of a negative number gives NaN for good; we put the
        // cell at the curve's end, so the change is finite.
        var device = new DeviceModel(9.0, 9.0, 32, 0, 0);
        using var update = new DeviceUpdate(device, [2], 5, 5, new Generator(1));
        var (change, ltp, ltd) = update.DeviceGradient(tensor(new[] { 1.4f, -0.2f }), tensor(new[] { 0.5f, -0.5f }), 1.0, new Generator(2));
        var got = change.data<float>().ToArray();
        Assert.All(got, v => Assert.True(float.IsFinite(v), $"change {v}"));
        Assert.Equal(16, ltp);
        Assert.Equal(16, ltd);
        // From the curve's end, depression moves the clipped weight (0.9375) down: a positive change.
        Assert.True(got[0] > 0, $"change {got[0]}");
    }

    [Fact]
    public void An_all_zero_gradient_changes_nothing_and_counts_no_pulses()
    {
        // RD-79: V2.0 asserts "QG blow" and stops training; we apply no update for that layer and batch.
        var device = new DeviceModel(1.75, 1.46, 32, 0, 0);
        using var update = new DeviceUpdate(device, [3], 5, 5, new Generator(1));
        var (change, ltp, ltd) = update.DeviceGradient(tensor(new[] { 0.1f, -0.3f, 0.5f }), zeros(3), 1.0, new Generator(2));
        Assert.Equal(new[] { 0f, 0f, 0f }, change.data<float>().ToArray());
        Assert.Equal((0L, 0L), (ltp, ltd));
    }

    [Fact]
    public void Cycle_to_cycle_noise_hits_only_updated_cells_with_twice_the_setting_as_deviation()
    {
        const int n = 20_000;
        var device = new DeviceModel(0.01, 0.01, 32, 0.01, 0);
        using var update = new DeviceUpdate(device, [n], 5, 5, new Generator(1));
        var w = zeros(n);
        var grad = cat([full(n / 2, 0.5f), zeros(n / 2)]);
        var outcome = update.Apply(0, w, grad, 1.0, new Generator(3));
        var noise = (outcome.Weights + outcome.Delta - w).data<float>().ToArray();   // what is left besides the device change
        Assert.All(noise.Skip(n / 2), v => Assert.Equal(0f, v));
        var updated = noise.Take(n / 2).ToArray();
        var std = Math.Sqrt(updated.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.019, 0.021);
    }

    [Fact]
    public void Updates_are_clipped_at_the_conductance_bounds_and_counted()
    {
        var device = new DeviceModel(0.01, 0.01, 32, 0, 0);
        using var update = new DeviceUpdate(device, [2], 5, 5, new Generator(1));
        var outcome = update.Apply(3, tensor(new[] { 0.9375f, -0.9375f }), tensor(new[] { -1f, 1f }), 8.0, new Generator(4));
        Assert.Equal(new[] { 0.9375f, -0.9375f }, outcome.Weights.data<float>().ToArray());
        Assert.Equal(1, outcome.Stats.CellsClippedMax);
        Assert.Equal(1, outcome.Stats.CellsClippedMin);
        Assert.Equal(3, outcome.Stats.LayerIndex);
    }

    [Fact]
    public void Device_to_device_variation_is_drawn_once_per_cell()
    {
        var device = new DeviceModel(1.0, 1.0, 32, 0, 0.2);
        using var update = new DeviceUpdate(device, [1000], 5, 5, new Generator(9));
        Assert.NotNull(update.NonlinearityD2D);
        var offsets = update.NonlinearityD2D!;
        var std = Math.Sqrt(offsets.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.18, 0.22);
        Assert.True(update.ALtp.data<float>().ToArray().Distinct().Count() > 10, "cells must differ");
    }

    [Fact]
    public void Update_statistics_read_from_memory_equal_torchs()
    {
        var g = new Generator(7);
        using var delta = (randn([1000, 37], generator: g) * 0.01f) * (rand([1000, 37], generator: g) > 0.4f).to_type(ScalarType.Float32);
        using var updated = (rand([1000, 37], generator: g) * 2.2f - 1.1f).clamp(-0.9375f, 0.9375f);
        var stats = UpdateStatistics.Of(3, 11, 12,
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(delta.bytes),
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(updated.bytes), 0.9375f);
        Assert.Equal((3, 11L, 12L), (stats.LayerIndex, stats.LtpPulses, stats.LtdPulses));
        Assert.Equal(delta.count_nonzero().item<long>(), stats.CellsChanged);
        Assert.Equal(delta.mean().item<float>(), stats.DeltaMean, 1e-7);
        Assert.Equal(delta.std().item<float>(), stats.DeltaStd, 1e-6);
        Assert.Equal((updated <= -0.9375f).sum().item<long>(), stats.CellsClippedMin);
        Assert.Equal((updated >= 0.9375f).sum().item<long>(), stats.CellsClippedMax);
        Assert.True(stats.CellsClippedMin > 0 && stats.CellsClippedMax > 0 && stats.CellsChanged < 37000);
    }
}
