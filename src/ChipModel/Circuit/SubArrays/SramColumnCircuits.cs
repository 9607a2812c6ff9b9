using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// The column circuits every SRAM array has, for the forward array and its transpose (SubArray.cpp: "precharger and
/// writeDriver are always needed"); they take the write activity known at initialization (none; RD-57).
/// </summary>
internal sealed record SramColumnCircuits(Periphery.Precharger Pre, Periphery.SramWriteDriver WriteDriver, Periphery.Precharger PreBP, Periphery.SramWriteDriver WriteDriverBP)
{
    public static SramColumnCircuits Of(CircuitContext c, SubArraySpec spec, double resCol, double resRow)
    {
        const double activityColWriteAtInit = 0;
        return new SramColumnCircuits(
            new Periphery.Precharger(c, spec.NumCol, resCol, activityColWriteAtInit, spec.NumReadCellPerOperationNeuro, spec.NumWriteCellPerOperationNeuro),
            new Periphery.SramWriteDriver(c, spec.NumCol, activityColWriteAtInit, spec.NumWriteCellPerOperationNeuro),
            new Periphery.Precharger(c, spec.NumRow, resRow, activityColWriteAtInit, spec.NumReadCellPerOperationNeuro, spec.NumWriteCellPerOperationNeuro),
            new Periphery.SramWriteDriver(c, spec.NumRow, activityColWriteAtInit, spec.NumWriteCellPerOperationNeuro));
    }
}
