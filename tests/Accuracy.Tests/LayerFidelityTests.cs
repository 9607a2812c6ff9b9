using System.Globalization;
using NeuroSim.Replay.Accuracy.Inference;

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// Our layers against V2.0's inference layers on fixed weights and inputs (tests/ReferenceRuns/inference): every output of every
/// deterministic case equals the exact evaluation to 1e-9, and the reference as it runs (float32) everywhere but at the outputs
/// where its own rounding moved an ADC read by a level (cases.csv counts them).
/// </summary>
public sealed class LayerFidelityTests
{
    public static TheoryData<string, string> DeterministicCases() =>
        [.. ReferenceInference.Cases().Select(c => new TheoryDataRow<string, string>(c.Id, c.Layer))];

    private static (ReferenceInference.Case Case, ReferenceInference.Layer Layer, double[] Ours, bool[] OnBoundary) Run(string id, string layerName)
    {
        var c = ReferenceInference.Cases().Single(x => x.Id == id && x.Layer == layerName);
        var layer = ReferenceInference.Load(layerName);
        var cim = new CimLayer(layer.Shape, layer.Weights, c.Settings, layer.Analog);
        var boundary = new bool[layer.Batch * layer.Shape.OutputSize];
        return (c, layer, cim.Forward(layer.Input, layer.Batch, new LayerRead(1, 0, 0, 0, null, OnBoundary: boundary), TestContext.Current.CancellationToken), boundary);
    }

    [Theory]
    [MemberData(nameof(DeterministicCases))]
    public void Every_output_equals_the_exact_reference(string id, string layerName)
    {
        var (c, layer, ours, boundary) = Run(id, layerName);
        var exact = ReferenceInference.Columns($"{layerName}_hw_exact.csv")[id];
        var f32 = ReferenceInference.Columns($"{layerName}_hw_f32.csv")[id];
        var act = ReferenceInference.Columns($"{layerName}_hw_act.csv")[id];
        Assert.Equal(exact.Length, ours.Length);
        bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
        if (c.Settings.Cells.Drifts && !layer.Analog)
        {
            // The drift cases' exact column is a float64 evaluation (README): where a read lies on an ADC level boundary, float64
            // rounding decided its level, where we decide it exactly. The dummy column's reads (one per sample and position, the same
            // for every output channel) often do: so ours and the reference differ by one constant per sample and position, and
            // otherwise only at outputs with a weight-column read on a level boundary.
            var (cout, positions) = (layer.Shape.OutChannels, layer.Shape.Positions);
            var (onBoundary, offsets) = (0, 0);
            for (var b = 0; b < layer.Batch; b++)
                for (var p = 0; p < positions; p++)
                {
                    var indices = Enumerable.Range(0, cout).Select(o => (b * cout + o) * positions + p).ToList();
                    var free = indices.Where(i => !boundary[i]).Select(i => ours[i] - exact[i]).ToList();
                    onBoundary += cout - free.Count;
                    if (free.Count == 0) continue;
                    Assert.True(free.Max() - free.Min() <= 1e-9 * Math.Max(1, indices.Max(i => Math.Abs(exact[i]))),
                        $"{id} {layerName}: sample {b} position {p}: ours - exact varies by {free.Max() - free.Min():G3} over outputs with no read on a level boundary");
                    if (Math.Abs(free[0]) > 1e-9) offsets++;
                }
            TestContext.Current.TestOutputHelper?.WriteLine($"{id} {layerName}: {onBoundary} of {ours.Length} outputs with a weight read on a level boundary; " +
                $"{offsets} of {layer.Batch * positions} (sample, position) pairs off by a dummy read");
            // Not vacuous: at least 80 % of the outputs are checked (no weight read on a boundary, or equal to the reference).
            var checkedOutputs = Enumerable.Range(0, ours.Length).Count(i => !boundary[i] || Math.Abs(ours[i] - exact[i]) <= 1e-9 * Math.Max(1, Math.Abs(exact[i])));
            Assert.True(checkedOutputs >= 0.8 * ours.Length, $"{id} {layerName}: only {checkedOutputs} of {ours.Length} outputs checked");
            return;
        }
        var worst = Enumerable.Range(0, ours.Length).MaxBy(i => Math.Abs(ours[i] - exact[i]));
        Assert.True(Same(ours[worst], exact[worst]), $"{id} {layerName}: output {worst}: ours {ours[worst]:R}, exact {exact[worst]:R}");
        // Against the float32 reference: the outputs that differ are the ones its rounding moved (cases.csv n_f32_differs).
        var differs = Enumerable.Range(0, ours.Length).Where(i => Math.Abs(ours[i] - f32[i]) > 1e-4).ToList();
        Assert.Equal(int.Parse(c.Row["n_f32_differs"], CultureInfo.InvariantCulture), differs.Count);
        // The layer's output after /scale and the 8-bit activation, where the float32 reference's raw output is ours.
        var compared = 0;
        for (var i = 0; i < ours.Length; i++)
            if (Math.Abs(ours[i] - f32[i]) <= 1e-4 && ReferenceInference.Activation(f32[i], c.Scale) == ReferenceInference.Activation(ours[i], c.Scale))
            {
                Assert.Equal(act[i], ReferenceInference.Activation(ours[i], c.Scale), 1e-7);
                compared++;
            }
        Assert.True(compared >= 0.98 * (ours.Length - differs.Count), $"{compared} of {ours.Length - differs.Count} outputs compared");
    }
}
