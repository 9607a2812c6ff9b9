using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// The 6T SRAM array itself (SubArray::Initialize and the cell parts of CalculateLatency/Power): its size,
/// wire loads and the cell's access, write and bit-line discharge figures, shared by both read modes.
/// </summary>
internal sealed record SramArray(
    double LengthRow, double LengthCol, double CapRow, double CapCol, double ResRow, double ResCol,
    double ResCellAccess, double CapCellAccess, double CapSramCell,
    double WriteDelayPerCell, double TauColumnPerRamp, double TauRowPerRamp, double Leakage)
{
    /// <summary>SRAM reads do not depend on a cell resistance: the eNVM figures are all zero.</summary>
    public static readonly CellResistances NoResistances = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Access transistor plus one wire segment: what one active row adds to a column's conductance (ProcessingUnit.cpp GetColumnResistance).</summary>
    public double CellReadResistance(double wireResistanceCol) => ResCellAccess + wireResistanceCol;

    public static SramArray Of(CircuitContext c, MemCell cell, SubArraySpec spec)
    {
        var f = c.F;
        var t = c.Tech;
        // SRAM cells are laid out at their own size, relaxed to the minimum cell only.
        double minCellHeight = MaxTransistorHeight, minCellWidth = (MinGapBetweenGatePoly + PolyWidth) * 2;
        var lengthRow = spec.NumCol * (spec.RelaxArrayCellWidth ? Math.Max(cell.WidthInFeatureSize, minCellWidth) : cell.WidthInFeatureSize) * f;
        var lengthCol = spec.NumRow * (spec.RelaxArrayCellHeight ? Math.Max(cell.HeightInFeatureSize, minCellHeight) : cell.HeightInFeatureSize) * f;
        var capRow = lengthRow * 0.2e-15 / 1e-6;
        var capCol = lengthCol * 0.2e-15 / 1e-6;
        var resRow = lengthRow * spec.UnitWireRes;
        var resCol = lengthCol * spec.UnitWireRes;

        // The 6T cell: access transistor and the cross-coupled inverters' drains and gates.
        var wN = cell.WidthSramCellNmos * f;
        var wP = cell.WidthSramCellPmos * f;
        var cellWidth = cell.WidthInFeatureSize * f;
        var resCellAccess = Gate.OnResistance(cell.WidthAccessCmos * f, TransistorKind.Nmos, c.Temperature, t);
        var capCellAccess = Gate.DrainCap(cell.WidthAccessCmos * f, TransistorKind.Nmos, cellWidth, t);
        var capSramCell = capCellAccess + Gate.DrainCap(wN, TransistorKind.Nmos, cellWidth, t) + Gate.DrainCap(wP, TransistorKind.Pmos, cellWidth, t)
            + Gate.GateCap(wN, t) + Gate.GateCap(wP, t);
        // Write: the cell's inverters flip through the average of their pull-up and pull-down.
        var resPull = (Gate.OnResistance(wN, TransistorKind.Nmos, c.Temperature, t) + Gate.OnResistance(wP, TransistorKind.Pmos, c.Temperature, t)) / 2;
        var writeDelayPerCell = Gate.Horowitz(resPull * capSramCell, 1e20).Delay;
        // Read: the bit line discharges through access and pull-down transistors until the sense margin.
        var resPullDown = Gate.OnResistance(wN, TransistorKind.Nmos, c.Temperature, t);
        var senseSwing = Math.Log(c.Vdd / (c.Vdd - cell.MinSenseVoltage / 2));
        var tauColumn = ((resCellAccess + resPullDown) * (capCellAccess + capCol) + resCol * capCol / 2) * senseSwing;
        var tauRow = ((resCellAccess + resPullDown) * (capCellAccess + capRow) + resRow * capRow / 2) * senseSwing;
        // Two inverters per cell leak.
        var leakage = Gate.Leakage(GateType.Inv, 1, wN, wP, c.Temperature, t) * c.Vdd * 2 * spec.NumRow * spec.NumCol;
        return new SramArray(lengthRow, lengthCol, capRow, capCol, resRow, resCol, resCellAccess, capCellAccess, capSramCell,
            writeDelayPerCell, tauColumn, tauRow, leakage);
    }

    /// <summary>
    /// Row writes of an update: for latency whole write operations per row, for energy an average (at least one)
    /// — SubArray.cpp counts them both ways (RD-58).
    /// </summary>
    public static (double Latency, double Energy) Writes(SubArraySpec s, WriteActivity w)
    {
        var opsLatency = (int)Math.Ceiling(s.NumCol * w.ActivityColWrite / s.NumWriteCellPerOperationNeuro);
        var opsEnergy = s.NumCol * w.ActivityColWrite > s.NumWriteCellPerOperationNeuro ? s.NumCol * w.ActivityColWrite / s.NumWriteCellPerOperationNeuro : 1;
        return (opsLatency * s.NumRow * w.ActivityRowWrite, opsEnergy * s.NumRow * w.ActivityRowWrite);
    }

    /// <summary>Energy of the written cells flipping Q and Q̄.</summary>
    public double FlipEnergy(SubArraySpec s, WriteActivity w, double vdd) =>
        CapSramCell * vdd * vdd * 2 * s.NumCol * w.ActivityColWrite * s.NumRow * w.ActivityRowWrite;
}
