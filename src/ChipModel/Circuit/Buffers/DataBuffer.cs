using NeuroSim.Replay.ChipModel.Circuit.Gates;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Buffers;

/// <summary>SRAM cell geometry a buffer uses when it is SRAM-based (Param.cpp's SRAM keys).</summary>
public readonly record struct SramGeometry(double HeightInFeatureSize, double WidthInFeatureSize, double WidthAccessCmos, double WidthCellNmos, double MinSenseVoltage);

/// <summary>
/// A buffer of <c>numBit</c> bits read and written a line of <c>interfaceWidth</c> bits at a time
/// (NeuroSim Buffer.cpp): register file (DFFs, the default) or SRAM with decoder, prechargers and write drivers.
/// </summary>
public sealed class DataBuffer
{
    private readonly CircuitContext _c;
    private readonly SramGeometry _sram;
    private readonly RowDecoder? _decoder;
    private readonly string _sizeKey, _typeKey;
    private readonly Precharger? _precharger;
    private readonly SramWriteDriver? _writeDriver;
    private readonly double _lengthRow, _lengthCol, _unitWireRes;
    private readonly double _wInvN, _wInvP, _hDff, _wDff;
    private readonly double _capInvIn, _capInvOut, _capTgGateN, _capTgGateP, _capTgDrain;

    /// <param name="sizeKey">The configuration key that sizes this buffer (named when its layout is impossible).</param>
    /// <param name="typeKey">The key that makes it SRAM (true) or a register file (false).</param>
    public DataBuffer(CircuitContext c, int numBit, int interfaceWidth, double unitWireRes, double clkFreq, bool sram, SramGeometry sramGeometry,
        string sizeKey, string typeKey)
    {
        _sizeKey = sizeKey;
        _typeKey = typeKey;
        _c = c;
        _sram = sramGeometry;
        NumBit = numBit;
        InterfaceWidth = interfaceWidth;
        ClkFreq = clkFreq;
        IsSram = sram;
        _unitWireRes = unitWireRes;
        var lines = Math.Ceiling((double)numBit / interfaceWidth);
        if (sram)
        {
            _lengthRow = (double)interfaceWidth * sramGeometry.WidthInFeatureSize * c.F;
            _lengthCol = lines * sramGeometry.HeightInFeatureSize * c.F;
            _precharger = new Precharger(c, interfaceWidth, _lengthCol * unitWireRes, 1, interfaceWidth, interfaceWidth);
            _writeDriver = new SramWriteDriver(c, interfaceWidth, 1, interfaceWidth);
        }
        else
        {
            _wInvN = MinNmosSize * c.F;
            _wInvP = c.Tech.PnSizeRatio * MinNmosSize * c.F;
            var inv = Gate.Area(GateType.Inv, 1, _wInvN, _wInvP, c.F * MaxTransistorHeight, c.Tech);
            (_hDff, _wDff) = (inv.Height, inv.Width * 12);
            (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, inv.Height, c.Tech);
            _capTgGateN = Gate.GateCap(_wInvN, c.Tech);
            _capTgGateP = Gate.GateCap(_wInvP, c.Tech);
            _capTgDrain = Gate.Capacitance(GateType.Inv, 1, _wInvN, _wInvP, inv.Height, c.Tech).Output;
        }
        // RD-05: a core of one line (bufferCoreSizeRow=1) needs no address decoder. The reference builds one of
        // log2(1) = 0 address bits, whose 0-input NOR gate has a negative width: negative buffer area, NaN latency.
        _decoder = lines > 1 ? new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(lines)), false, false) : null;
        var decoderLeakage = _decoder?.Leakage ?? 0;
        Leakage = sram
            ? decoderLeakage + _precharger!.Leakage + _writeDriver!.Leakage
            : Gate.Leakage(GateType.Inv, 1, _wInvN, _wInvP, c.Temperature, c.Tech) * c.Vdd * 8 * numBit + decoderLeakage;
    }

    public int NumBit { get; }
    public int InterfaceWidth { get; }
    public double ClkFreq { get; }
    public bool IsSram { get; }
    public double Leakage { get; }

    /// <summary>Lines of the buffer, as the reference counts them (integer division, RD-43).</summary>
    private int Lines => NumBit / InterfaceWidth;

    public Footprint Layout(double newHeight, double newWidth, AreaModify option = AreaModify.None)
    {
        double area;
        if (IsSram)
        {
            area = _lengthRow * _lengthCol + DecoderArea(_lengthCol) + _precharger!.Layout(0, _lengthRow).Area + _writeDriver!.Layout(0, _lengthRow).Area;
        }
        else
        {
            area = _hDff * _wDff * NumBit + DecoderArea(_hDff * Math.Ceiling((double)NumBit / InterfaceWidth));
        }
        Footprint fp;
        if (newWidth != 0 && option == AreaModify.None) fp = new Footprint(area / newWidth, newWidth, area);
        else if (newHeight != 0 && option == AreaModify.None) fp = new Footprint(newHeight, area / newHeight, area);
        else throw new ArgumentException("A buffer's layout needs a height or a width.");
        // The reference places the decoder, prechargers and write drivers beside the SRAM array; when the array is
        // shorter (or narrower) than one of their gates it computes a negative count of gate columns and a negative
        // area. A named error instead (docs/reference-deviations.md, RD-08).
        if (!(double.IsFinite(area) && area > 0))
            throw new Hardware.ConfigException([new Hardware.ConfigError(_sizeKey, Lines.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"an SRAM buffer core of {Lines} line(s) of {InterfaceWidth} bits ({_lengthCol * 1e6:G3} x {_lengthRow * 1e6:G3} µm) is smaller than one gate of " +
                $"its decoder, precharger or write driver, which cannot be laid out (the reference gets a negative area); allowed: more rows per core, " +
                $"a taller SRAM cell (heightInFeatureSizeSRAM), or a register-file buffer ({_typeKey}=false)")]);
        return fp.Fit(newHeight, newWidth, option);
    }

    private double DecoderArea(double height) => _decoder?.Layout(height).Area ?? 0;

    /// <summary>The decoder's delay (none for a single line: an ideal step, as the reference's callers pass 1e20).</summary>
    private RampedDelay Decode(double capLoad, double numRead) => _decoder?.Latency(1e20, capLoad, 0, numRead) ?? new RampedDelay(0, 1e20);

    /// <summary>Latency of <paramref name="numRead"/> line reads and <paramref name="numWrite"/> line writes.</summary>
    public (double Read, double Write) Latency(double numRead, double numWrite)
    {
        var perLine = (double)NumBit / InterfaceWidth;
        double readWhole, writeWhole;
        if (IsSram)
        {
            var capLine = _lengthCol * 0.2e-15 / 1e-6;
            var dec = Decode(_lengthRow * 0.2e-15 / 1e-6, perLine);
            var pre = _precharger!.Latency(capLine, perLine, perLine);
            var wd = _writeDriver!.WriteLatency(1e20, capLine, _lengthCol * _unitWireRes, perLine);
            var t = _c.Temperature;
            var resAccess = Gate.OnResistance(_sram.WidthAccessCmos * _c.F, TransistorKind.Nmos, t, _c.Tech);
            var capAccess = Gate.DrainCap(_sram.WidthAccessCmos * _c.F, TransistorKind.Nmos, _sram.WidthInFeatureSize * _c.F, _c.Tech);
            var resPullDown = Gate.OnResistance(_sram.WidthCellNmos * _c.F, TransistorKind.Nmos, t, _c.Tech);
            var tau = (resAccess + resPullDown) * (capAccess + capLine) + _lengthCol * _unitWireRes * capLine / 2;
            tau *= Math.Log(_c.Vdd / (_c.Vdd - _sram.MinSenseVoltage / 2));
            var colDelay = Gate.Horowitz(tau, dec.RampOutput).Delay * perLine;
            readWhole = dec.Delay + pre.Read + colDelay;
            writeWhole = dec.Delay + pre.Write + wd;
        }
        else
        {
            var dec = Decode(_wDff * InterfaceWidth * 0.2e-15 / 1e-6, perLine).Delay;
            readWhole = dec + 1 / ClkFreq / 2 * perLine;
            writeWhole = dec + 1 / ClkFreq / 2 * perLine;
        }
        return (readWhole / Lines * numRead, writeWhole / Lines * numWrite);
    }

    /// <summary>Energy of reading <paramref name="numRead"/> x <paramref name="numAccessBitRead"/> bits and writing likewise.</summary>
    public (double Read, double Write) Energy(double numAccessBitRead, double numRead, double numAccessBitWrite, double numWrite)
    {
        double readWhole, writeWhole;
        var decoderEnergy = _decoder?.Energy(Lines) ?? 0;
        if (IsSram)
        {
            var capLine = _lengthCol * 0.2e-15 / 1e-6;
            var pre = _precharger!.Energy(capLine, Lines, Lines);
            readWhole = decoderEnergy + pre.Read;   // the write driver's read energy is 0
            writeWhole = decoderEnergy + pre.Write + _writeDriver!.WriteEnergy(Lines);
        }
        else
        {
            var v2 = _c.Vdd * _c.Vdd;
            double dff = 0;
            dff += (_capInvIn + _capInvOut) * v2 * 4 * NumBit;
            dff += _capTgGateN * v2 * 2 * NumBit;
            dff += _capTgGateP * v2 * 2 * NumBit;
            dff += (_capTgDrain * 3 + _capInvIn) * v2 * NumBit;
            dff += (_capTgDrain + _capInvOut) * v2 * NumBit;
            dff += (_capInvIn + _capInvOut) * v2 * NumBit;
            readWhole = decoderEnergy + dff;
            writeWhole = decoderEnergy + dff;
        }
        return (readWhole / NumBit * numAccessBitRead * numRead, writeWhole / NumBit * numAccessBitWrite * numWrite);
    }
}
