namespace NeuroSim.Replay.Core.Store;

public enum ReadDirection
{
    Forwards,
    Backwards,
}
