using System.Security.Cryptography;
using System.Text;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Hardware;

/// <summary>
/// The accuracy replay's keys: validated like chip keys, kept out of the chip's identity (stored replays keep their ids),
/// swept beside chip keys, and the V2.0 inference names (ADCprecision, subArray, onoffratio) as aliases of chip keys.
/// </summary>
public sealed class AccuracyConfigTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Aliases_set_the_chip_keys_they_stand_for()
    {
        var c = HardwareConfigParser.Apply(HardwareConfig.Default with { ResistanceOn = 240e3 },
            [("ADCprecision", "5", 1), ("subArray", "64", 2), ("onoffratio", "100", 3)], "--set");
        Assert.Equal((32, 64, 64), (c.LevelOutput, c.NumRowSubArray, c.NumColSubArray));
        Assert.Equal(24e6, c.ResistanceOff);
        // An alias is the same configuration (and id) as the keys it sets.
        var direct = HardwareConfigParser.Apply(HardwareConfig.Default with { ResistanceOn = 240e3 },
            [("levelOutput", "32", 1), ("numRowSubArray", "64", 2), ("numColSubArray", "64", 2), ("resistanceOff", "24e6", 3)], "--set");
        Assert.Equal(ConfigIdentity.Id(direct), ConfigIdentity.Id(c));
    }

    [Theory]
    [InlineData("ADCprecision", "11", "allowed: an integer from 1 to 10 (levelOutput = 2^ADCprecision)")]
    [InlineData("ADCprecision", "4.5", "allowed: an integer from 1 to 10")]
    [InlineData("onoffratio", "1", "allowed: a number above 1 (resistanceOff = onoffratio × resistanceOn)")]
    [InlineData("subArray", "1", "subArray (numRowSubArray): 1 is not allowed; allowed: an integer from 2 to 4,096")]
    public void Bad_alias_values_are_named_with_their_rule(string key, string value, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigParser.Apply(HardwareConfig.Default, [(key, value, 7)], "chip.txt"));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("chip.txt:7: ", ex.Message);
    }

    [Fact]
    public void Accuracy_keys_are_validated_with_key_source_and_line()
    {
        var ex = Assert.Throws<ConfigException>(() => AccuracyConfigParser.Apply(HardwareConfig.Default, AccuracyConfig.Default,
            [("vari", "2", 3), ("detect", "0.5", 4), ("t", "abc", 5), ("rate_stuck_0", "0.7", 6), ("rate_stuck_1", "0.5", 7)], "chip.toml"));
        Assert.Contains(ex.Errors, e => e is { Key: "vari", Line: 3 } && e.Message == "2 is not allowed; allowed: a number from 0 to 1");
        Assert.Contains(ex.Errors, e => e is { Key: "detect", Line: 4 } && e.Message.Contains("allowed: 0 (random drift direction per read) or 1"));
        Assert.Contains(ex.Errors, e => e is { Key: "t", Line: 5 } && e.Message.Contains("'abc' is not valid"));
        Assert.Contains(ex.Errors, e => e.Key == "rate_stuck_1" && e.Message.Contains("exceeds 1; allowed: at most 0.3"));
        Assert.All(ex.Errors, e => Assert.Equal("chip.toml", e.Source));
    }

    [Fact]
    public void Accuracy_keys_in_a_cost_replay_say_where_they_belong()
    {
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigParser.Apply(HardwareConfig.Default, [("vari", "0.1", 2)], "--set"));
        Assert.Equal("--set:2: vari: an accuracy key (the accuracy replay's cell non-idealities): use it with replay --accuracy", ex.Message);
    }

    [Fact]
    public void Accuracy_keys_do_not_change_the_chip_identity_and_defaults_do_not_change_the_accuracy_identity()
    {
        var plain = new ReplayConfig("a", HardwareConfig.Default);
        var (chip, accuracy) = AccuracyConfigParser.Apply(HardwareConfig.Default, AccuracyConfig.Default, [("vari", "0.1", 1), ("t", "100", 2)], "--set");
        var noisy = new ReplayConfig("b", chip) { Accuracy = accuracy };
        Assert.Equal(plain.Id, noisy.Id);
        Assert.Equal(plain.Hash, noisy.Hash);
        Assert.DoesNotContain("vari", ConfigIdentity.CanonicalText(chip));
        Assert.NotEqual(plain.AccuracyHash, noisy.AccuracyHash);
        Assert.Equal("accuracy/1\nvari=0.1\nt=100\n", AccuracyIdentity.CanonicalText(accuracy));
        // Setting a key to its default is the default configuration: its identity is "accuracy/1" alone.
        var (_, defaults) = AccuracyConfigParser.Apply(HardwareConfig.Default, AccuracyConfig.Default, [("vari", "0", 1), ("detect", "1", 2), ("v2Quirks", "false", 3)], "--set");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("accuracy/1\n"))), AccuracyIdentity.Hash(defaults));
    }

    [Fact]
    public void Sweeps_mix_chip_and_accuracy_keys()
    {
        var configs = AccuracyConfigurations.Build([], [], [], ["ADCprecision=3,5", "vari=0,0.1,0.2"]);
        Assert.Equal(6, configs.Count);
        Assert.Equal(2, configs.Select(c => c.Id).Distinct().Count());
        Assert.Equal(3, configs.Select(c => c.AccuracyHash).Distinct().Count());
        Assert.Equal([("ADCprecision", "5"), ("vari", "0.2")], configs[^1].Varied);
        Assert.Equal(32, configs[^1].Config.LevelOutput);
        Assert.Equal(0.2, configs[^1].Accuracy.Vari);
    }

    [Fact]
    public void Toml_files_hold_accuracy_keys_in_their_table_or_at_top_level_and_sweep_them()
    {
        var path = _tmp.Combine("chip.toml");
        File.WriteAllText(path, """
            ADCprecision = 4
            [accuracy]
            vari = [0.05, 0.1]
            t = 1e4
            v = 0.01
            """);
        var configs = AccuracyConfigurations.Build([], [path], ["rate_stuck_0=0.01"], []);
        Assert.Equal(2, configs.Count);
        Assert.All(configs, c => Assert.Equal((16, 1e4, 0.01, 0.01), (c.Config.LevelOutput, c.Accuracy.T, c.Accuracy.V, c.Accuracy.RateStuck0)));
        Assert.Equal([0.05, 0.1], configs.Select(c => c.Accuracy.Vari));

        File.WriteAllText(path, "[array]\nvari = 0.1\n[accuracy]\ncellBit = 2\n");
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigFile.Read(path));
        Assert.Contains(ex.Errors, e => e is { Key: "vari", Line: 2 } && e.Message == "belongs in [accuracy], not [array]");
        Assert.Contains(ex.Errors, e => e is { Key: "cellBit", Line: 4 } && e.Message.Contains("belongs in [array], not [accuracy]"));
    }
}
