using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.Technology;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>Peripheral circuits against the reference's classes on 32 nm LSTP and 14 nm HP (FinFET), 301 K.</summary>
public sealed class PeripheryTests
{
    private static readonly IReadOnlyDictionary<int, Dictionary<string, double>> Reference = ReferenceValues.Load("periphery-basic.txt");

    public static TheoryData<int> Nodes => [32, 14];

    private static CircuitContext Context(int node) =>
        new(TechnologyParameters.Create(node, node == 32 ? DeviceRoadmap.Lstp : DeviceRoadmap.Hp), 301);

    [Theory, MemberData(nameof(Nodes))]
    public void Dff_adder_and_adder_tree_match(int node)
    {
        var c = Context(node);
        var v = new Dictionary<string, double>();
        var d = new Dff(c, 57, 1e9);
        var l1 = d.Layout(2e-5, 0);
        var l2 = d.Layout(0, 3e-5);
        (v["dff.h"], v["dff.w"], v["dff.h2"], v["dff.w2"], v["dff.a3"]) = (l1.Height, l1.Width, l2.Height, l2.Width, d.Layout().Area);
        (v["dff.lat"], v["dff.e"], v["dff.leak"]) = (d.ReadLatency(3), d.ReadEnergy(3, 20), d.Leakage);

        var a = new Adder(c, 9, 16);
        var la = a.Layout(0, 4e-5);
        (v["add.h"], v["add.w"], v["add.w2"], v["add.a3"]) = (la.Height, la.Width, a.Layout(1e-5, 0).Width, a.Layout().Area);
        var lat = a.ReadLatency(1e20, 1e-15, 2);
        (v["add.lat"], v["add.ramp"], v["add.e"], v["add.leak"]) = (lat.Delay, lat.RampOutput, a.ReadEnergy(2, 10), a.Leakage);

        var t = new AdderTree(c, 7, 12, 16);
        var lt = t.Layout(0, 5e-5);
        (v["tree.h"], v["tree.a"]) = (lt.Height, lt.Area);
        (v["tree.lat"], v["tree.lat5"]) = (t.ReadLatency(3, 0, 2e-15), t.ReadLatency(3, 5, 2e-15));
        (v["tree.e"], v["tree.leak"], v["tree.e5"]) = (t.ReadEnergy(3, 0), t.Leakage(), t.ReadEnergy(3, 5));
        ReferenceValues.AssertMatches(Reference[node], v);
    }

    [Theory, MemberData(nameof(Nodes))]
    public void Muxes_match(int node)
    {
        var c = Context(node);
        var v = new Dictionary<string, double>();
        var m = new Mux(c, 16, 8, 100e3 / 128 / 2, digital: false, readVoltage: 0.5);
        var lm = m.Layout(0, 2.5e-5);
        (v["mux.h"], v["mux.w"], v["mux.lat"], v["mux.e"]) = (lm.Footprint.Height, lm.Footprint.Width, m.ReadLatency(lm, 3e-15, 2), m.ReadEnergy(lm, 2));
        var lm2 = m.Layout();
        (v["mux.a2"], v["mux.lat2"]) = (lm2.Footprint.Area, m.ReadLatency(lm2, 3e-15, 2));
        var md = new Mux(c, 16, 8, 0, digital: true, readVoltage: 0.5);
        var lmd = md.Layout(0, 2.5e-5);
        (v["muxd.h"], v["muxd.lat"]) = (lmd.Footprint.Height, md.ReadLatency(lmd, 1e-15, 1));
        ReferenceValues.AssertMatches(Reference[node], v);
    }

    [Theory, MemberData(nameof(Nodes))]
    public void Decoders_match(int node)
    {
        var c = Context(node);
        var v = new Dictionary<string, double>();
        foreach (var addr in new[] { 1, 2, 3, 7 })
            foreach (var mux in new[] { false, true })
                foreach (var parallel in new[] { false, true })
                {
                    var key = $"{addr}{(mux ? 1 : 0)}{(parallel ? 1 : 0)}";
                    var r = new RowDecoder(c, DecoderMode.RegularRow, addr, mux, parallel);
                    var lat = r.Latency(1e20, 2e-15, 3e-15, 2);
                    v[$"dec{key}.a"] = r.Layout(3e-5, 0).Area;
                    v[$"dec{key}.lat"] = lat.Delay;
                    v[$"dec{key}.ramp"] = lat.RampOutput;
                    v[$"dec{key}.e"] = r.Energy(2);
                    v[$"dec{key}.leak"] = r.Leakage;
                    v[$"decc{key}.a"] = new RowDecoder(c, DecoderMode.RegularCol, addr, mux, parallel).Layout(0, 3e-5).Area;
                }
        ReferenceValues.AssertMatches(Reference[node], v);
    }
}
