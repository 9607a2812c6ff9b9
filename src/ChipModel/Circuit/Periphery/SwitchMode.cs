namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Whether a switch matrix drives rows or columns.</summary>
public enum SwitchMode
{
    Row,
    Column,
}
