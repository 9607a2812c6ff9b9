using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Technology;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>H-trees and buses against the reference's classes (-O3 build) on 32 nm LSTP.</summary>
public sealed class InterconnectTests
{
    private static readonly Dictionary<string, double> Reference = ReferenceValues.Load("interconnect.txt")[32];

    [Fact]
    public void HTrees_and_buses_match()
    {
        var c = new CircuitContext(TechnologyParameters.Create(32, DeviceRoadmap.Lstp), 301);
        var unitRes = 4.03e-8 / (40e-9 * 40e-9 * 1.90);   // Param.cpp at wireWidth 40
        var v = new Dictionary<string, double>();
        int[][] dims = [[1, 1], [2, 2], [3, 3], [4, 4], [8, 8], [3, 5]];
        for (var d = 0; d < dims.Length; d++)
        {
            var h = new HTree(c, dims[d][0], dims[d][1], 0.1, 1024, unitRes, 40);
            var (area, total) = h.Layout(3e-4, 2.5e-4, 4);
            v[$"ht{d}.a"] = area;
            var (lat, route) = h.ReadLatency(0, 0, 0, 0, 3e-4, 2.5e-4, 5, HTree.Route.Start);
            v[$"ht{d}.lat"] = lat;
            v[$"ht{d}.e"] = h.ReadEnergy(0, 0, 0, 0, 3e-4, 2.5e-4, 64, 5, route);
            v[$"ht{d}.leak"] = h.Leakage(total);
            if (d > 0)
            {
                var (lat2, route2) = h.ReadLatency(1, 2, 2, 1, 3e-4, 2.5e-4, 5, route);
                v[$"ht{d}.lat2"] = lat2;
                v[$"ht{d}.e2"] = h.ReadEnergy(1, 2, 2, 1, 3e-4, 2.5e-4, 64, 5, route2);
            }
            v[$"ht{d}.mindist"] = h.MinDist;
        }
        var bus = new Bus(c, BusMode.Horizontal, 4, 4, 0, 128, 5e-5, 6e-5, unitRes);
        (v["bus.lat"], v["bus.e"], v["bus.leak"]) = (bus.ReadLatency(7), bus.ReadEnergy(128, 7), bus.Leakage);
        var bv = new Bus(c, BusMode.Vertical, 4, 4, 0.1, 128, 5e-5, 6e-5, unitRes);
        (v["busv.lat"], v["busv.e"]) = (bv.ReadLatency(7), bv.ReadEnergy(128, 7));
        // RD-44: latencies carry the reference's uninitialized-variable term (~1e-9 relative).
        ReferenceValues.AssertMatches(Reference, v, tolerance: 1e-7);
    }
}
