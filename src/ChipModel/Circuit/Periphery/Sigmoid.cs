using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Gates;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// Sigmoid as a look-up table in eNVM cells (NeuroSim Sigmoid.cpp, the non-SRAM variant the chip uses):
/// <c>numEntry</c> rows of <c>numYbit</c> cells, a row decoder and voltage sense amps; <c>numFunction</c>
/// tables work in parallel.
/// </summary>
public sealed class Sigmoid
{
    private readonly RowDecoder _wlDecoder;
    private readonly VoltageSenseAmp _senseAmp;
    private readonly double _capCellAccess;

    /// <param name="widthAccessCmos">The cell's access transistor width in F (as the subarray sized it).</param>
    public Sigmoid(CircuitContext c, Cells.MemCell cell, Cells.CellResistances res, double widthAccessCmos, int numYbit, int numEntry, int numFunction, double clkFreq)
    {
        NumEntry = numEntry;
        NumFunction = numFunction;
        var f = c.F;
        var hUnit = cell.HeightInFeatureSize * f;
        var wUnit = cell.WidthInFeatureSize * f * numYbit;
        _wlDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(numEntry)), false, false);
        _senseAmp = new VoltageSenseAmp(c, numYbit, clkFreq, cell.ReadVoltage, res.ResMemCellOn, res.ResMemCellOff);
        AreaUnit = hUnit * wUnit * numEntry + _wlDecoder.Layout().Area + _senseAmp.Area;
        _capCellAccess = Gate.DrainCap(widthAccessCmos * f, TransistorKind.Nmos, cell.WidthInFeatureSize * f, c.Tech);
        Leakage = _senseAmp.Leakage + _wlDecoder.Leakage;
    }

    /// <summary>
    /// The table in the chip's own cells: the access width is the one the subarray sized for 1T1R cells
    /// (RD-41: SubArray::Initialize overwrites the cell's), else Param.cpp's widthAccessCMOS.
    /// </summary>
    public static Sigmoid For(CircuitContext c, Cells.MemCell cell, Hardware.HardwareConfig cfg, int numYbit, int numEntry, int numFunction)
    {
        var res = Cells.CellResistances.For(cell, c);
        var accessWidth = cell.Access == CellAccessType.Cmos ? res.WidthAccessCmos : cfg.WidthAccessCMOS;
        return new Sigmoid(c, cell, res, accessWidth, numYbit, numEntry, numFunction, cfg.ClkFreq);
    }

    public int NumEntry { get; }
    public int NumFunction { get; }
    public double AreaUnit { get; }
    public double Leakage { get; }

    public Footprint Layout(double newHeight, double newWidth)
    {
        var area = AreaUnit * NumFunction;
        return newWidth != 0 ? new Footprint(area / newWidth, newWidth, area) : new Footprint(newHeight, area / newHeight, area);
    }

    /// <summary>No delay on the cell wires (as the reference assumes).</summary>
    public double ReadLatency(double numRead) =>
        (_wlDecoder.Latency(1e20, 0, _capCellAccess, 1).Delay + _senseAmp.ReadLatency(0, 1)) * numRead;

    public double ReadEnergy(double numRead) =>
        (_senseAmp.ReadEnergy(1) + _wlDecoder.Energy(1)) * numRead * NumFunction;
}
