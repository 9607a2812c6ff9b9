using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>
/// The configurations of an accuracy replay (<c>replay --accuracy</c>): presets, TOML files, <c>--set</c> and <c>--sweep</c> as
/// for the cost replay, where every setting may also be one of the accuracy replay's own keys (<see cref="AccuracyKeys"/>) or a
/// V2.0 inference alias (<c>ADCprecision</c>, <c>subArray</c>, <c>onoffratio</c>). Two configurations that differ only in accuracy
/// keys share the chip (same id, same replay stream) and differ in <see cref="ReplayConfig.AccuracyHash"/>.
/// </summary>
public static class AccuracyConfigurations
{
    public static IReadOnlyList<ReplayConfig> Build(string[] presets, string[] files, string[] sets, string[] sweeps)
    {
        var bases = new List<ReplayConfig>();
        foreach (var p in presets) bases.Add(new ReplayConfig(p, HardwarePresets.Apply(HardwareConfig.Default, p)));
        foreach (var f in files)
        {
            var contents = HardwareConfigFile.Read(f);
            var (chip, accuracy) = AccuracyConfigParser.Apply(HardwareConfig.Default, AccuracyConfig.Default, contents.Settings, f);
            bases.AddRange(Expand([new ReplayConfig(Path.GetFileNameWithoutExtension(f), chip) { Accuracy = accuracy }],
                [.. contents.Sweeps.Select(s => (s.Key, s.Values, s.Line))], f));
        }
        if (bases.Count == 0) bases.Add(new ReplayConfig("default", HardwareConfig.Default));
        var pairs = sets.Select((s, i) =>
        {
            var (k, v) = HardwareConfigParser.SplitSetting(s, "--set");
            return (k, v, i + 1);
        }).ToList();
        if (pairs.Count > 0)
            bases = [.. bases.Select(b =>
            {
                var (chip, accuracy) = AccuracyConfigParser.Apply(b.Config, b.Accuracy, pairs, "--set");
                return new ReplayConfig(b.Name, chip) { Accuracy = accuracy, Varied = b.Varied };
            })];
        return Expand(bases, [.. sweeps.Select(s => { var (k, v) = Sweep.Parse(s); return (k, v, 0); })], "--sweep");
    }

    /// <summary>The cartesian product of the swept values over each base (chip and accuracy keys alike), duplicates dropped.</summary>
    public static IReadOnlyList<ReplayConfig> Expand(IReadOnlyList<ReplayConfig> bases, IReadOnlyList<(string Key, string[] Values, int Line)> sweeps, string source)
    {
        if (sweeps.Select(s => s.Key.ToLowerInvariant()).Distinct().Count() != sweeps.Count) throw new ArgumentException($"{source}: a key is swept twice");
        if (sweeps.FirstOrDefault(s => s.Values.Distinct().Count() != s.Values.Length) is { Key: not null } twice)
            throw new ArgumentException($"{source}: {twice.Key}: a value is listed twice");
        var result = bases.ToList();
        foreach (var (key, values, line) in sweeps)
            result = [.. result.SelectMany(c => values.Select(v =>
            {
                var (chip, accuracy) = AccuracyConfigParser.Apply(c.Config, c.Accuracy, [(key, v, line)], source);
                return new ReplayConfig(c.Name, chip) { Accuracy = accuracy, Varied = [.. c.Varied, (key, v)] };
            }))];
        return [.. result.DistinctBy(c => (c.Hash, c.AccuracyHash))];
    }
}
