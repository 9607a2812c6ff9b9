using System.Globalization;
using NeuroSim.Replay.Accuracy.Inference;

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// Variation and random drift against the reference's statistics (stat_cases.csv, *_stats.csv: 50 float32 instances per case):
/// per output our mean over instances agrees with the reference's within the two means' standard errors, and the spread (standard
/// deviation over instances) is the reference's. The dummy column has no variation: where its reads lie on a level boundary,
/// V2.0's float32 decides them the same way in every instance (we decide them exactly), which shifts all outputs of a sample and
/// position by one constant (convB at 64-row arrays: +1.3 on average). That constant is taken from the reference's own
/// deterministic run of the case (its float32 output minus ours, the median over the output channels) and removed before the
/// means are compared. Instances are seeded (RD-95).
/// </summary>
public sealed class StatisticalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int Instances = 120;

    public static TheoryData<string> StatisticalCases() => [.. ReferenceInference.Cases("stat_cases.csv").Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(StatisticalCases))]
    public void Mean_and_spread_over_instances_match_the_reference(string id)
    {
        var c = ReferenceInference.Cases("stat_cases.csv").Single(x => x.Id == id);
        var layer = ReferenceInference.Load(c.Layer);
        var cim = new CimLayer(layer.Shape, layer.Weights, c.Settings, layer.Analog);
        var outputs = layer.Batch * layer.Shape.OutputSize;
        var (sum, sq) = (new double[outputs], new double[outputs]);
        for (var i = 0; i < Instances; i++)
        {
            var y = cim.Forward(layer.Input, layer.Batch, new LayerRead(7, i, 0, 0, null), Ct);
            for (var j = 0; j < outputs; j++)
            {
                sum[j] += y[j];
                sq[j] += y[j] * y[j];
            }
        }
        var columns = ReferenceInference.Columns($"{c.Layer}_stats.csv");
        var (refMean, refStd) = (columns[$"{id}_mean"], columns[$"{id}_std"]);
        // Each side's own deterministic counterpart: ours without the non-ideality, the reference's float32 run of that case.
        var counterpart = c.Row["deterministic_counterpart"];
        var refDeterministic = ReferenceInference.Columns($"{c.Layer}_hw_f32.csv")[counterpart];
        var oursDeterministic = new CimLayer(layer.Shape, layer.Weights, ReferenceInference.Cases().Single(x => x.Id == counterpart && x.Layer == c.Layer).Settings, layer.Analog)
            .Forward(layer.Input, layer.Batch, new LayerRead(7, 0, 0, 0, null), Ct);
        var n = int.Parse(c.Row["instances"], CultureInfo.InvariantCulture);
        var (cout, positions) = (layer.Shape.OutChannels, layer.Shape.Positions);
        var dummy = new double[outputs];
        for (var b = 0; b < layer.Batch; b++)
            for (var p = 0; p < positions; p++)
            {
                var at = Enumerable.Range(0, cout).Select(o => (b * cout + o) * positions + p).ToList();
                var offsets = at.Select(i => refDeterministic[i] - oursDeterministic[i]).Order().ToList();
                foreach (var i in at) dummy[i] = offsets[offsets.Count / 2];
            }
        var z = new double[outputs];
        var ratio = new List<double>();
        for (var j = 0; j < outputs; j++)
        {
            var mean = sum[j] / Instances;
            var std = Math.Sqrt(Math.Max(0, (sq[j] - Instances * mean * mean) / (Instances - 1)));
            var se = Math.Sqrt(std * std / Instances + refStd[j] * refStd[j] / n);
            var d = Math.Abs(mean - (refMean[j] - dummy[j]));
            z[j] = se > 0 ? d / se : d / 1e-9;
            if (refStd[j] > 1e-6) ratio.Add(std / refStd[j]);
        }
        ratio.Sort();
        var median = ratio[ratio.Count / 2];
        var within2 = z.Count(v => v <= 2) / (double)outputs;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{id} ({c.Layer}): {outputs} outputs, mean within 2 SE: {within2:P1} (dummy offsets: mean {dummy.Average():F3}), largest |z| {z.Max():F2}; std ours/reference median {median:F3}, 5-95 % {ratio[ratio.Count / 20]:F2}-{ratio[ratio.Count * 19 / 20]:F2}"));
        // Means: normal z-scores, so about 95 % within 2 and none far out; spreads: equal (sample std of 50: ±10 % per output).
        Assert.True(within2 >= 0.88, $"{id}: only {within2:P1} of the means within 2 standard errors");
        Assert.True(z.Max() <= 5, $"{id}: a mean {z.Max():F1} standard errors from the reference's");
        Assert.InRange(median, 0.9, 1.1);
        Assert.InRange(ratio[ratio.Count / 20], 0.6, 1.2);
        Assert.InRange(ratio[ratio.Count * 19 / 20], 0.85, 1.5);
    }

    [Fact]
    public void Instances_are_deterministic_per_seed_and_differ_between_seeds()
    {
        var c = ReferenceInference.Cases("stat_cases.csv").Single(x => x.Id == "s4");   // variation and drift
        var layer = ReferenceInference.Load(c.Layer);
        var cim = new CimLayer(layer.Shape, layer.Weights, c.Settings with { Cells = c.Settings.Cells with { Detect = 0, RateStuck0 = 0.01, RateStuck1 = 0.01 } }, false);
        double[] Run(ulong seed, int instance, int parallelism) =>
            cim.Forward(layer.Input, layer.Batch, new LayerRead(seed, instance, 0, 0, cim.DrawStuck(seed, instance, 0), parallelism), Ct);
        var a = Run(5, 3, 1);
        Assert.Equal(a, Run(5, 3, 0));            // every core: the same numbers
        Assert.Equal(a, Run(5, 3, 2));
        Assert.NotEqual(a, Run(5, 4, 0));         // another instance
        Assert.NotEqual(a, Run(6, 3, 0));         // another seed
        Assert.Equal(cim.DrawStuck(5, 3, 0), cim.DrawStuck(5, 3, 0));
        var stuck = cim.DrawStuck(5, 3, 0)!;
        Assert.InRange(stuck.Count(s => s == 1) / (double)stuck.Length, 0.007, 0.013);
        Assert.InRange(stuck.Count(s => s == 2) / (double)stuck.Length, 0.007, 0.013);
    }
}
