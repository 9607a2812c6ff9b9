namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// Everything a subarray's weight-update estimate (ProcessingUnit.cpp GetWriteUpdateEstimation) reads besides the
/// window: the conductances, the cell's pulse levels, write voltage and pulse width, its kind and access, and the
/// subarray's supply, wire capacitances and half-select resistances. Chips with equal keys count the same update.
/// </summary>
public readonly record struct WriteUpdateKey(ConductanceKey Conductances, double MaxNumLevelLTP, double MaxNumLevelLTD, double WriteVoltage,
    double WritePulseWidth, int CellType, int Access, double Vdd, double CapRow1, double CapRow2, double CapCol, double ResistanceOnAtHalfVw,
    double ResistanceOffAtHalfVw, double GateCapFeFET)
{
    /// <summary>V2.1 only: the FeFET polarization (µC/cm²) its update energy adds per switched cell (null: V2.0).</summary>
    public double? V21Polarization { get; init; }
    /// <summary>V2.1 only: the technology's feature size (m) of that energy's cell area.</summary>
    public double? V21FeatureSize { get; init; }
}
