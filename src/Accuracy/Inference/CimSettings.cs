using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Accuracy.Inference;

/// <summary>
/// What the hardware-aware inference reads of a chip (tests/ReferenceRuns/inference/NOTES.md): weight and input bits, cell bits,
/// subarray rows, ADC levels, on/off ratio, the mapping of conv kernels, and the cells' non-idealities.
/// </summary>
public sealed record CimSettings
{
    /// <summary>bW: the run's wl_weight.</summary>
    public required int WeightBits { get; init; }
    /// <summary>bA: input bits applied one by one (V2.0's wl_input, the run's wl_activate, 8).</summary>
    public int InputBits { get; init; } = 8;
    /// <summary>cb: bits per cell (1 for SRAM).</summary>
    public required int CellBit { get; init; }
    /// <summary>Rows of a subarray (numRowSubArray; V2.0's subArray).</summary>
    public required int SubArrayRows { get; init; }
    /// <summary>ADC output levels (levelOutput = 2^ADCprecision); 0: no ADC, partial sums exact (an ideal chip, tests only).</summary>
    public required long AdcLevels { get; init; }
    public required OnOffRatio OnOff { get; init; }
    /// <summary>Conv kernels mapped per kernel position (V2.0's inference and novelMapping); false: the unrolled Cin·k·k rows in order.</summary>
    public bool NovelMapping { get; init; } = true;
    /// <summary>vari, drift, stuck cells, v2Quirks.</summary>
    public AccuracyConfig Cells { get; init; } = AccuracyConfig.Default;

    /// <summary>Cells per weight: floor(bW/cb), as V2.0 (which keeps only the low K·cb bits when cb does not divide bW, RD-88).</summary>
    public int CellsPerWeight => WeightBits / CellBit;

    /// <summary>The settings of a chip for a run's weight and input precisions.</summary>
    public static CimSettings From(HardwareConfig chip, AccuracyConfig cells, int weightBits, int inputBits)
    {
        var sram = chip.MemCellType == MemCellType.Sram;
        return new CimSettings
        {
            WeightBits = weightBits,
            InputBits = inputBits,
            CellBit = sram ? 1 : chip.CellBit,
            SubArrayRows = chip.NumRowSubArray,
            AdcLevels = chip.LevelOutput,
            OnOff = OnOffRatio.Of(sram ? double.PositiveInfinity : chip.ResistanceOff / chip.ResistanceOn),
            NovelMapping = chip.NovelMapping,
            Cells = cells,
        };
    }
}
