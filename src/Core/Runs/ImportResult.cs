namespace NeuroSim.Replay.Core.Runs;

/// <summary>What an import appended.</summary>
public sealed record ImportResult(string RunName, int Epoch, bool NewRun, int Layers, long StoredBytes, long SourceBytes, long Position);
