using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Replays;

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
