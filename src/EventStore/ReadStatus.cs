namespace NeuroSim.Replay.EventStore;

public enum ReadStatus
{
    Success,
    /// <summary>The stream does not exist; reading a missing stream is an expected outcome, not an error.</summary>
    StreamNotFound,
}
