namespace NeuroSim.Replay.Audit;

/// <summary>An outcome the audit explains: its name (for --target and file names), what it is, its unit, and what it needs.</summary>
public sealed record AuditOutcome(string Name, string Description, string Unit)
{
    public static readonly AuditOutcome LateAccuracy = new("late-accuracy", "test accuracy over the last third of the epochs", "%");
    public static readonly AuditOutcome BestAccuracy = new("best-accuracy", "best test accuracy of any epoch", "%");
    public static readonly AuditOutcome AccuracyLost = new("accuracy-lost", "late test accuracy lost against the study's baseline device (same seed)", "points");
    public static readonly AuditOutcome Pulses = new("pulses", "LTP + LTD pulses of every batch update", "pulses");
    public static readonly AuditOutcome AtGmin = new("gmin", "cells at Gmin after the last epoch", "%");
    public static readonly AuditOutcome AtGmax = new("gmax", "cells at Gmax after the last epoch", "%");
    public static readonly AuditOutcome WuEnergy = new("wu-energy", "weight-update energy of every batch, all epochs, on the replay's chip", "J");
    public static readonly AuditOutcome ChipEnergy = new("chip-energy", "energy per epoch on the replay's chip (last epoch)", "J");
    public static readonly AuditOutcome ChipAccuracy = new("chip-accuracy", "test accuracy on the replay's chip (accuracy replay, last epoch)", "%");

    public static readonly IReadOnlyList<AuditOutcome> All = [LateAccuracy, BestAccuracy, AccuracyLost, Pulses, AtGmin, AtGmax, WuEnergy, ChipEnergy, ChipAccuracy];

    /// <summary>An outcome by name (or "accuracy" for <see cref="LateAccuracy"/>, "energy" for <see cref="WuEnergy"/>).</summary>
    public static AuditOutcome Parse(string name) => name switch
    {
        "accuracy" => LateAccuracy,
        "energy" => WuEnergy,
        _ => All.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException($"--target: '{name}' is not an outcome; outcomes: accuracy, energy, {string.Join(", ", All.Select(o => o.Name))}"),
    };
}
