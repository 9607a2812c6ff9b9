using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>
/// Built-in chips: the V2.0 default (RRAM, 32 nm), two common alternatives, and V2.1's default with two of its options. Each is the default with a few
/// Param.cpp keys changed; later --config files and --set flags change them further.
/// </summary>
public static class HardwarePresets
{
    public static readonly IReadOnlyDictionary<string, (string Description, (string Key, string Value)[] Settings)> All =
        new Dictionary<string, (string, (string, string)[])>
        {
            ["rram-32nm"] = ("RRAM 1T1R at 32 nm: the V2.0 default", []),
            ["sram-22nm"] = ("SRAM (6T) at 22 nm", [("memcelltype", "1"), ("technode", "22"), ("wireWidth", "22")]),
            ["fefet-14nm"] = ("FeFET at 14 nm", [("memcelltype", "3"), ("technode", "14"), ("wireWidth", "14")]),
            // chipModel=v2.1 starts from V2.1's Param.cpp (HardwareConfig.WithChipModel): FeFET, Ron 240 kΩ, on/off 100, 60 levels, 300 K.
            ["v2.1"] = ("the V2.1 model with V2.1's defaults: FeFET 1T1R at 32 nm, Ron 240 kΩ, on/off 100, 60 levels, 300 K", [("chipModel", "v2.1")]),
            ["rram-v2.1"] = ("the V2.1 model with RRAM cells and V2.1's other defaults", [("chipModel", "v2.1"), ("memcelltype", "2")]),
            ["sar-adc-v2.1"] = ("the V2.1 model with V2.1's defaults and a SAR ADC per column group", [("chipModel", "v2.1"), ("SARADC", "true")]),
        };

    public static HardwareConfig Apply(HardwareConfig baseConfig, string name)
    {
        if (!All.TryGetValue(name, out var preset))
            throw new ArgumentException($"--preset: unknown preset '{name}'; known: {string.Join(", ", All.Keys)}");
        return HardwareConfigParser.Apply(baseConfig, preset.Settings.Select(s => (s.Key, s.Value, 0)), $"preset {name}");
    }
}
