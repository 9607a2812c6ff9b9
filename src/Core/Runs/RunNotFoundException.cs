namespace NeuroSim.Replay.Core.Runs;

/// <summary>A command named a run (or an epoch of a run) that the store does not hold.</summary>
public sealed class RunNotFoundException(string message) : Exception(message);
