using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Interconnect;

public enum BusMode
{
    Horizontal,
    Vertical,
}
