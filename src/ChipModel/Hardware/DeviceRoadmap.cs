namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>ITRS roadmap of the transistors (Param.cpp <c>deviceroadmap</c>): high performance or low standby power; the values are the reference's codes.</summary>
public enum DeviceRoadmap
{
    Hp = 1,
    Lstp = 2,
}
