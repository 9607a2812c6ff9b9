using System.Collections.Frozen;
using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.ChipModel.Circuit.Technology;

/// <summary>
/// RD-111: what V2.1 changes in the transistor data (DNN_NeuroSim_V2.1 Technology.cpp; tests/ReferenceRunsV21/NOTES.md §3): only the
/// on-current tables of the FinFET nodes (14, 10, 7 nm), µA/µm every 10 K from 300 to 400 K, now falling with temperature.
/// Every other number is V2.0's (<see cref="TechnologyTable"/>).
/// </summary>
public static class TechnologyTableV21
{
    public static readonly FrozenDictionary<(int Node, DeviceRoadmap Roadmap), (double[] OnNmos, double[] OnPmos)> FinFetOnCurrents =
        new Dictionary<(int, DeviceRoadmap), (double[], double[])>
        {
            [(14, DeviceRoadmap.Hp)] = (
                [1.686e3, 1.652e3, 1.607e3, 1.562e3, 1.517e3, 1.472e3, 1.439e3, 1.394e3, 1.349e3, 1.315e3, 1.270e3],
                [1.550e3, 1.468e3, 1.397e3, 1.327e3, 1.256e3, 1.198e3, 1.139e3, 1.080e3, 1.0336e3, 0.986e3, 0.939e3]),
            [(14, DeviceRoadmap.Lstp)] = (
                [893, 853, 814, 777, 742, 708, 677, 646, 618, 591, 565],
                [820, 767, 718, 672, 631, 593, 558, 526, 496, 469, 443]),
            [(10, DeviceRoadmap.Hp)] = (
                [1.769e3, 1.734e3, 1.686e3, 1.639e3, 1.592e3, 1.545e3, 1.510e3, 1.462e3, 1.415e3, 1.380e3, 1.333e3],
                [1.626e3, 1.540e3, 1.466e3, 1.392e3, 1.318e3, 1.256e3, 1.195e3, 1.133e3, 1.084e3, 1.035e3, 0.985e3]),
            [(10, DeviceRoadmap.Lstp)] = (
                [862, 824, 787, 751, 717, 684, 654, 624, 597, 571, 546],
                [775, 725, 678, 636, 597, 561, 527, 497, 469, 443, 419]),
            [(7, DeviceRoadmap.Hp)] = (
                [1912, 1874, 1823, 1772, 1721, 1670, 1632, 1581, 1530, 1491, 1440],
                [1685, 1596, 1519, 1442, 1366, 1302, 1238, 1174, 1123, 1072, 1021]),
            [(7, DeviceRoadmap.Lstp)] = (
                [822, 786, 750, 716, 684, 653, 624, 595, 569, 545, 521],
                [737, 689, 645, 605, 567, 533, 501, 473, 446, 421, 398]),
        }.ToFrozenDictionary();

    /// <summary>A node's data under <paramref name="model"/>: V2.0's, with V2.1's FinFET on-currents where they differ.</summary>
    public static TransistorData For(TransistorData v20, int node, DeviceRoadmap roadmap, ReferenceVersion model) =>
        model == ReferenceVersion.V21 && FinFetOnCurrents.TryGetValue((node, roadmap), out var on) ? v20 with { OnNmos = on.OnNmos, OnPmos = on.OnPmos } : v20;
}
