using System.Globalization;
using NeuroSim.Replay.Accuracy.Inference;
using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// What the chip computes where we keep or fix V2.0's behaviour: the ideal chip's mapped product (RD-91), every row and kernel tap
/// read (RD-85, RD-86) unless v2Quirks, a read of zero range (RD-87). Expected values come from the formulas, computed here.
/// </summary>
public sealed class LayerBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CimSettings Ideal(int subArray, bool quirks = false) => new()
    {
        WeightBits = 5, CellBit = 1, SubArrayRows = subArray, AdcLevels = 0, OnOff = OnOffRatio.Of(10),
        Cells = AccuracyConfig.Default with { V2Quirks = quirks },
    };

    /// <summary>V2.0's mapped weight and input (NOTES.md §2, §3): w ± 2^-bW and round(255·x)/256.</summary>
    private static double WEff(double w, int bits) => (2 * Math.Round((Math.Pow(2, bits) - 1) / 2 * (w + 1), MidpointRounding.ToEven) - (Math.Pow(2, bits) - 1)) / Math.Pow(2, bits);
    private static double XEff(double x) => Math.Round(255 * x, MidpointRounding.ToEven) / 256;

    /// <summary>Σ over the rows <paramref name="read"/> keeps of f(x)·g(w), output [b, o, y, x] (same padding).</summary>
    private static double[] Product(LayerShape s, double[] weights, double[] input, int batch, Func<int, int, bool> read, Func<double, double> f, Func<double, double> g)
    {
        var y = new double[batch * s.OutputSize];
        int kk = s.KernelHeight * s.KernelWidth;
        for (var b = 0; b < batch; b++)
            for (var o = 0; o < s.OutChannels; o++)
                for (var py = 0; py < s.Height; py++)
                    for (var px = 0; px < s.Width; px++)
                    {
                        double sum = 0;
                        for (var c = 0; c < s.InChannels; c++)
                            for (var i = 0; i < s.KernelHeight; i++)
                                for (var j = 0; j < s.KernelWidth; j++)
                                {
                                    int iy = py + i - s.KernelHeight / 2, ix = px + j - s.KernelWidth / 2;
                                    if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width || !read(c, i * s.KernelWidth + j)) continue;
                                    sum += f(input[((b * s.InChannels + c) * s.Height + iy) * s.Width + ix]) * g(weights[(c * kk + i * s.KernelWidth + j) * s.OutChannels + o]);
                                }
                        y[((b * s.OutChannels + o) * s.Height + py) * s.Width + px] = sum;
                    }
        return y;
    }

    /// <summary>Seeded 5-bit WAGE weights k/16 and 8-bit activations j/128 (40 % zeros), as the reference data's.</summary>
    private static (double[] Weights, double[] Input) Random(LayerShape s, int batch, int seed)
    {
        var rng = new Random(seed);
        var w = Enumerable.Range(0, s.Rows * s.OutChannels).Select(_ => rng.Next(-15, 16) / 16.0).ToArray();
        var x = Enumerable.Range(0, batch * s.InputSize).Select(_ => rng.NextDouble() < 0.4 ? 0 : rng.Next(1, 128) / 128.0).ToArray();
        return (w, x);
    }

    private static void Equal(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = Enumerable.Range(0, expected.Length).MaxBy(i => Math.Abs(expected[i] - actual[i]));
        Assert.True(Math.Abs(expected[worst] - actual[worst]) <= tolerance, $"{what}: output {worst}: expected {expected[worst]:R}, got {actual[worst]:R}");
    }

    [Fact]
    public void An_ideal_chip_computes_the_mapped_weights_and_inputs()
    {
        // On/off ratios as fractions (10), not as small fractions (10π: conductances in doubles) and infinite (SRAM): R cancels.
        foreach (var (name, ratio) in new[] { ("fc", 10), ("convA", 10 * Math.PI), ("convB", double.PositiveInfinity) })
        {
            var layer = ReferenceInference.Load(name);
            var s = layer.Shape;
            Assert.Equal(!double.IsFinite(ratio) || ratio == 10, OnOffRatio.Of(ratio).Exact);
            var chip = new CimLayer(s, layer.Weights, Ideal(512) with { OnOff = OnOffRatio.Of(ratio) }, false).Forward(layer.Input, layer.Batch, new LayerRead(1, 0, 0, 0, null), Ct);
            Equal(Product(s, layer.Weights, layer.Input, layer.Batch, (_, _) => true, XEff, w => WEff(w, 5)), chip, 1e-10, $"{name}: ideal chip vs Σ x_eff·w_eff");
            // Not the software product: per output at most Σ (x·2^-bW + |w|/256 + 2^-bW/256) away from it (NOTES.md §8), and away.
            var software = Product(s, layer.Weights, layer.Input, layer.Batch, (_, _) => true, x => x, w => w);
            var xs = Product(s, Enumerable.Repeat(1.0, layer.Weights.Length).ToArray(), layer.Input, layer.Batch, (_, _) => true, x => x / 32, _ => 1);
            var ws = Product(s, layer.Weights, Enumerable.Repeat(1.0, layer.Input.Length).ToArray(), layer.Batch, (_, _) => true, x => x, w => Math.Abs(w) / 256 + 1.0 / 32 / 256);
            for (var i = 0; i < chip.Length; i++)
                Assert.True(Math.Abs(chip[i] - software[i]) <= xs[i] + ws[i] + 1e-12, $"{name} output {i}: |chip - software| {Math.Abs(chip[i] - software[i])} above the bound {xs[i] + ws[i]}");
            Assert.True(Enumerable.Range(0, chip.Length).Max(i => Math.Abs(chip[i] - software[i])) > 0.01, $"{name}: the ideal chip is the software product");
        }
        // The reference does the same: its near-ideal chip (24-bit ADC, one 512-row array) is not its software output.
        var d41 = ReferenceInference.Cases().Single(c => c.Id == "d41" && c.Layer == "fc");
        Assert.True(ReferenceInference.D(d41.Row["max_abs_exact_minus_software"]) > 0.5);
    }

    [Fact]
    public void Without_quirks_every_row_and_kernel_tap_is_read()
    {
        // 300 inputs on 64-row arrays: 4 full arrays and one of 44 rows; V2.0 reads the first 256 rows only.
        var fc = LayerShape.FullyConnected(300, 7);
        var (w, x) = Random(fc, 5, 1);
        var all = new CimLayer(fc, w, Ideal(64), false).Forward(x, 5, new LayerRead(1, 0, 0, 0, null), Ct);
        Assert.Equal(5, new ArrayLayout(fc, 64, true, false).Arrays.Count);
        Equal(Product(fc, w, x, 5, (_, _) => true, XEff, v => WEff(v, 5)), all, 1e-12, "fc, every row");
        var quirks = new CimLayer(fc, w, Ideal(64, quirks: true), false).Forward(x, 5, new LayerRead(1, 0, 0, 0, null), Ct);
        Equal(Product(fc, w, x, 5, (c, _) => c < 256, XEff, v => WEff(v, 5)), quirks, 1e-12, "fc, v2Quirks: rows 256..299 dropped");

        // A 5x5 kernel (the MNIST CNN's): every tap, or V2.0's top-left 3x3.
        var conv = new LayerShape(3, 7, 7, 5, 5, 4);
        (w, x) = Random(conv, 2, 2);
        var taps = new CimLayer(conv, w, Ideal(128), false).Forward(x, 2, new LayerRead(1, 0, 0, 0, null), Ct);
        Equal(Product(conv, w, x, 2, (_, _) => true, XEff, v => WEff(v, 5)), taps, 1e-12, "5x5 conv, every tap");
        var three = new CimLayer(conv, w, Ideal(128, quirks: true), false).Forward(x, 2, new LayerRead(1, 0, 0, 0, null), Ct);
        Equal(Product(conv, w, x, 2, (_, t) => t / 5 < 3 && t % 5 < 3, XEff, v => WEff(v, 5)), three, 1e-12, "5x5 conv, v2Quirks: top-left 3x3");

        // Conventional mapping (novelMapping=false) splits the unrolled rows; ideal reads give the same product.
        var conventional = new CimLayer(conv, w, Ideal(16) with { NovelMapping = false }, false).Forward(x, 2, new LayerRead(1, 0, 0, 0, null), Ct);
        Equal(taps, conventional, 1e-12, "conventional mapping");
    }

    [Fact]
    public void A_read_of_zero_range_is_exact_not_NaN()
    {
        // One sample (V2.0: the dummy read of a fully connected layer is one value, 0/0 = NaN), equal weights and inputs: every
        // read has zero range, so with a 3-bit ADC the chip is the ideal chip.
        var fc = LayerShape.FullyConnected(40, 3);
        var w = Enumerable.Repeat(5 / 16.0, 40 * 3).ToArray();
        var x = Enumerable.Repeat(77 / 128.0, 40).ToArray();
        var chip = new CimLayer(fc, w, Ideal(128) with { AdcLevels = 8 }, false).Forward(x, 1, new LayerRead(1, 0, 0, 0, null), Ct);
        Assert.All(chip, v => Assert.True(double.IsFinite(v)));
        Equal(Product(fc, w, x, 1, (_, _) => true, XEff, v => WEff(v, 5)), chip, 1e-12, "zero-range reads");
    }
}
