using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Cells;

/// <summary>
/// What the subarray derives from the cell (SubArray::Initialize): for 1T1R the access transistor sized to
/// add a quarter of Ron, and the cell resistances with it; for cross-points the resistances at Vr, Vw/2 and Vw.
/// </summary>
public sealed record CellResistances(
    double ResCellAccess,
    double WidthAccessCmos,
    double ResMemCellOn,
    double ResMemCellOff,
    double ResMemCellAvg,
    double ResMemCellOnAtHalfVw,
    double ResMemCellOffAtHalfVw,
    double ResMemCellAvgAtHalfVw,
    double ResMemCellOnAtVw,
    double ResMemCellOffAtVw,
    double ResMemCellAvgAtVw)
{
    /// <exception cref="Hardware.ConfigException">A 1T1R access transistor wider than the cell.</exception>
    public static CellResistances For(MemCell cell, CircuitContext c)
    {
        if (cell.Access == CellAccessType.Cmos)
        {
            var resAccess = cell.ResistanceOn * IrDropTolerance;
            var width = Gate.OnResistance(c.F, TransistorKind.Nmos, c.Temperature, c.Tech) * LinearRegionRatio / resAccess;
            if (width > cell.WidthInFeatureSize)
                throw new Hardware.ConfigException([new Hardware.ConfigError("widthInFeatureSize1T1R", cell.WidthInFeatureSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"the 1T1R access transistor needs {width:F2} F, wider than the cell ({cell.WidthInFeatureSize} F); widen the cell or raise resistanceOn")]);
            return new CellResistances(resAccess, width, resAccess + cell.ResistanceOn, resAccess + cell.ResistanceOff, resAccess + cell.ResistanceAvg,
                0, 0, 0, 0, 0, 0);
        }
        if (cell.NonlinearIV)
        {
            double Nl(double r, double v) => Gate.NonlinearResistance(r, cell.Nonlinearity, cell.WriteVoltage, cell.ReadVoltage, v);
            var onHalf = Nl(cell.ResistanceOn, cell.WriteVoltage / 2);
            var offHalf = Nl(cell.ResistanceOff, cell.WriteVoltage / 2);
            var onFull = Nl(cell.ResistanceOn, cell.WriteVoltage);
            var offFull = Nl(cell.ResistanceOff, cell.WriteVoltage);
            return new CellResistances(0, cell.WidthAccessCmos, cell.ResistanceOn, cell.ResistanceOff, cell.ResistanceAvg,
                onHalf, offHalf, (onHalf + offHalf) / 2, onFull, offFull, (onFull + offFull) / 2);
        }
        return new CellResistances(0, cell.WidthAccessCmos, cell.ResistanceOn, cell.ResistanceOff, cell.ResistanceAvg,
            cell.ResistanceOn, cell.ResistanceOff, cell.ResistanceAvg, cell.ResistanceOn, cell.ResistanceOff, cell.ResistanceAvg);
    }
}
