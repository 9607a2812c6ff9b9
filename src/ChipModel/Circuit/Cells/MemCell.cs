using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.ChipModel.Circuit.Cells;

/// <summary>
/// The memory cell as the circuit model sees it (NeuroSim MemCell, filled as ProcessingUnitInitialize
/// does from Param.cpp): geometry in feature sizes, resistances, voltages and pulse widths.
/// </summary>
public sealed record MemCell
{
    public required MemCellType Type { get; init; }
    public required CellAccessType Access { get; init; }
    public required double HeightInFeatureSize { get; init; }
    public required double WidthInFeatureSize { get; init; }
    public required double ResistanceOn { get; init; }
    public required double ResistanceOff { get; init; }
    public double ResistanceAvg => (ResistanceOn + ResistanceOff) / 2;
    public required double ReadVoltage { get; init; }
    public required double ReadPulseWidth { get; init; }
    public required double AccessVoltage { get; init; }
    public required double ResistanceAccess { get; init; }
    /// <summary>Wire feature size of cross-point cells (Param.cpp featuresize), m.</summary>
    public required double FeatureSize { get; init; }
    public required double MaxNumLevelLTP { get; init; }
    public required double MaxNumLevelLTD { get; init; }
    /// <summary>√(Vltp² + Vltd²): the reference's single write voltage.</summary>
    public required double WriteVoltage { get; init; }
    public required double WritePulseWidth { get; init; }
    public required bool NonlinearIV { get; init; }
    public required double Nonlinearity { get; init; }
    /// <summary>SRAM only (0 otherwise, as the reference leaves them unset for eNVM).</summary>
    public required double WidthSramCellNmos { get; init; }
    public required double WidthSramCellPmos { get; init; }
    public required double WidthAccessCmos { get; init; }
    public required double MinSenseVoltage { get; init; }

    public CellVoltages Voltages => new(ReadVoltage, AccessVoltage, WriteVoltage);

    public static MemCell From(HardwareConfig p)
    {
        var type = p.MemCellType;
        var access = p.AccessType;
        var sram = type == MemCellType.Sram;
        var cmos = access == CellAccessType.Cmos;
        return new MemCell
        {
            Type = type,
            Access = access,
            HeightInFeatureSize = sram ? p.HeightInFeatureSizeSRAM : cmos ? p.HeightInFeatureSize1T1R : p.HeightInFeatureSizeCrossbar,
            WidthInFeatureSize = sram ? p.WidthInFeatureSizeSRAM : cmos ? p.WidthInFeatureSize1T1R : p.WidthInFeatureSizeCrossbar,
            ResistanceOn = p.ResistanceOn,
            ResistanceOff = p.ResistanceOff,
            ReadVoltage = p.ReadVoltage,
            ReadPulseWidth = p.ReadPulseWidth,
            AccessVoltage = p.AccessVoltage,
            ResistanceAccess = p.ResistanceAccess,
            FeatureSize = p.Featuresize,
            MaxNumLevelLTP = p.MaxNumLevelLTP,
            MaxNumLevelLTD = p.MaxNumLevelLTD,
            WriteVoltage = Math.Sqrt(p.WriteVoltage * p.WriteVoltage + p.WriteVoltage * p.WriteVoltage),
            WritePulseWidth = (p.WritePulseWidth + p.WritePulseWidth) / 2,
            NonlinearIV = p.NonlinearIV,
            Nonlinearity = p.Nonlinearity,
            WidthSramCellNmos = sram ? p.WidthSRAMCellNMOS : 0,
            WidthSramCellPmos = sram ? p.WidthSRAMCellPMOS : 0,
            WidthAccessCmos = sram ? p.WidthAccessCMOS : 0,
            MinSenseVoltage = sram ? p.MinSenseVoltage : 0,
        };
    }
}
