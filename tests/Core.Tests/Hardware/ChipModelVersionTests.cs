using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Tests.Hardware;

/// <summary>The model-version key (chipModel) and V2.1's keys: identity, defaults, validation (issue 18).</summary>
public sealed class ChipModelVersionTests
{
    private static readonly string[] V21Keys = ["chipModel", "SARADC", "currentMode", "polarization"];

    [Fact]
    public void A_V20_configuration_keeps_the_identity_it_had_before_V21_existed()
    {
        var text = ConfigIdentity.CanonicalText(HardwareConfig.Default);
        Assert.All(V21Keys, k => Assert.DoesNotContain("\n" + k + "=", "\n" + text, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(70, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);   // Param.cpp's V2.0 keys, as before issue 18
        Assert.Empty(ConfigIdentity.Differences(HardwareConfig.Default));
    }

    [Fact]
    public void ChipModel_v21_starts_from_V21s_ParamCpp_wherever_its_line_is()
    {
        var first = HardwareConfigParser.ApplyText(HardwareConfig.Default, "chipModel=v2.1\nmemcelltype=2\ntemp=350\n", "a.txt");
        var last = HardwareConfigParser.ApplyText(HardwareConfig.Default, "memcelltype=2\ntemp=350\nchipModel = \"v2.1\"\n", "b.txt");
        Assert.Equal(first, last);
        Assert.Equal(HardwareConfig.DefaultV21 with { MemCellType = MemCellType.Rram, Temp = 350 }, first);
        Assert.Equal((MemCellType.FeFet, 300, 240e3, 240e3 * 100, 60.0, 60.0),
            (HardwareConfig.DefaultV21.MemCellType, HardwareConfig.DefaultV21.Temp, HardwareConfig.DefaultV21.ResistanceOn, HardwareConfig.DefaultV21.ResistanceOff,
                HardwareConfig.DefaultV21.MaxNumLevelLTP, HardwareConfig.DefaultV21.MaxNumLevelLTD));
        Assert.Empty(HardwareConfigValidator.Validate(HardwareConfig.DefaultV21, synapseBits: 5));
        // Back to V2.0: keys at V2.1's defaults take V2.0's again; others stay.
        Assert.Equal(HardwareConfig.Default with { MemCellType = MemCellType.Rram, Temp = 350 }, first.WithChipModel(ReferenceVersion.V20));
    }

    [Fact]
    public void A_V21_configuration_is_identified_with_its_model_and_keys()
    {
        var v21 = HardwareConfig.DefaultV21;
        var text = ConfigIdentity.CanonicalText(v21);
        Assert.All(V21Keys, k => Assert.Contains("\n" + k + "=", "\n" + text, StringComparison.Ordinal));
        Assert.Contains("chipModel=v2.1\n", text, StringComparison.Ordinal);
        Assert.NotEqual(ConfigIdentity.Hash(v21), ConfigIdentity.Hash(v21 with { SarAdc = true }));
        // The same chip computed by the other model is another configuration.
        Assert.NotEqual(ConfigIdentity.Hash(v21 with { ChipModel = ReferenceVersion.V20 }), ConfigIdentity.Hash(v21));
        Assert.Equal([("chipModel", "v2.1", "v2.0")], ConfigIdentity.Differences(v21).Select(d => (d.Key, d.Value, d.Baseline)));
    }

    [Fact]
    public void V21_keys_under_V20_and_bad_versions_are_named_errors()
    {
        var errors = HardwareConfigValidator.Validate(HardwareConfig.Default with { SarAdc = true, Polarization = 30 });
        Assert.Equal(["SARADC", "polarization"], errors.Select(e => e.Key));
        Assert.All(errors, e => Assert.Contains("chipModel=v2.1", e.Message, StringComparison.Ordinal));
        var bad = Assert.Throws<ConfigException>(() => HardwareConfigParser.ApplyText(HardwareConfig.Default, "\nchipModel=v3\n", "p.txt"));
        var error = Assert.Single(bad.Errors);
        Assert.Equal(("chipModel", "p.txt", 2), (error.Key, error.Source, error.Line));
        Assert.Contains("v2.0 or v2.1", error.Message, StringComparison.Ordinal);
        var range = Assert.Throws<ConfigException>(() => HardwareConfigParser.ApplyText(HardwareConfig.Default, "chipModel=v2.1\npolarization=0\n", "p.txt"));
        Assert.Equal("polarization", Assert.Single(range.Errors).Key);
    }
}
