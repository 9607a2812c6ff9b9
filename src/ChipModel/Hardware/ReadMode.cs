namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// How the synaptic array is read (Param.cpp <c>operationmode</c>): row by row, or all rows at once into the ADCs.
/// The values are the reference's codes; the training estimate supports only these two.
/// </summary>
public enum ReadMode
{
    ConventionalSequential = 1,
    ConventionalParallel = 2,
}
