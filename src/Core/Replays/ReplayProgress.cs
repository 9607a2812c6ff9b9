namespace NeuroSim.Replay.Core.Replays;

/// <summary>Progress of a replay, for the progress bar.</summary>
public readonly record struct ReplayProgress(int Done, int Total, int Reused, TimeSpan Elapsed);
