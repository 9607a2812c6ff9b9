namespace NeuroSim.Replay.ChipModel.Circuit.Cells;

public enum MemCellType
{
    Sram,
    Rram,
    FeFet,
}

public enum CellAccessType
{
    /// <summary>1T1R: a CMOS access transistor per cell.</summary>
    Cmos,
    Bjt,
    Diode,
    /// <summary>Cross-point (crossbar) array without access device.</summary>
    None,
}
