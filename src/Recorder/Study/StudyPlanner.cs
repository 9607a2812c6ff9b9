using NeuroSim.Replay.Core.Devices;
using StudyPlanned = NeuroSim.Replay.Core.Events.Contracts.StudyPlanned;
using StudyPoint = NeuroSim.Replay.Core.Events.Contracts.StudyPoint;
using StudyRunPlanned = NeuroSim.Replay.Core.Events.Contracts.StudyRunPlanned;
using NeuroSim.Replay.Core.Studies;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder.Study;

/// <summary>What <c>study</c> was asked for on the command line (before it becomes a plan).</summary>
public sealed record StudyRequest(string Name, string Model, int Epochs, int Seeds, IReadOnlyList<string> Vary, string Design, int Levels, int Samples, ulong DesignSeed,
    IReadOnlyList<string> Sets, string? DeviceFile, bool Baseline, bool Replay, string? Chip, bool Accuracy, int Instances, string? Data, int MaxBatches, int BatchSize);

/// <summary>
/// Turns a <see cref="StudyRequest"/> into the <see cref="StudyPlanned"/> event: the parameters, the points of the design, and a run per
/// point and seed. Every point's settings are checked as <c>record</c> would check them (names, values, the device's and training's
/// rules) before anything is written, so a plan never holds a run that cannot start.
/// </summary>
public static class StudyPlanner
{
    public static StudyPlanned Plan(StudyRequest r)
    {
        Core.Events.StreamIds.Study(r.Name);
        if (r.Epochs < 1) throw new ArgumentException($"--epochs: {r.Epochs} must be at least 1");
        if (r.Seeds < 1) throw new ArgumentException($"--seeds: {r.Seeds} must be at least 1");
        if (r.Instances < 1) throw new ArgumentException($"--instances: {r.Instances} must be at least 1");
        if (r.Accuracy && !r.Replay) throw new ArgumentException("--accuracy: the accuracy replay comes with --replay");
        Models.Resolve(r.Model);
        var plan = new StudyPlanned
        {
            Name = r.Name, Model = r.Model, Epochs = r.Epochs, Design = r.Design, Levels = r.Levels, Samples = r.Samples, DesignSeed = r.DesignSeed,
            Replay = r.Replay, Chip = r.Chip ?? "", Accuracy = r.Accuracy, Instances = r.Instances, Data = r.Data ?? "", MaxBatches = r.MaxBatches,
            BatchSize = r.BatchSize, DeviceFile = r.DeviceFile ?? "",
        };
        plan.Seeds.AddRange(Enumerable.Range(1, r.Seeds).Select(i => (long)i));
        // The base every run starts from: the device file's [update], then --set (V2.0 names), in order.
        if (r.DeviceFile is { } path)
        {
            var file = DeviceFile.Read(path);
            foreach (var u in file.Update) plan.BaseSettings[u.Key] = u.Value;
            foreach (var c in file.Chip) plan.ChipSettings[c.Key] = c.Value;
            if (r.Replay) _ = file.ChipSettings(path);   // checked against the chip's keys now, naming the file's lines
        }
        foreach (var s in r.Sets)
        {
            var eq = s.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--set: '{s}' is not key=value");
            plan.BaseSettings[s[..eq].Trim()] = s[(eq + 1)..].Trim();
        }
        foreach (var key in plan.BaseSettings.Keys.Where(k => k is "seed" or "epochs"))
            throw new ArgumentException($"--set: '{key}' is the study's own (--seeds, --epochs)");
        plan.Parameters.AddRange(r.Vary.Select(v => StudyParameters.Parse(v, SettingsParser.IsInteger)));
        if (plan.Parameters.FirstOrDefault(p => p.Key is "seed" or "epochs") is { } own) throw new ArgumentException($"--vary: '{own.Key}' is the study's own (--seeds, --epochs)");
        plan.Points.AddRange(StudyDesign.Points(plan.Parameters, r.Design, r.Levels, r.Samples, r.DesignSeed, r.Baseline));
        foreach (var point in plan.Points) Check(plan, point);
        foreach (var point in plan.Points)
            foreach (var seed in plan.Seeds)
                plan.Runs.Add(new StudyRunPlanned { Run = StudyDesign.RunName(r.Name, point.Index, seed), Point = point.Index, Seed = seed });
        if (plan.Replay) _ = StudyRunner.Chip(plan);   // a chip that cannot be read fails now, not after the training
        if (plan.Runs.Any(x => !Core.Events.StreamIds.IsValidRunName(x.Run))) throw new ArgumentException($"study '{r.Name}': its run names would exceed {Core.Events.StreamIds.RunNameRule}");
        return plan;
    }

    /// <summary>The settings a point's runs are recorded with, as record --set takes them: the base, then the point's values.</summary>
    public static IReadOnlyList<string> Settings(StudyPlanned plan, StudyPoint point)
    {
        var map = new Dictionary<string, string>(plan.BaseSettings);
        foreach (var (k, v) in point.Settings) map[k] = v;
        // A precision varied alone keeps one cell per synapse (the recorder trains cellBit = wl_weight, RD-84).
        if (point.Settings.ContainsKey("wl_weight") && !point.Settings.ContainsKey("cellBit") && !plan.BaseSettings.ContainsKey("cellBit")) map["cellBit"] = map["wl_weight"];
        return [.. map.Select(kv => $"{kv.Key}={kv.Value}")];
    }

    private static void Check(StudyPlanned plan, StudyPoint point)
    {
        var (settings, device) = (new TrainingSettings { Epochs = plan.Epochs }, DeviceModel.V2Default);
        var source = point.Baseline ? "--set" : $"study point {point.Index}";
        foreach (var s in Settings(plan, point))
        {
            var eq = s.IndexOf('=');
            (settings, device) = SettingsParser.Apply(settings, device, s[..eq], s[(eq + 1)..], source);
        }
        var problems = settings.Validate().Concat(device.Validate()).ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"{source} ({string.Join(", ", point.Settings.Select(kv => $"{kv.Key}={kv.Value}"))}): {string.Join("; ", problems)}");
    }
}
