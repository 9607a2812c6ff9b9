namespace NeuroSim.Replay.EventStore;

public enum ReadDirection
{
    Forwards,
    Backwards,
}
