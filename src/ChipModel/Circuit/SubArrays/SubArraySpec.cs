namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// How the processing unit sets up its subarray (ProcessingUnitInitialize): size, read multiplexing, ADC
/// levels, input bits, and the options of the transposed (back-propagation) read.
/// </summary>
public sealed record SubArraySpec(
    int NumRow,
    int NumCol,
    int NumColMuxed,
    int LevelOutput,
    int LevelOutputBP,
    int NumRowMuxedBP,
    int NumReadPulse,
    double ClkFreq,
    bool RelaxArrayCellHeight,
    bool RelaxArrayCellWidth,
    bool TrainingEstimation,
    bool ParallelBP,
    bool ConventionalParallel,
    int AvgWeightBit,
    int NumCellPerSynapse,
    double UnitWireRes)
{
    /// <summary>Back-propagation reads use 8 pulses and assume half the columns active (the reference's constants).</summary>
    public const int NumReadPulseBP = 8;
    public const double ActivityBPColRead = 0.5;

    public int NumReadCellPerOperationNeuro => NumCol;
    public int NumWriteCellPerOperationNeuro => NumCol;
    public int NumWriteCellPerOperationMemory => NumCol / 8;
}
