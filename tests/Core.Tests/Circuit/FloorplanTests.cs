using System.Globalization;
using System.Text.RegularExpressions;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>The floorplan against the reference's console report (tiles, speed-up, utilization, sizes) for every golden configuration.</summary>
public sealed partial class FloorplanTests
{
    public static TheoryData<string, string> GoldenConfigs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (trace, config) in GoldenData.AllConfigs()) data.Add(trace, config);
        return data;
    }

    [Theory, MemberData(nameof(GoldenConfigs))]
    public void Floorplan_matches_the_reference_report(string trace, string config)
    {
        if (!GoldenData.Has(trace, config)) Assert.Skip(GoldenData.SkipReasonFor(trace, config));
        var dir = GoldenData.ConfigDirectory(trace, config);
        var hw = HardwareConfigParser.ApplyText(HardwareConfig.Default, File.ReadAllText(Path.Combine(dir, "params.txt")), "params.txt");
        var network = NetworkSpec.ParseCsv(File.ReadAllText(Path.Combine(GoldenData.TraceDirectory(trace), "NeuroSIM", "NetWork.csv")), "NetWork.csv");
        const int synapseBits = 5;
        var cellBit = hw.MemCellType == MemCellType.Sram ? 1 : Math.Min(hw.CellBit, synapseBits);
        var plan = Floorplan.Plan(network, new Floorplan.Options(1, (int)Math.Ceiling((double)synapseBits / cellBit),
            hw.NumRowSubArray, hw.NumColSubArray, hw.NovelMapping, hw.Pipeline, hw.SpeedUpDegree));

        var report = File.ReadAllText(Path.Combine(dir, "stdout.txt"));
        double[] Section(string title) => [.. SectionPattern().Matches(report[report.IndexOf(title, StringComparison.Ordinal)..])
            .Cast<Match>().TakeWhile((m, i) => m.Groups[1].Value == (i + 1).ToString(CultureInfo.InvariantCulture))
            .Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(Section("# of tile used for each layer"), plan.Layers.Select(l => l.Tiles));
        Assert.Equal(Section("Speed-up of each layer"), plan.Layers.Select(l => l.SpeedUp));
        var util = Section("Utilization of each layer");
        for (var i = 0; i < util.Length; i++) Assert.Equal(util[i], plan.Layers[i].Utilization, 5e-6 * Math.Max(1, util[i]));
        var mem = double.Parse(MemoryPattern().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(mem, plan.MemoryUtilization * 100, 5e-4);
        var tile = TilePattern().Match(report);
        Assert.Equal(double.Parse(tile.Groups[1].Value, CultureInfo.InvariantCulture), plan.DesiredTileSizeCM);
        var pe = PePattern().Match(report);
        Assert.Equal(double.Parse(pe.Groups[1].Value, CultureInfo.InvariantCulture), plan.DesiredPESizeCM);
        if (hw.NovelMapping)
        {
            var nm = NovelPattern().Match(report);
            Assert.Equal(double.Parse(nm.Groups[1].Value, CultureInfo.InvariantCulture), plan.NumPENM);
            Assert.Equal(double.Parse(nm.Groups[2].Value, CultureInfo.InvariantCulture), plan.DesiredPESizeNM);
        }
    }

    [Fact]
    public void A_subarray_too_large_for_the_network_is_a_named_error()
    {
        var net = NetworkSpec.ParseCsv("6,6,3,3,3,8,0,1\n4,4,8,3,3,16,1,1\n1,1,64,1,1,10,0,1\n", "tiny");
        var ex = Assert.Throws<ConfigException>(() => Floorplan.Plan(net, new Floorplan.Options(1, 1, 128, 128, true, false, 1)));
        Assert.Equal("numRowSubArray", ex.Errors.Single().Key);
        Assert.Contains("too large for the network", ex.Message);
        ex = Assert.Throws<ConfigException>(() => Floorplan.Plan(net, new Floorplan.Options(1, 1, 128, 128, false, false, 1)));
        Assert.Contains("layer 3 (L2: 10 output channels", ex.Message);
    }

    [GeneratedRegex(@"layer(\d+): ([0-9.e+-]+)")]
    private static partial Regex SectionPattern();
    [GeneratedRegex(@"Memory Utilization of Whole Chip: ([0-9.e+-]+) %")]
    private static partial Regex MemoryPattern();
    [GeneratedRegex(@"Desired Conventional Mapped Tile Storage Size: (\d+)x")]
    private static partial Regex TilePattern();
    [GeneratedRegex(@"Desired Conventional PE Storage Size: (\d+)x")]
    private static partial Regex PePattern();
    [GeneratedRegex(@"Desired Novel Mapped Tile Storage Size: (\d+)x(\d+)x")]
    private static partial Regex NovelPattern();
}
