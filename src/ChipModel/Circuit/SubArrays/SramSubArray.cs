using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// A 6T SRAM subarray read in parallel (NeuroSim SubArray.cpp, memCellType SRAM with conventionalParallel):
/// every column has a precharger and a write driver, both for the forward array and its transpose; a cell's
/// read current does not depend on the stored bit, so a column's resistance is set by the active rows only.
/// </summary>
/// <remarks>
/// Reference behaviour kept on purpose (docs/reference-deviations.md):
/// <list type="bullet">
/// <item>RD-53: in training, the transposed read's ADC, accumulation and "other" latency/energy <em>replace</em>
/// the forward read's in the breakdown (SubArray.cpp assigns rather than adds).</item>
/// <item>RD-57: prechargers and write drivers take the write activity known at initialization (none), so their
/// write energy is zero.</item>
/// <item>RD-54, RD-55: with serial back-propagation (parallelBP=false) the transposed shift-add latency is never
/// computed (the reference evaluates the forward one instead) and counts as zero; the DFF energy uses
/// the forward adder's width, which SRAM parallel mode never sets (zero bits).</item>
/// </list>
/// </remarks>
public sealed class SramSubArray : SubArray
{
    private readonly CircuitContext _c;
    private readonly SubArraySpec _s;
    private readonly SramArray _array;
    private readonly double _resCellAccess;
    private readonly double _writeDelayPerCell;
    private readonly double _tauColumnPerRamp, _tauRowPerRamp;

    private readonly SwitchMatrix _wl;
    private readonly SwitchMatrix.Placed _wlPlaced;
    private readonly Precharger _pre, _preBP;
    private readonly SramWriteDriver _writeDriver;
    private readonly Mux? _mux, _muxBP;
    private readonly Mux.MuxLayout? _muxPlaced, _muxBPPlaced;
    private readonly RowDecoder? _muxDecoder, _muxDecoderBP;
    private readonly MultilevelSenseAmp _msa;
    private readonly MultilevelSAEncoder? _enc;
    private readonly ShiftAdd? _shiftAdd;          // V2.1: the input-bit shift-add
    private readonly ShiftAdd? _shiftAddWeight;    // V2.1: the cells of a synapse
    private readonly ShiftAdd? _shiftAddWeightBP;
    // Transposed (activation-gradient) read.
    private readonly SwitchMatrix? _wlBP;
    private readonly SwitchMatrix.Placed? _wlBPPlaced;
    private readonly MultilevelSenseAmp? _msaBP;
    private readonly MultilevelSAEncoder? _encBP;
    private readonly ShiftAdd? _shiftAddBP;
    private readonly SenseAmp? _senseAmpBP;
    private readonly Dff? _dffBP;
    private readonly Adder? _adderBP;

    public SramSubArray(CircuitContext c, MemCell cell, SubArraySpec spec, AdcParameters adc)
        : base(c, spec)
    {
        if (!spec.ConventionalParallel) throw new ArgumentException("SRAM read row by row is SramRowByRowSubArray.", nameof(spec));
        _c = c;
        _s = spec;
        var f = c.F;
        var t = c.Tech;
        int numRow = spec.NumRow, numCol = spec.NumCol;

        // ---- the array ----
        var array = _array = SramArray.Of(c, cell, spec);
        (LengthRow, LengthCol, CapRow1, CapRow2, CapCol, ResRow, ResCol) = (array.LengthRow, array.LengthCol, array.CapRow, array.CapRow, array.CapCol, array.ResRow, array.ResCol);
        _resCellAccess = array.ResCellAccess;
        (_writeDelayPerCell, _tauColumnPerRamp, _tauRowPerRamp) = (array.WriteDelayPerCell, array.TauColumnPerRamp, array.TauRowPerRamp);

        // ---- periphery ----
        var clk = spec.ClkFreq;
        var v = cell.Voltages;
        const double numWritePulse = 1;
        _wl = new SwitchMatrix(c, v, cell.Access, SwitchMode.Row, numRow, ResRow, true, false,
            spec.NumWriteCellPerOperationMemory, spec.NumWriteCellPerOperationNeuro, numWritePulse, clk);
        var adcUnits = numCol / spec.NumColMuxed;
        if (spec.NumColMuxed > 1)
        {
            _mux = new Mux(c, adcUnits, spec.NumColMuxed, _resCellAccess / numRow / 2, false, cell.ReadVoltage);
            _muxDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(spec.NumColMuxed)), true, false);
        }
        _msa = new MultilevelSenseAmp(c, adcUnits, spec.LevelOutput, true, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
        // V2.1 (SubArray.cpp): no encoder beside a SAR ADC; the shift-add split into input-bit and weight ones (RD-105).
        var sar = adc.Variant?.Kind == ColumnAdcKind.Sar;
        var ncps = spec.NumCellPerSynapse;
        if (!sar) _enc = new MultilevelSAEncoder(c, spec.LevelOutput, adcUnits);
        if (spec.HasWeightShiftAdd) _shiftAddWeight = new ShiftAdd(c, adcUnits, (int)Math.Log2(spec.LevelOutput), clk, ncps, cell.ReadPulseWidth);
        if (spec.NumReadPulse > 1)
            _shiftAdd = new ShiftAdd(c, adcUnits, (int)(Math.Log2(spec.LevelOutput) + (spec.V21 ? ncps : 1)), clk, spec.NumReadPulse, cell.ReadPulseWidth);
        const int pulsesBP = SubArraySpec.NumReadPulseBP;
        if (spec.TrainingEstimation)
        {
            _wlBP = new SwitchMatrix(c, v, cell.Access, SwitchMode.Row, numCol, ResCol, true, false,
                spec.NumWriteCellPerOperationMemory, spec.NumWriteCellPerOperationNeuro, numWritePulse, clk);
            if (spec.ParallelBP)
            {
                var bpUnits = numRow / spec.NumRowMuxedBP;
                if (spec.NumRowMuxedBP > 1)
                {
                    _muxBP = new Mux(c, bpUnits, spec.NumRowMuxedBP, _resCellAccess / numCol / 2, false, cell.ReadVoltage);
                    _muxDecoderBP = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(spec.NumRowMuxedBP)), true, false);
                }
                _msaBP = new MultilevelSenseAmp(c, bpUnits, spec.LevelOutputBP, true, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
                if (!sar) _encBP = new MultilevelSAEncoder(c, spec.LevelOutputBP, bpUnits);
                if (spec.HasWeightShiftAdd) _shiftAddWeightBP = new ShiftAdd(c, bpUnits, (int)Math.Log2(spec.LevelOutputBP), clk, ncps, cell.ReadPulseWidth);
                _shiftAddBP = new ShiftAdd(c, bpUnits, (int)(Math.Log2(spec.LevelOutputBP) + (spec.V21 ? ncps : pulsesBP + 1)), clk, pulsesBP, cell.ReadPulseWidth);
            }
            else
            {
                SenseAmp senseAmpBP;
                (senseAmpBP, _dffBP, _adderBP, var shiftAddBP, var shiftAddWeightBP) = SramSerialTransposedRead.Build(c, cell, spec, LengthCol);
                (_senseAmpBP, _shiftAddBP, _shiftAddWeightBP) = (senseAmpBP, shiftAddBP, shiftAddWeightBP);
            }
        }
        var columns = SramColumnCircuits.Of(c, spec, ResCol, ResRow);
        (_pre, _writeDriver, _preBP) = (columns.Pre, columns.WriteDriver, columns.PreBP);
        var writeDriverBP = columns.WriteDriverBP;

        // ---- area ----
        var heightArray = LengthCol;
        var widthArray = LengthRow;
        AreaArray = heightArray * widthArray;
        var preFp = _pre.Layout(0, widthArray);
        var wdFp = _writeDriver.Layout(0, widthArray);
        var preBPFp = _preBP.Layout(heightArray, 0);
        var wdBPFp = writeDriverBP.Layout(heightArray, 0);
        _wlPlaced = _wl.Layout(heightArray);
        var wlFp = _wlPlaced.Footprint;
        (_muxPlaced, var muxFp, var muxDecFp) = PlaceColumnMux(_mux, _muxDecoder, widthArray);
        var msaFp = _msa.Layout(0, widthArray);
        var encFp = _enc?.Layout(0, widthArray) ?? default;
        var shiftFp = _shiftAdd?.Layout(0, widthArray) ?? default;
        var shiftWeightFp = _shiftAddWeight?.Layout(0, widthArray) ?? default;
        var height = preFp.Height + wdFp.Height + heightArray + msaFp.Height + encFp.Height + shiftFp.Height + shiftWeightFp.Height + muxFp.Height;
        var width = Math.Max(wlFp.Width, muxDecFp.Width) + widthArray;
        var used = AreaArray + wlFp.Area + preFp.Area + wdFp.Area + msaFp.Area + encFp.Area + shiftFp.Area + shiftWeightFp.Area + muxFp.Area + muxDecFp.Area;
        var areaADC = msaFp.Area + preFp.Area + encFp.Area;
        var areaAccum = shiftFp.Area + shiftWeightFp.Area;
        var areaOther = wlFp.Area + wdFp.Area + muxFp.Area + muxDecFp.Area;
        double areaAG = 0;
        if (spec.TrainingEstimation)
        {
            _wlBPPlaced = _wlBP!.Layout(0, widthArray);
            var wlBPFp = _wlBPPlaced.Footprint;
            var shiftBPFp = _shiftAddBP!.Layout(heightArray, 0);
            var shiftWeightBPFp = _shiftAddWeightBP?.Layout(heightArray, 0) ?? default;
            height += wlBPFp.Height;
            if (spec.ParallelBP)
            {
                (_muxBPPlaced, var muxBPFp, var muxDecBPFp) = PlaceRowMux(_muxBP, _muxDecoderBP, heightArray);
                var msaBPFp = _msaBP!.Layout(heightArray, 0);
                var encBPFp = _encBP?.Layout(heightArray, 0) ?? default;
                width += muxBPFp.Width + msaBPFp.Width + encBPFp.Width + shiftBPFp.Width + shiftWeightBPFp.Width + preBPFp.Width + wdBPFp.Width;
                areaAG = muxBPFp.Area + muxDecBPFp.Area + msaBPFp.Area + encBPFp.Area + shiftBPFp.Area + shiftWeightBPFp.Area + wlBPFp.Area + preBPFp.Area + wdBPFp.Area;
                areaADC += msaBPFp.Area + encBPFp.Area + preBPFp.Area;
                areaAccum += shiftBPFp.Area + shiftWeightBPFp.Area;
                areaOther += muxBPFp.Area + muxDecBPFp.Area + wlBPFp.Area + wdBPFp.Area;
            }
            else
            {
                var serial = SramSerialTransposedRead.Layout(_senseAmpBP!, _dffBP!, _adderBP!, _shiftAddBP, _shiftAddWeightBP, _preBP, writeDriverBP, wlBPFp, heightArray);
                width += serial.Width;
                areaAG = serial.AreaAG;
                areaADC += serial.Adc;
                areaAccum += serial.Accumulation;
                areaOther += serial.Other;
            }
            used += areaAG;
        }
        SetLayout(height, width, used, areaADC, areaAccum, areaOther, areaAG);

        // ---- leakage: two inverters per cell, then the periphery (sense amps and muxes report none, RD-52) ----
        var leak = array.Leakage;
        var forwardPeriphery = _wl.Leakage + _pre.Leakage + _writeDriver.Leakage + (_enc?.Leakage ?? 0) + (_shiftAdd?.Leakage ?? 0) + (_shiftAddWeight?.Leakage ?? 0);
        LeakageWithoutBackward = leak + forwardPeriphery;
        if (spec.TrainingEstimation)
        {
            leak += _wlBP!.Leakage + _preBP.Leakage;
            leak += spec.ParallelBP
                ? (_encBP?.Leakage ?? 0) + (_muxDecoderBP?.Leakage ?? 0) + _shiftAddBP!.Leakage + (_shiftAddWeightBP?.Leakage ?? 0)
                : _adderBP!.Leakage + _dffBP!.Leakage + _senseAmpBP!.Leakage + _shiftAddBP!.Leakage + (_shiftAddWeightBP?.Leakage ?? 0);
        }
        leak += forwardPeriphery;
        Leakage = leak;
    }

    public override CellResistances Resistances => SramArray.NoResistances;

    /// <summary>The cell array (its read resistance sets every column's, whatever the stored bits).</summary>
    internal SramArray Array => _array;

    public override SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance) => Read(activityRowRead, columnResistance, true);

    /// <param name="backward">Whether the transposed read runs (false for V2.1's first layer, RD-101).</param>
    public override SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance, bool backward)
    {
        var s = _s;
        var muxed = (double)s.NumColMuxed;
        // ---- forward read ----
        var wl = _wl.Latency(_wlPlaced, 1e20, CapRow1, ResRow, muxed, 0);
        var pre = _pre.Latency(CapCol, muxed, 0).Read;
        double muxPath = 0, muxEnergy = 0;
        if (_mux is not null)
        {
            var loads = s.NumCol / s.NumColMuxed;
            muxPath = _mux.ReadLatency(_muxPlaced!, 0, muxed) + _muxDecoder!.Latency(1e20, _mux.CapTgGateN * loads, _mux.CapTgGateP * loads, muxed).Delay;
            muxEnergy = _mux.ReadEnergy(_muxPlaced!, muxed) + _muxDecoder.Energy(muxed);
        }
        var conversion = _msa.ConversionLatency(columnResistance);
        var msa = conversion * muxed;
        var enc = _enc?.ReadLatency(1e20, muxed) ?? 0;
        // RD-105: V2.1's input-bit shift-add runs ceil(muxed / cells per synapse) times, its weight shift-add muxed times.
        var inputShifts = s.InputShiftAddReads(s.NumColMuxed);
        var shift = (_shiftAdd?.ReadLatency(inputShifts) ?? 0) + (_shiftAddWeight?.ReadLatency(muxed) ?? 0);
        var colDelay = Gate.Horowitz(_tauColumnPerRamp, wl.RampOutput).Delay;
        var front = Math.Max(wl.Read, muxPath / s.NumReadPulse);
        var latency = front + pre + colDelay + msa + enc + shift;
        var latADC = pre + colDelay + msa + enc;
        var latAccum = shift;
        var latOther = front;

        var wlE = _wl.ReadEnergy(_wlPlaced, muxed, activityRowRead);
        var preE = _pre.Energy(CapCol, muxed, 0).Read;
        var msaE = _msa.ReadEnergy(columnResistance, conversion, 1);
        var encE = _enc?.ReadEnergy(muxed) ?? 0;
        var shiftE = (_shiftAddWeight?.ReadEnergy(muxed) ?? 0) + (_shiftAdd?.ReadEnergy(inputShifts) ?? 0);
        var muxShare = muxEnergy / s.NumReadPulse;
        // The array itself: bit-line discharge only, counted in the precharger.
        var energy = wlE + preE + msaE + encE + muxShare + shiftE;
        var eADC = preE + msaE + encE;
        var eAccum = shiftE;
        var eOther = wlE + muxShare;

        double latencyAG = 0, energyAG = 0;
        if (s.TrainingEstimation && backward)
        {
            const int pulsesBP = SubArraySpec.NumReadPulseBP;
            // RD-109: V2.1 adds the transposed read's breakdown to the forward read's; V2.0 assigns it (RD-53).
            var keep = s.V21;
            if (s.ParallelBP)
            {
                var rows = (double)s.NumRowMuxedBP;
                var wlBP = _wlBP!.Latency(_wlBPPlaced!, 1e20, CapCol, ResCol, rows, 0);
                var preBP = _preBP.Latency(CapRow1, rows, 0).Read;
                var muxEnergyBP = _muxBP is null ? 0 : _muxBP.ReadEnergy(_muxBPPlaced!, rows) + _muxDecoderBP!.Energy(rows);
                var conversionBP = _msaBP!.ConversionLatency(columnResistance);
                var msaBP = conversionBP * rows;
                var encBP = _encBP?.ReadLatency(1e20, rows) ?? 0;
                var inputShiftsBP = s.InputShiftAddReads(s.NumRowMuxedBP);
                var shiftBP = _shiftAddBP!.ReadLatency(inputShiftsBP) + (_shiftAddWeightBP?.ReadLatency(rows) ?? 0);
                var rowDelay = Gate.Horowitz(_tauRowPerRamp, wlBP.RampOutput).Delay;
                // RD-49 (reference quirk, as in eNVM arrays): the BP mux path compares a latency with the mux's energy.
                var frontBP = Math.Max(wlBP.Read, muxEnergyBP / pulsesBP);
                latencyAG = frontBP + preBP + rowDelay + msaBP + encBP + shiftBP;
                latADC = (keep ? latADC : 0) + (preBP + rowDelay + msaBP + encBP);
                latAccum = (keep ? latAccum : 0) + shiftBP;
                latOther = (keep ? latOther : 0) + frontBP;

                var wlBPE = _wlBP.ReadEnergy(_wlBPPlaced!, rows, activityRowRead);
                var preBPE = _preBP.Energy(CapRow1, rows, 0).Read;
                var msaBPE = _msaBP.ReadEnergy(columnResistance, conversionBP, 1);
                var encBPE = _encBP?.ReadEnergy(rows) ?? 0;
                var shiftBPE = _shiftAddBP.ReadEnergy(inputShiftsBP) + (_shiftAddWeightBP?.ReadEnergy(rows) ?? 0);
                var muxShareBP = muxEnergyBP / pulsesBP;
                energyAG = wlBPE + preBPE + msaBPE + encBPE + muxShareBP + shiftBPE;
                eADC = (keep ? eADC : 0) + (preBPE + msaBPE + encBPE);
                eAccum = (keep ? eAccum : 0) + shiftBPE;
                eOther = (keep ? eOther : 0) + (wlBPE + muxShareBP);
            }
            else
            {
                // One column at a time, half of them active.
                var readsLatency = Math.Ceiling((double)s.NumCol / s.NumReadCellPerOperationNeuro) * s.NumCol * SubArraySpec.ActivityBPColRead;
                var readsEnergy = (double)(s.NumRow / s.NumReadCellPerOperationNeuro) * s.NumCol * SubArraySpec.ActivityBPColRead;
                var wlBP = _wlBP!.Latency(_wlBPPlaced!, 1e20, CapCol, ResCol, readsLatency, 0);
                var preBP = _preBP.Latency(CapRow1, readsLatency, 0).Read;
                var saBP = _senseAmpBP!.ReadLatency(readsLatency);
                var dffBP = _dffBP!.ReadLatency(readsLatency);
                var adderBP = _adderBP!.ReadLatency(1e20, _dffBP.CapTgDrain, readsLatency).Delay;
                var rowDelay = Gate.Horowitz(_tauRowPerRamp, wlBP.RampOutput).Delay * readsLatency;
                var shiftBP = SramSerialTransposedRead.ShiftLatency(s, _shiftAddBP!, _shiftAddWeightBP);
                latencyAG = wlBP.Read + preBP + rowDelay + saBP + adderBP + dffBP + shiftBP;
                latADC = (keep ? latADC : 0) + (preBP + rowDelay + saBP);
                latAccum = (keep ? latAccum : 0) + (adderBP + dffBP + shiftBP);
                latOther = (keep ? latOther : 0) + wlBP.Read;

                var perOperation = s.NumReadCellPerOperationNeuro / s.NumCellPerSynapse;
                const int forwardAdderBits = 0;
                var (energyBP, adcBP, accumBP, otherBP) = SramSerialTransposedRead.Energy(_preBP, _adderBP, _dffBP, _senseAmpBP,
                    SramSerialTransposedRead.ShiftEnergy(s, _shiftAddBP!, _shiftAddWeightBP, readsEnergy),
                    CapRow1, readsEnergy, perOperation, forwardAdderBits, _wlBP.ReadEnergy(_wlBPPlaced!, readsEnergy, activityRowRead));
                (energyAG, eADC, eAccum, eOther) = (energyBP, (keep ? eADC : 0) + adcBP, (keep ? eAccum : 0) + accumBP, (keep ? eOther : 0) + otherBP);
            }
        }
        return new SubArrayRead(latency, latencyAG, latADC, latAccum, latOther, energy, energyAG, eADC, eAccum, eOther);
    }

    public override SubArrayWrite Write(WriteActivity w, bool backward = true)
    {
        var s = _s;
        var muxed = (double)s.NumColMuxed;
        var (writesLatency, writesEnergy) = SramArray.Writes(s, w);

        var wl = _wl.Latency(_wlPlaced, 1e20, CapRow1, ResRow, muxed, 2 * writesLatency).Write;
        var pre = _pre.Latency(CapCol, muxed, writesLatency).Write;
        var driver = _writeDriver.WriteLatency(1e20, CapCol, ResCol, writesLatency);
        var latency = _writeDelayPerCell * writesLatency + wl + pre + driver;

        var energy = _wl.WriteEnergy(_wlPlaced, 2 * writesEnergy, w.ActivityColWrite, muxed)
            + _pre.Energy(CapCol, muxed, writesEnergy).Write
            + _writeDriver.WriteEnergy(writesEnergy)
            + _array.FlipEnergy(s, w, _c.Vdd);
        return new SubArrayWrite(latency, energy);
    }
}
