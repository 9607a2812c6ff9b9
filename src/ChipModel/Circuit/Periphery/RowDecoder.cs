using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// An address decoder of INV → NAND2 → NOR stages (NeuroSim RowDecoder.cpp), with either two output
/// inverters (regular) or a mux-enable stage (NAND + INV + INV). "Parallel" decoders are 8x wider.
/// </summary>
public sealed class RowDecoder
{
    private readonly CircuitContext _c;
    private readonly double _wInvN, _wInvP, _wNandN, _wNandP, _wNorN, _wNorP, _wDrvN, _wDrvP;
    private readonly int _norInputs;
    private readonly GateLayout _inv, _nand, _nor, _drv;
    private readonly double _capInvIn, _capInvOut, _capDrvIn, _capDrvOut;
    // Zero when the decoder has no NAND (or NOR) stage.
    private readonly double CapNandIn, CapNandOut, CapNorIn, CapNorOut;

    public RowDecoder(CircuitContext c, DecoderMode mode, int numAddrRow, bool mux, bool parallel)
    {
        _c = c;
        Mode = mode;
        NumAddrRow = numAddrRow;
        IsMux = mux;
        var f = c.F;
        var pn = c.Tech.PnSizeRatio;
        var k = parallel ? 8 : 1;
        _wInvN = k * MinNmosSize * f;
        _wInvP = k * pn * MinNmosSize * f;
        NumInv = numAddrRow;
        _wNandN = k * 2 * MinNmosSize * f;
        _wNandP = k * pn * MinNmosSize * f;
        NumNand = 4 * (numAddrRow / 2);
        _wNorN = k * MinNmosSize * f;
        _wNorP = k * (int)Math.Ceiling((double)numAddrRow / 2) * pn * MinNmosSize * f;
        NumNor = numAddrRow > 2 ? (int)Math.Pow(2, numAddrRow) : 0;
        NumMetalConnection = numAddrRow > 2 ? NumNand + numAddrRow % 2 * 2 : 0;
        _wDrvN = k * 3 * MinNmosSize * f;
        _wDrvP = k * 3 * pn * MinNmosSize * f;
        _norInputs = (int)Math.Ceiling((double)numAddrRow / 2);

        var h = f * MaxTransistorHeight;
        _inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, h, c.Tech);
        _nand = Gate.Area(GateType.Nand, 2, _wNandN, _wNandP, h, c.Tech);
        _nor = Gate.Area(GateType.Nor, _norInputs, _wNorN, _wNorP, h, c.Tech);
        _drv = Gate.Area(GateType.Inv, 1, _wDrvN, _wDrvP, h, c.Tech);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, _inv.Height, c.Tech);
        (_capDrvIn, _capDrvOut) = Gate.Capacitance(GateType.Inv, 1, _wDrvN, _wDrvP, _drv.Height, c.Tech);
        if (NumNand != 0) (CapNandIn, CapNandOut) = Gate.Capacitance(GateType.Nand, 2, _wNandN, _wNandP, _nand.Height, c.Tech);
        if (NumNor != 0) (CapNorIn, CapNorOut) = Gate.Capacitance(GateType.Nor, _norInputs, _wNorN, _wNorP, _nor.Height, c.Tech);

        var t = c.Temperature;
        var leak = Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, t, c.Tech) * c.Vdd * NumInv;
        leak += Gate.Leakage(GateType.Nand, 2, _wNandN, _wNandP, t, c.Tech) * c.Vdd * NumNand;
        leak += Gate.Leakage(GateType.Nor, _norInputs, _wNorN, _wNorP, t, c.Tech) * c.Vdd * NumNor;
        if (mux)
        {
            leak += Gate.Leakage(GateType.Nand, 2, _wNandN, _wNandP, t, c.Tech) * c.Vdd * NumNor;
            leak += Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, t, c.Tech) * c.Vdd * 2 * NumNor;
        }
        else leak += Gate.Leakage(GateType.Inv, 1, _wDrvN, _wDrvP, t, c.Tech) * c.Vdd * 2 * NumNor;
        Leakage = leak;
    }

    public DecoderMode Mode { get; }
    public int NumAddrRow { get; }
    public bool IsMux { get; }
    public int NumInv { get; }
    public int NumNand { get; }
    public int NumNor { get; }
    public int NumMetalConnection { get; }
    public double Leakage { get; }

    /// <summary>
    /// Layout beside the rows (given a height: gates in columns) or the columns (given a width: gates in
    /// rows); without that, one gate of each kind side by side (rows) or stacked (columns).
    /// </summary>
    public Footprint Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        double height, width;
        var f = _c.F;
        if (Mode == DecoderMode.RegularRow)
        {
            if (newHeight != 0 && option == AreaModify.None)
            {
                var colsNor = Columns(NumNor, newHeight / _nor.Height, guardZero: true);
                var colsNand = Columns(NumNand, newHeight / _nand.Height, guardZero: true);
                var colsInv = Columns(NumInv, newHeight / _inv.Height, guardZero: false);
                height = newHeight;
                width = _inv.Width * colsInv + _nand.Width * colsNand + M3Pitch * NumMetalConnection * f + _nor.Width * colsNor;
                width += IsMux ? (_nand.Width + _inv.Width * 2) * colsNor : _drv.Width * 2 * colsNor;
            }
            else
            {
                height = Math.Max(_nor.Height * NumNor, _nand.Height * NumNand);
                width = _inv.Width + _nand.Width + M3Pitch * NumMetalConnection * f + _nor.Width;
                width += IsMux ? _nand.Width + _inv.Width * 2 : _drv.Width * 2;
            }
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var rowsNor = Columns(NumNor, newWidth / _nor.Width, guardZero: true);
            var rowsNand = Columns(NumNand, newWidth / _nand.Width, guardZero: true);
            var rowsInv = Columns(NumInv, newWidth / _inv.Width, guardZero: false);
            width = newWidth;
            height = _inv.Height * rowsInv + _nand.Height * rowsNand + M2Pitch * NumMetalConnection * f + _nor.Height * rowsNor;
            height += IsMux ? (_nand.Height + _inv.Height * 2) * rowsNor : _drv.Height * 2 * rowsNor;
        }
        else
        {
            height = _inv.Height + _nand.Height + M2Pitch * NumMetalConnection * f + _nor.Height;
            width = Math.Max(_nor.Width * NumNor, _nand.Width * NumNand);
            height += IsMux ? _nand.Height + _inv.Height * 2 : _drv.Height * 2;
        }
        return Footprint.Of(height, width).Fit(newHeight, newWidth, option);
    }

    /// <summary>Columns (or rows) of <paramref name="count"/> gates when <paramref name="fit"/> fit in one; RD-27: the reference guards NOR and NAND against 0 but not INV.</summary>
    private static int Columns(int count, double fit, bool guardZero)
    {
        var perColumn = Math.Min((int)fit, count);
        if (guardZero && perColumn <= 0) return 0;
        return Dff.CeilDiv(count, perColumn);
    }

    /// <summary>Decode delay (read and write take the same path).</summary>
    /// <param name="capLoad1">Regular: the load; mux: the NMOS gates of the transmission gates.</param>
    /// <param name="capLoad2">Mux: the PMOS gates.</param>
    public RampedDelay Latency(double rampInput, double capLoad1, double capLoad2, double numRead)
    {
        var t = _c.Temperature;
        var tech = _c.Tech;
        double latency = 0;
        var rDown = Gate.OnResistance(_wInvN, TransistorKind.Nmos, t, tech);
        var inv = Gate.Horowitz(rDown * (_capInvOut + (NumNand != 0 ? CapNandIn * 2 : capLoad1)), rampInput);
        latency += inv.Delay;
        double rampNand = 1e20, rampNor = 1e20;
        if (NumNand != 0)
        {
            var r = Gate.OnResistance(_wNandN, TransistorKind.Nmos, t, tech) * 2;
            var s = Gate.Horowitz(r * (CapNandOut + (NumNor != 0 ? CapNorIn * NumNor / 4 : capLoad1)), inv.RampOutput);
            latency += s.Delay;
            rampNand = s.RampOutput;
        }
        if (NumNor != 0)
        {
            var r = Gate.OnResistance(_wNorP, TransistorKind.Pmos, t, tech) * 2;
            var s = Gate.Horowitz(r * (CapNorOut + (IsMux ? CapNandIn : _capInvIn)), rampNand);
            latency += s.Delay;
            rampNor = s.RampOutput;
        }
        double rampOut;
        if (IsMux)
        {
            var s1 = Gate.Horowitz(Gate.OnResistance(_wNandN, TransistorKind.Nmos, t, tech) * (CapNandOut + _capInvIn), rampNor);
            var s2 = Gate.Horowitz(Gate.OnResistance(_wInvP, TransistorKind.Pmos, t, tech) * (_capInvOut + _capInvIn + capLoad1), s1.RampOutput);
            var s3 = Gate.Horowitz(Gate.OnResistance(_wInvN, TransistorKind.Nmos, t, tech) * (_capInvOut + capLoad2), s2.RampOutput);
            latency += s1.Delay + s2.Delay + s3.Delay;
            // RD-34: mux mode hands on the middle inverter's ramp, as the reference.
            rampOut = s2.RampOutput;   // the reference hands on the middle inverter's ramp
        }
        else
        {
            var s1 = Gate.Horowitz(Gate.OnResistance(_wDrvN, TransistorKind.Nmos, t, tech) * (_capDrvOut + _capDrvIn), rampNor);
            var s2 = Gate.Horowitz(Gate.OnResistance(_wDrvP, TransistorKind.Pmos, t, tech) * (_capDrvOut + capLoad1), s1.RampOutput);
            latency += s1.Delay + s2.Delay;
            // RD-34: regular mode hands on the first driver inverter's ramp, as the reference.
            rampOut = s1.RampOutput;   // as the reference: the first driver inverter's ramp
        }
        return new RampedDelay(latency * numRead, rampOut);
    }

    /// <summary>Dynamic energy of one decode (read and write are the same), times <paramref name="count"/>.</summary>
    public double Energy(double count)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var pairs = NumAddrRow / 2 * 2;
        double e = 0;
        e += (_capInvIn + CapNandIn * 2) * v2 * (NumAddrRow / 2) * 2;
        e += (_capInvIn + CapNorIn * NumNor / 2) * v2 * (NumAddrRow - pairs);        // odd address bit
        e += (CapNandOut + CapNorIn * NumNor / 4) * v2 * NumNand / 4;                 // one NAND of each group of 4
        e += (CapNorOut + (IsMux ? CapNandIn : _capInvIn)) * v2;                      // one NOR output
        if (IsMux)
        {
            e += (CapNandOut + _capInvIn) * v2;
            e += (_capInvOut + _capInvIn) * v2;
            e += _capInvOut * v2;
        }
        else e += (_capDrvIn + _capDrvOut) * v2 * 2;
        return e * count;
    }
}
