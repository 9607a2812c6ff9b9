using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>A chip named on a command line: nothing (the V2.0 default), a preset (rram-32nm, sram-22nm, fefet-14nm) or a TOML file without sweeps.</summary>
public static class ChipSpec
{
    public static ReplayConfig Resolve(string? spec) => spec switch
    {
        null or "" => new ReplayConfig("default", HardwareConfig.Default),
        _ when HardwarePresets.All.ContainsKey(spec) => new ReplayConfig(spec, HardwarePresets.Apply(HardwareConfig.Default, spec)),
        _ => new ReplayConfig(Path.GetFileNameWithoutExtension(spec), HardwareConfigFile.Apply(HardwareConfig.Default, spec)),
    };
}
