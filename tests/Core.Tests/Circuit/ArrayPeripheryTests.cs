using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;
using NeuroSim.Replay.ChipModel.Circuit.Technology;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>Switch matrices, the multilevel ADC, its encoder and shift-add against the reference's classes.</summary>
public sealed class ArrayPeripheryTests
{
    private static readonly IReadOnlyDictionary<int, Dictionary<string, double>> Reference = ReferenceValues.Load("periphery-array.txt");

    public static TheoryData<int> Nodes => [32, 14, 130, 90, 65];

    private static (CircuitContext C, bool Hp) Context(int node)
    {
        var hp = node == 14;
        return (new CircuitContext(TechnologyParameters.Create(node, hp ? DeviceRoadmap.Hp : DeviceRoadmap.Lstp), 301), hp);
    }

    private static readonly CellVoltages Volts = new(Read: 0.5, Access: 1.1, Write: 5.656854249492381);

    [Theory, MemberData(nameof(Nodes))]
    public void Switch_matrices_match(int node)
    {
        var (c, _) = Context(node);
        var v = new Dictionary<string, double>();
        var ns = new NewSwitchMatrix(c, Volts, 128, 1e9);
        var p = ns.Layout(5e-5, 0);
        v["nsm.w"] = p.Footprint.Width;
        (v["nsm.lat"], v["nsm.wlat"], v["nsm.ramp"]) = ns.Latency(p, 1e20, 2e-14, 3e3, 7, 3);
        (v["nsm.e"], v["nsm.we"], v["nsm.leak"]) = (ns.ReadEnergy(p, 7, 0.3), ns.WriteEnergy(p, 3, 7), ns.Leakage);
        v["nsm.a2"] = ns.Layout().Footprint.Area;
        foreach (var mode in new[] { SwitchMode.Row, SwitchMode.Column })
            foreach (var access in new[] { CellAccessType.Cmos, CellAccessType.None })
            {
                var key = $"sm{(int)mode}{(access == CellAccessType.Cmos ? 0 : 1)}";
                var sm = new SwitchMatrix(c, Volts, access, mode, 128, 100e3 / 128 * 128, true, false, 16, 128, 3, 1e9);
                var ps = mode == SwitchMode.Row ? sm.Layout(5e-5, 0) : sm.Layout(0, 5e-5);
                v[$"{key}.a"] = ps.Footprint.Area;
                var lat = sm.Latency(ps, 1e20, 2e-14, 3e3, 7, 3);
                (v[$"{key}.lat"], v[$"{key}.wlat"]) = (lat.Read, lat.Write);
                (v[$"{key}.e"], v[$"{key}.we"]) = (sm.ReadEnergy(ps, 7, 0.3), sm.WriteEnergy(ps, 3, 0.25, 7));
                v[$"{key}.a2"] = sm.Layout().Footprint.Area;
            }
        ReferenceValues.AssertMatches(Reference[node], v);
    }

    [Theory, MemberData(nameof(Nodes))]
    public void Multilevel_sense_amp_encoder_and_shift_add_match(int node)
    {
        var (c, hp) = Context(node);
        var v = new Dictionary<string, double>();
        double[] rs = [1e3, 3e3, 7.5e3, 2e4, 8e4, 3e5, double.PositiveInfinity, 5e2, 1.2e3, 6e3, 9e3, 1.1e4, 4e4, 2e5, 7e5, 2e6];
        foreach (var parallel in new[] { false, true })
        {
            var k = parallel ? 1 : 0;
            var ms = new MultilevelSenseAmp(c, 16, 64, parallel, 100e3, 1e6, 128, node, hp, 0.5);
            v[$"msa{k}.h"] = ms.Layout(0, 5e-5).Height;
            var res = rs.Select(r => parallel ? r : r * 50).ToArray();
            (v[$"msa{k}.lat"], v[$"msa{k}.e"]) = (ms.ReadLatency(res, 8, 3), ms.ReadEnergy(res, 3));
            for (var i = 0; i < res.Length; i++)
                (v[$"msa{k}.col{i}"], v[$"msa{k}.pow{i}"]) = (ms.ColumnLatency(res[i]), ms.ColumnPower(res[i]));
        }
        var en = new MultilevelSAEncoder(c, 64, 16);
        (v["enc.h"], v["enc.w"]) = (en.Layout(0, 5e-5).Height, en.Layout(2e-6, 0).Width);
        (v["enc.lat"], v["enc.e"], v["enc.leak"]) = (en.ReadLatency(1e20, 3), en.ReadEnergy(3), en.Leakage);
        var sa = new ShiftAdd(c, 16, 7, 1e9, 8, 10e-9);
        (v["sa.h"], v["sa.w"]) = (sa.Layout(0, 5e-5).Height, sa.Layout(3e-5, 0).Width);
        (v["sa.lat"], v["sa.e"], v["sa.leak"]) = (sa.ReadLatency(8), sa.ReadEnergy(8), sa.Leakage);
        ReferenceValues.AssertMatches(Reference[node], v);
    }

    /// <summary>The reference's scan over every comparator level (MultilevelSenseAmp::GetColumnLatency), written out plainly.</summary>
    private static double ScanAllLevels(int node, double resOn, double resOff, int rows, int levels, bool parallel, double columnRes)
    {
        (double A, double B, double[] Lo, double[] Hi) fit = node switch
        {
            130 => (0.2679, 0.0478, [3.915, -5.3996, 2.4653, 0.3856], [0.0004, -0.0087, 0.0742, -0.2725, 1.2211]),
            90 => (0.0586, 1.41, [3.726, -5.651, 2.8249, 0.3574], [0.0000008, -0.00007, 0.0017, -0.0188, 0.9835]),
            65 => (0.1239, 0.6642, [1.3899, -2.6913, 2.0483, 0.3202], [0.0036, -0.0363, 0.1043, -0.0346, 1.0512]),
            _ => (0.0714, 0.7651, [3.7949, -5.6685, 2.6492, 0.4807], [0.000001, -0.00006, 0.0001, -0.0171, 1.0057]),
        };
        var tMax = (fit.A * Math.Log(columnRes / 1000) + fit.B) * 1e-9;
        var latency = 0.0;
        for (var i = 1; i < levels - 1; i++)
        {
            var rref = parallel ? resOn / rows + (i + 1.0) * (resOff / rows) / levels : resOn + (i + 1.0) * resOff / levels;
            var r = rref / columnRes;
            var t = r >= 20 || r <= 0.05 ? 1e-9
                : r <= 0.9 ? tMax * (fit.Lo[0] * Math.Pow(r, 3) + fit.Lo[1] * r * r + fit.Lo[2] * r + fit.Lo[3])
                : tMax * (fit.Hi[0] * Math.Pow(r, 4) + fit.Hi[1] * Math.Pow(r, 3) + fit.Hi[2] * r * r + fit.Hi[3] * r + fit.Hi[4]);
            latency = Math.Max(latency, t);
        }
        return latency;
    }

    [Theory]
    [InlineData(130)]
    [InlineData(90)]
    [InlineData(65)]
    [InlineData(45)]
    [InlineData(32)]
    public void Column_latency_equals_the_scan_over_every_level(int node)
    {
        var c = new CircuitContext(TechnologyParameters.Create(node, DeviceRoadmap.Lstp), 301);
        var random = new Random(node);
        foreach (var (levels, rows, parallel) in new[] { (64, 128, true), (32, 64, true), (8, 128, false), (128, 256, true) })
        {
            var ms = new MultilevelSenseAmp(c, 16, levels, parallel, 100e3, 1e6, rows, node, false, 0.5);
            for (var k = 0; k < 3000; k++)
            {
                var r = Math.Exp(random.NextDouble() * Math.Log(1e8)) * 10;   // 10 Ω … 1 GΩ, log-uniform
                var expected = ScanAllLevels(node, 100e3, 1e6, rows, levels, parallel, r);
                var actual = ms.ColumnLatency(r);
                Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected) + 1e-30,
                    $"node {node}, {levels} levels, {rows} rows, R = {r:G17}: scan {expected:G17}, ours {actual:G17}");
            }
        }
    }
}
