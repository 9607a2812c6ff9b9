using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>Whole-epoch estimates on a small synthetic trace: options that have no golden data here.</summary>
public sealed class ChipEstimateTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private EpochEstimate Estimate(params (string Key, string Value)[] settings) =>
        EstimateOn(SyntheticV2Trace.Create(_tmp.Combine("t"), SyntheticV2Trace.SmallVgg, seed: 3), settings);

    private static EpochEstimate EstimateOn(string dir, params (string Key, string Value)[] settings)
    {
        var folder = V2TraceFolder.Read(dir);
        var trace = folder.ToEpochTrace();
        var config = HardwareConfigParser.Apply(HardwareConfig.Default,
            [("numRowSubArray", "32", 0), ("numColSubArray", "32", 0), .. settings.Select(s => (s.Key, s.Value, 0))], "test");
        return new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits).Estimate(trace, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Sequential_read_goes_row_by_row_and_cross_point_writes_stay_finite()
    {
        var parallel = Estimate();
        var sequential = Estimate(("operationmode", "1"));
        Assert.True(sequential.Area.Accumulation > parallel.Area.Accumulation, "row-by-row adds an adder and a register per column");
        for (var l = 0; l < parallel.Layers.Length; l++)
        {
            Assert.True(sequential.Layers[l].LatencyFW > parallel.Layers[l].LatencyFW, $"layer {l + 1}: one row at a time is slower");
            Assert.True(sequential.Layers[l].LatencyAccumulation > parallel.Layers[l].LatencyAccumulation, $"layer {l + 1}");
        }

        // Cross-point cells read row by row (relaxed cells so that the column registers fit the array's width).
        (string, string)[] xp = [("operationmode", "1"), ("accesstype", "4"), ("relaxArrayCellWidth", "1"), ("relaxArrayCellHeight", "1")];
        var crossPoint = Estimate(xp);
        Assert.All(crossPoint.Layers, l => Assert.True(double.IsFinite(l.LatencyWU) && l.LatencyWU > 0, $"layer {l.Layer}: {l.LatencyWU}"));
        Assert.True(Design(xp).ReferenceWriteLatencyRunsAway);
        Assert.False(Design(("operationmode", "1")).ReferenceWriteLatencyRunsAway);
        Assert.False(Design([.. xp, ("trainingEstimation", "false")]).ReferenceWriteLatencyRunsAway);
        Assert.False(Design([.. xp.Where(s => s.Item1 != "operationmode")]).ReferenceWriteLatencyRunsAway);   // parallel read
    }

    private ChipDesign Design(params (string Key, string Value)[] settings)
    {
        var folder = V2TraceFolder.Read(SyntheticV2Trace.Create(_tmp.Combine("d"), SyntheticV2Trace.SmallVgg, seed: 3));
        var trace = folder.ToEpochTrace();
        var config = HardwareConfigParser.Apply(HardwareConfig.Default,
            [("numRowSubArray", "32", 0), ("numColSubArray", "32", 0), .. settings.Select(s => (s.Key, s.Value, 0))], "test");
        return new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits);
    }

    [Fact]
    public void Sigmoid_tables_replace_the_relu_in_area_and_forward_cost_only()
    {
        var relu = Estimate();
        var sigmoid = Estimate(("reLu", "false"));
        Assert.NotEqual(relu.Area.Other, sigmoid.Area.Other);
        Assert.Equal(relu.Area.Array, sigmoid.Area.Array);
        Assert.Equal(relu.Area.Adc, sigmoid.Area.Adc);
        for (var l = 0; l < relu.Layers.Length; l++)
        {
            var (a, b) = (relu.Layers[l], sigmoid.Layers[l]);
            Assert.NotEqual(a.LatencyArray, b.LatencyArray);                      // the activation sits in "other"
            Assert.Equal(a.LatencyADC, b.LatencyADC);
            Assert.Equal(a.LatencyWU, b.LatencyWU);
            Assert.Equal(a.LatencyFW - a.LatencyArray, b.LatencyFW - b.LatencyArray, 1e-12 * a.LatencyFW);
            Assert.True(double.IsFinite(b.EnergyFW) && b.EnergyFW > 0);
        }
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Activation_inside_tiles_moves_it_out_of_the_chip_and_shrinks_the_tile_outputs(string relu)
    {
        var atChip = Estimate(("reLu", relu));
        var inTiles = Estimate(("reLu", relu), ("chipActivation", "false"));
        Assert.Equal(atChip.Area.Array, inTiles.Area.Array);
        for (var l = 0; l < atChip.Layers.Length; l++)
        {
            var (a, b) = (atChip.Layers[l], inTiles.Layers[l]);
            Assert.Equal(a.LatencyADC, b.LatencyADC);
            Assert.NotEqual(a.LatencyArray, b.LatencyArray);
            // Tiles send activations (input precision) instead of accumulated sums: less output traffic.
            Assert.True(b.EnergyBuffer < a.EnergyBuffer, $"layer {l + 1}: buffer energy {b.EnergyBuffer:G6} vs {a.EnergyBuffer:G6}");
            Assert.True(double.IsFinite(b.EnergyFW) && b.EnergyFW > 0);
        }
    }

    [Fact]
    public void Sram_reads_cost_the_same_whatever_the_stored_weights_and_updates_follow_them()
    {
        // Two traces with the same inputs and different weights.
        var a = SyntheticV2Trace.Create(_tmp.Combine("a"), SyntheticV2Trace.SmallVgg, seed: 3);
        var b = SyntheticV2Trace.Create(_tmp.Combine("b"), SyntheticV2Trace.SmallVgg, seed: 4);
        foreach (var input in Directory.GetFiles(Path.Combine(a, "layer_record"), "input*.csv"))
            File.Copy(input, Path.Combine(b, "layer_record", Path.GetFileName(input)), overwrite: true);
        var sramA = EstimateOn(a, ("memcelltype", "1"));
        var sramB = EstimateOn(b, ("memcelltype", "1"));
        var rramA = EstimateOn(a);
        var rramB = EstimateOn(b);
        Assert.Equal(sramA.Area.Total, sramB.Area.Total);
        for (var l = 0; l < sramA.Layers.Length; l++)
        {
            var (x, y) = (sramA.Layers[l], sramB.Layers[l]);
            Assert.Equal(x.LatencyFW, y.LatencyFW);
            Assert.Equal(x.EnergyFW, y.EnergyFW);
            Assert.Equal(x.LatencyAG, y.LatencyAG);
            Assert.Equal(x.EnergyAG, y.EnergyAG);
            Assert.True(x.EnergyWU > 0 && double.IsFinite(x.EnergyWU), $"layer {l + 1}: E_WU {x.EnergyWU}");
            // An RRAM column's current follows its conductances: the same change of weights moves its reads.
            Assert.NotEqual(rramA.Layers[l].EnergyFW, rramB.Layers[l].EnergyFW);
        }
        Assert.NotEqual(sramA.Total.EnergyWU, sramB.Total.EnergyWU);
    }

    [Fact]
    public void Pipeline_totals_take_the_slowest_layer_for_forward_and_sum_the_rest()
    {
        var e = Estimate(("pipeline", "true"));
        Assert.True(e.Pipelined);
        Assert.Equal(e.Layers.Max(l => l.LatencyFW), e.Total.LatencyFW);
        Assert.Equal(e.Layers.Max(l => l.LatencyAG), e.Total.LatencyAG);
        Assert.Equal(e.Layers.Sum(l => l.LatencyWG), e.Total.LatencyWG, 1e-12 * e.Total.LatencyWG);
        Assert.Equal(e.Layers.Sum(l => l.PeakLatencyWU), e.Total.PeakLatencyWU, 1e-12 * e.Total.PeakLatencyWU);
        // RD-72: the reference's pipeline leaves the peak WG/WU latencies 0; we sum them.
        Assert.True(e.Total.PeakLatencyWG > 0, "the reference leaves this 0; we sum it");
        Assert.All(e.Layers, l => Assert.True(double.IsFinite(l.EnergyWG) && l.EnergyWG > 0, $"layer {l.Layer}: E_WG {l.EnergyWG}"));
    }

    [Theory]
    // RD-69: uneven splits are where the reference reads past its copied tile windows.
    [InlineData(128, 256, 3, 512, 9)]   // 768 columns over two 512-wide tiles (cellBit=2 on VGG-8's layer 3)
    [InlineData(256, 256, 1, 512, 9)]   // even split: one tile
    [InlineData(640, 96, 2, 256, 9)]    // uneven rows and columns
    public void Novel_tile_windows_cover_every_weight_exactly_once(int cin, int cout, int perSynapse, int peNM, int kernelPositions)
    {
        var layer = new ChipModel.Network.LayerSpec("L", 8, 8, cin, 3, 3, cout, false, 1);
        var rows = cin * perSynapse * kernelPositions;
        var cols = cout * perSynapse;
        var hits = new int[rows, cols];
        foreach (var w in ChipDesign.NovelTileWindows(layer, perSynapse, perSynapse, peNM, kernelPositions))
        {
            Assert.InRange(w.ColCount, 1, peNM);
            Assert.True(w.RowCount <= peNM * kernelPositions);
            foreach (var r in w.Rows)
                for (var c = w.ColStart; c < w.ColStart + w.ColCount; c++)
                    hits[r, c]++;
        }
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                Assert.True(hits[r, c] == 1, $"weight ({r}, {c}) covered {hits[r, c]} times");
    }
}
