using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Replayer.Commands;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>Chip TOML files read with Tomlyn: tables by level, comments, code names, C++ literals in strings, arrays as sweeps, errors by line.</summary>
public sealed class HardwareConfigFileTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private string Write(string name, string text)
    {
        var path = _tmp.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Tables_comments_names_and_literals_give_the_same_chip_as_a_params_file()
    {
        var toml = Write("sram.toml", """
            # An SRAM chip at 22 nm, grouped by level.
            clkFreq = 5e8              # top-level keys are allowed beside tables

            [design]
            memcelltype = "sram"       # a code's name ...
            deviceroadmap = 1          # ... or its number
            pipeline = true

            [technology]
            technode = 22
            wireWidth = 22

            [device]
            resistanceOn = "240e3*100" # a C++ literal, as in params.txt

            [training]
            batchSize = 1_00
            """);
        var fromToml = HardwareConfigFile.Apply(HardwareConfig.Default, toml);
        var fromParams = HardwareConfigParser.ApplyText(HardwareConfig.Default,
            "clkFreq=5e8\nmemcelltype=1\ndeviceroadmap=1\npipeline=true\ntechnode=22\nwireWidth=22\nresistanceOn=240e3*100\nbatchSize=100\n", "params.txt");
        Assert.Equal(MemCellType.Sram, fromToml.MemCellType);
        Assert.Equal(DeviceRoadmap.Hp, fromToml.DeviceRoadmap);
        Assert.Equal(24e6, fromToml.ResistanceOn);
        Assert.Equal(100, fromToml.BatchSize);
        Assert.Equal(fromParams, fromToml);
        Assert.Equal(ConfigIdentity.Hash(fromParams), ConfigIdentity.Hash(fromToml));
    }

    [Fact]
    public void Enumerations_keep_the_reference_codes_in_the_canonical_text()
    {
        var sram = HardwareConfig.Default with { MemCellType = MemCellType.Sram, DramType = DramType.Gddr5 };
        var text = ConfigIdentity.CanonicalText(sram);
        Assert.Contains("memcelltype=1\n", text);
        Assert.Contains("dramType=1\n", text);
        Assert.Contains("operationmode=2\n", text);
        // A name is read as its code, case-insensitively.
        Assert.Equal(sram, HardwareConfigParser.ApplyText(HardwareConfig.Default, "memcelltype=SRAM\ndramType=gddr5\n", "x"));
    }

    [Fact]
    public void Errors_name_the_file_and_line_of_each_problem()
    {
        var path = Write("bad.toml", """
            technode = 22
            [array]
            readVoltage = 0.4
            numRowSubArray = 100000
            [chip]
            clkFreq = 1e9
            """);
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigFile.Apply(HardwareConfig.Default, path));
        Assert.Contains(ex.Errors, e => e.Line == 3 && e.Key == "readVoltage" && e.Message.Contains("belongs in [device], not [array]"));
        Assert.Contains(ex.Errors, e => e.Line == 5 && e.Key == "[chip]" && e.Message.Contains("tables: design"));
        Assert.All(ex.Errors, e => Assert.Equal(path, e.Source));

        var syntax = Write("syntax.toml", "technode = 22\nnumColMuxed = = 8\n");
        var bad = Assert.Throws<ConfigException>(() => HardwareConfigFile.Apply(HardwareConfig.Default, syntax));
        Assert.Contains(bad.Errors, e => e.Line == 2 && e.Source == syntax);

        var range = Write("range.toml", "[array]\nnumRowSubArray = 100000\n");
        var outOfRange = Assert.Throws<ConfigException>(() => HardwareConfigFile.Apply(HardwareConfig.Default, range));
        Assert.Contains("range.toml:2: numRowSubArray", outOfRange.Message);

        var dotted = Write("dotted.toml", "array.numRowSubArray = 64\n");
        Assert.Contains("dotted keys", Assert.Throws<ConfigException>(() => HardwareConfigFile.Apply(HardwareConfig.Default, dotted)).Message);
    }

    [Fact]
    public void An_array_sweeps_its_key_for_replay_and_is_refused_where_one_chip_is_meant()
    {
        var path = Write("sweep.toml", """
            [array]
            numRowSubArray = [64, 128]
            numColSubArray = [64, 128]
            [device]
            readVoltage = 0.4
            """);
        var configs = ReplayCommand.Configurations([], [path], [], []);
        Assert.Equal(4, configs.Count);
        Assert.All(configs, c => Assert.Equal(0.4, c.Config.ReadVoltage));
        Assert.Equal([(64, 64), (64, 128), (128, 64), (128, 128)],
            configs.Select(c => (c.Config.NumRowSubArray, c.Config.NumColSubArray)).Order().ToList());
        Assert.All(configs, c => Assert.Equal(["numRowSubArray", "numColSubArray"], c.Varied.Select(v => v.Key)));
        Assert.Equal(4, configs.Select(c => c.Id).Distinct().Count());

        var ex = Assert.Throws<ConfigException>(() => HardwareConfigFile.Apply(HardwareConfig.Default, path));
        Assert.Contains("sweep.toml:2: numRowSubArray", ex.Message);
        Assert.Contains("only in replay", ex.Message);
    }
}
