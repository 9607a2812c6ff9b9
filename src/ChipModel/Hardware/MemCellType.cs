namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>The synaptic memory cell (Param.cpp <c>memcelltype</c>); the values are the reference's codes.</summary>
public enum MemCellType
{
    Sram = 1,
    Rram = 2,
    FeFet = 3,
}
