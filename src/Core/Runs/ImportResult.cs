namespace NeuroSim.Replay.Core.Runs;

/// <summary>
/// What an import appended. <paramref name="AlreadyHeld"/>: the run held this epoch with the same traces already (a repeated
/// call of the NeuroSIM/main drop-in), so no trace was appended; <paramref name="WrapperRows"/>: rows of the wrapper's own
/// files (evaluations and statistics) appended with it.
/// </summary>
public sealed record ImportResult(string RunName, int Epoch, bool NewRun, int Layers, long StoredBytes, long SourceBytes, long Position,
    bool AlreadyHeld = false, int WrapperRows = 0);
