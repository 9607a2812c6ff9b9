using System.Globalization;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>The chip's area breakdown against the first line of every golden breakdown file.</summary>
public sealed class ChipAreaTests
{
    public static TheoryData<string, string> GoldenConfigs() => FloorplanTests.GoldenConfigs();

    [Theory, MemberData(nameof(GoldenConfigs))]
    public void Area_breakdown_matches_the_reference(string trace, string config)
    {
        if (!GoldenData.Has(trace, config)) Assert.Skip(GoldenData.SkipReasonFor(trace, config));
        var dir = GoldenData.ConfigDirectory(trace, config);
        var hw = HardwareConfigParser.ApplyText(HardwareConfig.Default, File.ReadAllText(Path.Combine(dir, "params.txt")), "params.txt");
        var network = NetworkSpec.ParseCsv(File.ReadAllText(Path.Combine(GoldenData.TraceDirectory(trace), "NeuroSIM", "NetWork.csv")), "NetWork.csv");
        var chip = new ChipDesign(network, hw, 5, 8);
        var lines = File.ReadAllLines(Core.Results.V2ResultComparison.LatestBreakdown(dir) ?? throw new FileNotFoundException($"{dir}: no breakdown file"));
        // Area cells the reference gets wrong (defects.txt: "breakdown 2:C", e.g. the global-buffer core of RD-66) are not compared.
        var defects = Core.Results.V2ResultComparison.ReadDefects(Path.Combine(dir, "defects.txt"));
        var expected = lines[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var a = chip.Area;
        double[] actual = [a.Total, a.Array, a.Interconnect, a.Adc, a.Accumulation, a.Other, a.WeightGradient];
        string[] names = ["total", "array", "routing", "ADC", "accumulation", "other", "weight gradient"];
        var errors = new List<string>();
        for (var i = 0; i < expected.Length; i++)
        {
            if (defects.Contains($"breakdown 2:{i + 1}")) continue;
            var err = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1e-300);
            if (err > 1e-4) errors.Add($"{names[i]}: expected {expected[i]:G6}, got {actual[i]:G6} (rel err {err:G3})");
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
