using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>A named chip configuration of a replay; its id (short content hash) names the replay stream and output folder.</summary>
public sealed record ReplayConfig(string Name, HardwareConfig Config)
{
    public string Id { get; } = ConfigIdentity.Id(Config);
    public string Hash { get; } = ConfigIdentity.Hash(Config);
    /// <summary>The swept keys and their values in this configuration (empty without --sweep).</summary>
    public IReadOnlyList<(string Key, string Value)> Varied { get; init; } = [];
}

/// <summary>
/// Built-in chips: the V2.0 default (RRAM, 32 nm) and two common alternatives. Each is the default with a few
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
        };

    public static HardwareConfig Apply(HardwareConfig baseConfig, string name)
    {
        if (!All.TryGetValue(name, out var preset))
            throw new ArgumentException($"--preset: unknown preset '{name}'; known: {string.Join(", ", All.Keys)}");
        return HardwareConfigParser.Apply(baseConfig, preset.Settings.Select(s => (s.Key, s.Value, 0)), $"preset {name}");
    }
}

/// <summary>--sweep key=v1,v2,…: the cartesian product of the listed values over each base configuration.</summary>
public static class Sweep
{
    public static (string Key, string[] Values) Parse(string sweep)
    {
        var (key, values) = HardwareConfigParser.SplitSetting(sweep, "--sweep");
        var list = values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (list.Length == 0) throw new ArgumentException($"--sweep {sweep}: no values (write key=v1,v2,…)");
        if (list.Distinct().Count() != list.Length) throw new ArgumentException($"--sweep {sweep}: a value is listed twice");
        return (key, list);
    }

    /// <param name="source">Where the sweeps come from (--sweep, or a config file), for errors.</param>
    public static IReadOnlyList<ReplayConfig> Expand(IReadOnlyList<ReplayConfig> bases, IReadOnlyList<(string Key, string[] Values)> sweeps, string source = "--sweep")
    {
        if (sweeps.Select(s => s.Key.ToLowerInvariant()).Distinct().Count() != sweeps.Count) throw new ArgumentException($"{source}: a key is swept twice");
        if (sweeps.FirstOrDefault(s => s.Values.Distinct().Count() != s.Values.Length) is { Key: not null } twice)
            throw new ArgumentException($"{source}: {twice.Key}: a value is listed twice");
        var result = bases.ToList();
        foreach (var (key, values) in sweeps)
            result = [.. result.SelectMany(c => values.Select(v => new ReplayConfig(c.Name, HardwareConfigParser.Apply(c.Config, [(key, v, 0)], source))
            {
                Varied = [.. c.Varied, (key, v)],
            }))];
        return result.DistinctBy(c => c.Hash).ToList();
    }
}
