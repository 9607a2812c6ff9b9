using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// Everything a <see cref="ConductanceMap"/> reads of a configuration: chips with equal keys map a trace's weights to
/// the same conductances.
/// </summary>
public readonly record struct ConductanceKey(double MaxConductance, double MinConductance, int NumColPerSynapse, bool Sram, int SynapseBit, int CellBit,
    double AlgoWeightMax, double AlgoWeightMin)
{
    public static ConductanceKey Of(ChipParameters p) => new(p.MaxConductance, p.MinConductance, p.NumColPerSynapse, p.Config.MemCellType == MemCellType.Sram,
        p.SynapseBit, p.CellBit, p.Config.AlgoWeightMax, p.Config.AlgoWeightMin);
}
