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
    double UnitWireRes,
    bool V21 = false)
{
    /// <summary>Back-propagation reads use 8 pulses and assume half the columns active (the reference's constants).</summary>
    public const int NumReadPulseBP = 8;
    public const double ActivityBPColRead = 0.5;

    public int NumReadCellPerOperationNeuro => NumCol;
    public int NumWriteCellPerOperationNeuro => NumCol;
    public int NumWriteCellPerOperationMemory => NumCol / 8;

    /// <summary>
    /// RD-105 (V2.1 SubArray.cpp): the input-bit shift-add runs ceil(<paramref name="muxed"/> / numCellPerSynapse) times per read, the
    /// division in integers; V2.0's single shift-add runs <paramref name="muxed"/> times.
    /// </summary>
    public int InputShiftAddReads(int muxed) => V21 ? muxed / NumCellPerSynapse : muxed;

    /// <summary>V2.1: a synapse's cells are added by a shift-add of their own when a synapse spans more than one cell.</summary>
    public bool HasWeightShiftAdd => V21 && NumCellPerSynapse > 1;
}
