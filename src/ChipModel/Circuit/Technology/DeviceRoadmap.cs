namespace NeuroSim.Replay.ChipModel.Circuit.Technology;

/// <summary>ITRS roadmap of the transistors: high performance or low standby power.</summary>
public enum DeviceRoadmap
{
    Hp,
    Lstp,
}
