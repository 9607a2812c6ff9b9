namespace NeuroSim.Replay.Core.Devices;

/// <summary>One key of a device file, its value as text and its line (0 when made in memory); <see cref="Comment"/> is written after it.</summary>
public sealed record DeviceSetting(string Key, string Value, int Line = 0, string Comment = "");
