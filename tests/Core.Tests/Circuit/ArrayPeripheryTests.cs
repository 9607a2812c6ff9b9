using NeuroSim.Replay.Core.Circuit;
using NeuroSim.Replay.Core.Circuit.Cells;
using NeuroSim.Replay.Core.Circuit.Periphery;
using NeuroSim.Replay.Core.Circuit.Periphery.Adc;
using NeuroSim.Replay.Core.Circuit.Technology;

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
}
