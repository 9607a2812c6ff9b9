using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// Column multiplexers of transmission gates (NeuroSim Mux.cpp): <c>numInput</c> groups of
/// <c>numSelection</c> gates. Analog muxes size the gates from the resistance they may add.
/// </summary>
public sealed class Mux
{
    private readonly CircuitContext _c;
    private readonly double _readVoltage;
    private readonly double _widthTgN, _widthTgP;
    private readonly bool _digital;

    /// <param name="resTg">Resistance budget of the path (analog): the gate may add a quarter of it.</param>
    /// <param name="digital">FPGA-style digital mux with minimum-size gates.</param>
    /// <param name="readVoltage">Cell read voltage (the drains swing to it).</param>
    public Mux(CircuitContext c, int numInput, int numSelection, double resTg, bool digital, double readVoltage)
    {
        _c = c;
        _digital = digital;
        _readVoltage = readVoltage;
        NumInput = numInput;
        NumSelection = numSelection;
        var t = c.Tech;
        if (digital)
        {
            _widthTgN = MinNmosSize * c.F;
            _widthTgP = t.PnSizeRatio * MinNmosSize * c.F;
            ResTg = 1 / (1 / Gate.OnResistance(_widthTgN, TransistorKind.Nmos, c.Temperature, t) + 1 / Gate.OnResistance(_widthTgP, TransistorKind.Pmos, c.Temperature, t));
        }
        else
        {
            ResTg = resTg * IrDropTolerance;
            _widthTgN = Gate.OnResistance(c.F, TransistorKind.Nmos, c.Temperature, t) * c.F * LinearRegionRatio / (ResTg * 2);
            _widthTgP = Gate.OnResistance(c.F, TransistorKind.Pmos, c.Temperature, t) * c.F * LinearRegionRatio / (ResTg * 2);
        }
        CapTgGateN = Gate.GateCap(_widthTgN, t);
        CapTgGateP = Gate.GateCap(_widthTgP, t);
    }

    public int NumInput { get; }
    public int NumSelection { get; }
    public double ResTg { get; }
    public double CapTgGateN { get; }
    public double CapTgGateP { get; }

    /// <summary>The layout and the drain capacitance of one gate, which depends on the folding the layout chose.</summary>
    public sealed record MuxLayout(Footprint Footprint, double CapTgDrain);

    public MuxLayout Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var t = _c.Tech;
        var numTg = NumInput * NumSelection;
        double height = 0, width = 0, hTg;
        if (_digital)
        {
            var g = Gate.Area(GateType.Inv, 1, _widthTgN, _widthTgP, _c.F * MaxTransistorHeight, t);
            hTg = g.Height;
            if (newWidth != 0 && option == AreaModify.None)
            {
                // RD-28: a mux wider than its space is an error the reference prints; it leaves the area 0, and so do we (silently).
                if (newWidth >= g.Width)   // else the reference reports an error and leaves the area 0
                {
                    var perRow = Math.Min((int)(newWidth / g.Width), numTg);
                    width = newWidth;
                    height = g.Height * (int)Math.Ceiling((double)numTg / perRow);
                }
            }
            else (width, height) = (g.Width * numTg, g.Height);
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var minCellWidth = 2 * (PolyWidth + MinGapBetweenGatePoly) * _c.F;
            var perRow = (int)(newWidth / minCellWidth);
            var rows = Dff.CeilDiv(numTg, perRow);
            perRow = Dff.CeilDiv(numTg, rows);
            var tgWidth = newWidth / perRow;
            var numFold = (int)(tgWidth / (0.5 * minCellWidth)) - 1;
            var g = Gate.PassGateArea(_widthTgN, _widthTgP, t, numFold);
            hTg = g.Height;
            width = newWidth;
            height = g.Height * rows;
        }
        else
        {
            var g = Gate.PassGateArea(_widthTgN, _widthTgP, t, 1);
            hTg = g.Height;
            (height, width) = (g.Height, g.Width * numTg);
        }
        var fp = Footprint.Of(height, width).Fit(newHeight, newWidth, option);
        var capDrain = Gate.Capacitance(GateType.Inv, 1, _widthTgN, _widthTgP, hTg, t).Output;
        return new MuxLayout(fp, capDrain);
    }

    /// <summary>RC charging to 90 % through one transistor of the pass gate (2.3 τ).</summary>
    public double ReadLatency(MuxLayout layout, double capLoad, double numRead) =>
        2.3 * (ResTg * 2 * (layout.CapTgDrain + 0.5 * CapTgGateN + 0.5 * CapTgGateP + capLoad)) * numRead;

    public double ReadEnergy(MuxLayout layout, double numRead)
    {
        var e = CapTgGateN * NumInput * _c.Vdd * _c.Vdd;                                    // selected gates turn on
        e += layout.CapTgDrain * 2 * NumInput * _readVoltage * _readVoltage;
        return e * numRead;
    }
}
