using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// A validated configuration plus what Param.cpp and main.cpp derive from it for a run's precisions:
/// effective cell bits, cells per synapse, parallel read, and the wire resistances.
/// </summary>
public sealed record ChipParameters
{
    public required HardwareConfig Config { get; init; }
    public required int SynapseBit { get; init; }
    public required int NumBitInput { get; init; }
    /// <summary>1 for SRAM; otherwise cellBit capped at the synapse precision (RD-20: as the reference, which prints "ERROR!" and caps).</summary>
    public required int CellBit { get; init; }
    public required int NumRowPerSynapse { get; init; }
    public required int NumColPerSynapse { get; init; }
    public required bool ParallelRead { get; init; }
    public required double UnitLengthWireResistance { get; init; }
    public required double WireResistanceRow { get; init; }
    public required double WireResistanceCol { get; init; }
    public double MaxConductance => 1 / Config.ResistanceOn;
    public double MinConductance => 1 / Config.ResistanceOff;
    /// <summary>The configuration computes with DNN+NeuroSim V2.1's model (key chipModel).</summary>
    public bool V21 => Config.ChipModel == ReferenceVersion.V21;

    /// <summary>
    /// Whether a layer has an activation-gradient phase: in training, every layer under V2.0; under V2.1 not the first
    /// (layer index 0: nothing propagates back past it; DNN_NeuroSim_V2.1 SubArray/ProcessingUnit/Tile/Chip "layerNumber != 0").
    /// </summary>
    public bool HasActivationGradient(int layerIndex) => Config.TrainingEstimation && (!V21 || layerIndex != 0);

    /// <summary>
    /// Outputs an accumulation (adder tree) sums per read in V2.1: ceil(numColMuxed / numColPerSynapse) with the division in
    /// integers, as DNN_NeuroSim_V2.1 writes it; V2.0 counts numColMuxed.
    /// </summary>
    public int AccumulatedOutputsPerRead => V21 ? Config.NumColMuxed / NumColPerSynapse : Config.NumColMuxed;

    /// <summary>Extra bits V2.1 gives every accumulator, sigmoid and output buffer: the cells of one synapse (numColPerSynapse); 0 in V2.0.</summary>
    public int AccumulatorExtraBits => V21 ? NumColPerSynapse : 0;

    /// <summary>Columns a subarray really has: numColMuxed is capped at the subarray's columns.</summary>
    public int NumColMuxed => Math.Min(Config.NumColMuxed, Config.NumColSubArray);

    public static ChipParameters For(HardwareConfig config, int synapseBit, int numBitInput)
    {
        var cellBit = config.MemCellType == MemCellType.Sram ? 1 : Math.Min(config.CellBit, synapseBit);
        var (ar, rho) = config.WireWidth switch
        {
            200 => (2.10, 2.42e-8),
            100 => (2.30, 2.73e-8),
            50 => (2.34, 3.91e-8),
            40 => (1.90, 4.03e-8),
            32 => (1.90, 4.51e-8),
            22 => (2.00, 5.41e-8),
            14 => (2.10, 7.43e-8),
            _ => (0.0, 0.0),
        };
        // RD-103 (V2.1 Param.cpp): the wire resistivity rises by 0.451 %/K away from 300 K, in either direction (|T − 300|; the H-tree's
        // own factor is signed, HTree). V2.0 has no temperature factor.
        if (config.ChipModel == ReferenceVersion.V21) rho *= 1 + 0.00451 * Math.Abs(config.Temp - 300);
        double heightF, widthF;
        if (config.MemCellType == MemCellType.Sram) (heightF, widthF) = (config.HeightInFeatureSizeSRAM, config.WidthInFeatureSizeSRAM);
        else if (config.AccessType == CellAccessType.Cmos) (heightF, widthF) = (config.HeightInFeatureSize1T1R, config.WidthInFeatureSize1T1R);
        else (heightF, widthF) = (config.HeightInFeatureSizeCrossbar, config.WidthInFeatureSizeCrossbar);
        var wireLengthRow = config.WireWidth * 1e-9 * heightF;
        var wireLengthCol = config.WireWidth * 1e-9 * widthF;
        double unitRes, resRow, resCol;
        if (config.WireWidth == -1) (unitRes, resRow, resCol) = (1.0, 0, 0);   // no wire resistance
        else
        {
            unitRes = rho / (config.WireWidth * 1e-9 * config.WireWidth * 1e-9 * ar);
            resRow = unitRes * wireLengthRow;
            resCol = unitRes * wireLengthCol;
        }
        return new ChipParameters
        {
            Config = config,
            SynapseBit = synapseBit,
            NumBitInput = numBitInput,
            CellBit = cellBit,
            NumRowPerSynapse = 1,
            NumColPerSynapse = (int)Math.Ceiling((double)synapseBit / cellBit),
            ParallelRead = config.OperationMode == ReadMode.ConventionalParallel,
            UnitLengthWireResistance = unitRes,
            WireResistanceRow = resRow,
            WireResistanceCol = resCol,
        };
    }
}
