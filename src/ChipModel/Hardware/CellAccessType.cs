namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>The cell's access device (Param.cpp <c>accesstype</c>); the values are the reference's codes.</summary>
public enum CellAccessType
{
    /// <summary>1T1R: a CMOS access transistor per cell.</summary>
    Cmos = 1,
    Bjt = 2,
    Diode = 3,
    /// <summary>Cross-point (crossbar) array without access device.</summary>
    None = 4,
}
