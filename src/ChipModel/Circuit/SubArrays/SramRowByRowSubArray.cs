using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// A 6T SRAM subarray read row by row (NeuroSim SubArray.cpp, memCellType SRAM with conventionalSequential):
/// a row decoder opens one row at a time, a latch sense amp per column reads the bit, and adders with registers
/// accumulate the rows; the transposed read (activation gradient) does the same along the columns.
/// </summary>
/// <remarks>
/// Reference behaviour kept on purpose (docs/reference-deviations.md), besides what <see cref="SramSubArray"/> keeps
/// (RD-53: the transposed read's breakdown replacing the forward read's; RD-57: no precharger or write-driver write energy):
/// <list type="bullet">
/// <item>RD-54, RD-55: the transposed shift-add latency is never computed (the forward one is evaluated instead) and counts as
/// zero; the transposed adders take the forward registers' load and the forward adders' width.</item>
/// <item>RD-56: the transposed read's energy counts <c>numRow / numCol</c> (integer division) operations per column,
/// its latency <c>ceil(numCol / numCol)</c>.</item>
/// </list>
/// </remarks>
public sealed class SramRowByRowSubArray : SubArray
{
    private readonly SubArraySpec _s;
    private readonly SramArray _array;
    private readonly RowDecoder _wlDecoder;
    private readonly Precharger _pre, _preBP;
    private readonly SramWriteDriver _writeDriver;
    private readonly SenseAmp _senseAmp;
    private readonly Dff _dff;
    private readonly Adder _adder;
    private readonly ShiftAdd? _shiftAdd;          // V2.1: the input-bit shift-add
    private readonly ShiftAdd? _shiftAddWeight;    // V2.1: the cells of a synapse (RD-105)
    private readonly ShiftAdd? _shiftAddWeightBP;
    // Transposed (activation-gradient) read.
    private readonly RowDecoder? _wlDecoderBP;
    private readonly SenseAmp? _senseAmpBP;
    private readonly Dff? _dffBP;
    private readonly Adder? _adderBP;
    private readonly ShiftAdd? _shiftAddBP;

    public SramRowByRowSubArray(CircuitContext c, MemCell cell, SubArraySpec spec)
        : base(c, spec)
    {
        _s = spec;
        int numRow = spec.NumRow, numCol = spec.NumCol;
        _array = SramArray.Of(c, cell, spec);
        (LengthRow, LengthCol, CapRow1, CapRow2, CapCol, ResRow, ResCol) =
            (_array.LengthRow, _array.LengthCol, _array.CapRow, _array.CapRow, _array.CapCol, _array.ResRow, _array.ResCol);

        // ---- periphery ----
        var clk = spec.ClkFreq;
        _wlDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(numRow)), false, false);
        _senseAmp = new SenseAmp(c, numCol, cell.MinSenseVoltage, LengthRow / numCol, clk, spec.NumReadCellPerOperationNeuro);
        var adderBit = (int)Math.Ceiling(Math.Log2(numRow)) + 1;
        var numAdder = numCol / spec.NumCellPerSynapse;
        _dff = new Dff(c, (adderBit + 1) * numAdder, clk);
        _adder = new Adder(c, adderBit, numAdder);
        if (spec.HasWeightShiftAdd) _shiftAddWeight = new ShiftAdd(c, numAdder, adderBit, clk, spec.NumCellPerSynapse, cell.ReadPulseWidth);
        if (spec.NumReadPulse > 1)
            _shiftAdd = new ShiftAdd(c, numAdder, adderBit + (spec.V21 ? spec.NumCellPerSynapse : 1), clk, spec.NumReadPulse, cell.ReadPulseWidth);
        if (spec.TrainingEstimation)
        {
            _wlDecoderBP = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(numCol)), false, false);
            (_senseAmpBP, _dffBP, _adderBP, _shiftAddBP, _shiftAddWeightBP) = SramSerialTransposedRead.Build(c, cell, spec, LengthCol);
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
        var decFp = _wlDecoder.Layout(heightArray);
        var saFp = _senseAmp.Layout(0, widthArray, AreaModify.Magic);
        var adderFp = _adder.Layout(0, widthArray);
        var dffFp = _dff.Layout(0, widthArray);
        var shiftFp = _shiftAdd?.Layout(0, widthArray) ?? default;
        var shiftWeightFp = _shiftAddWeight?.Layout(0, widthArray) ?? default;
        var height = preFp.Height + wdFp.Height + heightArray + saFp.Height + adderFp.Height + dffFp.Height + shiftFp.Height + shiftWeightFp.Height;
        var width = decFp.Width + widthArray;
        var used = AreaArray + decFp.Area + preFp.Area + wdFp.Area + saFp.Area + adderFp.Area + dffFp.Area + shiftFp.Area + shiftWeightFp.Area;
        var areaADC = saFp.Area + preFp.Area;
        var areaAccum = adderFp.Area + dffFp.Area + shiftFp.Area + shiftWeightFp.Area;
        var areaOther = decFp.Area + wdFp.Area;
        double areaAG = 0;
        var leak = _array.Leakage;
        var forwardPeriphery = _wlDecoder.Leakage + _pre.Leakage + _writeDriver.Leakage + _senseAmp.Leakage + _dff.Leakage + _adder.Leakage + (_shiftAdd?.Leakage ?? 0)
            + (_shiftAddWeight?.Leakage ?? 0);
        LeakageWithoutBackward = leak + forwardPeriphery;
        if (spec.TrainingEstimation)
        {
            var decBPFp = _wlDecoderBP!.Layout(0, widthArray);
            var serial = SramSerialTransposedRead.Layout(_senseAmpBP!, _dffBP!, _adderBP!, _shiftAddBP!, _shiftAddWeightBP, _preBP, writeDriverBP, decBPFp, heightArray);
            height += decBPFp.Height;
            width += serial.Width;
            areaAG = serial.AreaAG;
            used += areaAG;
            areaADC += serial.Adc;
            areaAccum += serial.Accumulation;
            areaOther += serial.Other;
            leak += _wlDecoderBP.Leakage + _preBP.Leakage + _adderBP!.Leakage + _dffBP!.Leakage + _senseAmpBP!.Leakage + _shiftAddBP!.Leakage
                + (_shiftAddWeightBP?.Leakage ?? 0);
        }
        SetLayout(height, width, used, areaADC, areaAccum, areaOther, areaAG);
        Leakage = leak + forwardPeriphery;
    }

    public override CellResistances Resistances => SramArray.NoResistances;

    /// <summary>The cell array (its read resistance sets every column's, whatever the stored bits).</summary>
    internal SramArray Array => _array;

    public override SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance) => Read(activityRowRead, columnResistance, true);

    /// <param name="backward">Whether the transposed read runs (false for V2.1's first layer, RD-101).</param>
    public override SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance, bool backward)
    {
        var s = _s;
        // ---- forward read: the driven rows one after another ----
        var readOpsPerRow = Math.Ceiling((double)s.NumCol / s.NumReadCellPerOperationNeuro);
        var reads = readOpsPerRow * s.NumRow * activityRowRead;
        var dec = _wlDecoder.Latency(1e20, CapRow1, 0, s.NumRow * activityRowRead);
        var pre = _pre.Latency(CapCol, reads, 0).Read;
        var sa = _senseAmp.ReadLatency(reads);
        var dff = _dff.ReadLatency(reads);
        var adder = _adder.ReadLatency(1e20, _dff.CapTgDrain, reads).Delay;
        // RD-114: V2.1 runs the weight shift-add once per cell of a synapse.
        var shift = (_shiftAdd?.ReadLatency(1) ?? 0) + (_shiftAddWeight?.ReadLatency(s.NumCellPerSynapse) ?? 0);
        var colDelay = Gate.Horowitz(_array.TauColumnPerRamp, dec.RampOutput).Delay * reads;
        var latency = dec.Delay + pre + colDelay + sa + adder + dff + shift;
        var latADC = pre + colDelay + sa;
        var latAccum = adder + dff + shift;
        var latOther = dec.Delay;

        // Energy counts average operations per row (here one).
        var readOpsEnergy = s.NumCol > s.NumReadCellPerOperationNeuro ? (double)(s.NumCol / s.NumReadCellPerOperationNeuro) : 1;
        var readsEnergy = readOpsEnergy * s.NumRow * activityRowRead;
        var perOperation = s.NumReadCellPerOperationNeuro / s.NumCellPerSynapse;
        var decE = _wlDecoder.Energy(s.NumRow * activityRowRead);
        var preE = _pre.Energy(CapCol, readsEnergy, 0).Read;
        var adderE = _adder.ReadEnergy(readsEnergy, perOperation);
        var dffE = _dff.ReadEnergy(readsEnergy, perOperation * (_adder.NumBit + 1));
        var saE = _senseAmp.ReadEnergy(readsEnergy);
        // RD-114: V2.1 charges the shift-adds once per read (the weight one per cell of a synapse), V2.0 once per row read.
        var shiftE = s.V21 ? (_shiftAddWeight?.ReadEnergy(s.NumCellPerSynapse) ?? 0) + (_shiftAdd?.ReadEnergy(1) ?? 0) : _shiftAdd?.ReadEnergy(readsEnergy) ?? 0;
        // The array itself: bit-line discharge only, counted in the precharger.
        var energy = decE + preE + adderE + dffE + saE + shiftE;
        var eADC = preE + saE;
        var eAccum = adderE + dffE + shiftE;
        var eOther = decE;

        double latencyAG = 0, energyAG = 0;
        if (s.TrainingEstimation && backward)
        {
            // RD-109: V2.1 adds the transposed read's breakdown to the forward read's; V2.0 assigns it (RD-53).
            var keep = s.V21;
            // ---- transposed read: the columns one after another, half of them active ----
            var columnsRead = s.NumCol * SubArraySpec.ActivityBPColRead;
            var readsBP = Math.Ceiling((double)s.NumCol / s.NumReadCellPerOperationNeuro) * columnsRead;
            var decBP = _wlDecoderBP!.Latency(1e20, CapCol, 0, columnsRead);
            var preBP = _preBP.Latency(CapRow1, readsBP, 0).Read;
            var saBP = _senseAmpBP!.ReadLatency(readsBP);
            var dffBP = _dffBP!.ReadLatency(readsBP);
            var adderBP = _adderBP!.ReadLatency(1e20, _dff.CapTgDrain, readsBP).Delay;
            var rowDelay = Gate.Horowitz(_array.TauRowPerRamp, decBP.RampOutput).Delay * readsBP;
            var shiftBP = SramSerialTransposedRead.ShiftLatency(s, _shiftAddBP!, _shiftAddWeightBP);
            latencyAG = decBP.Delay + preBP + rowDelay + saBP + adderBP + dffBP + shiftBP;
            latADC = (keep ? latADC : 0) + (preBP + rowDelay + saBP);
            latAccum = (keep ? latAccum : 0) + (adderBP + dffBP + shiftBP);
            latOther = (keep ? latOther : 0) + decBP.Delay;

            var readsBPEnergy = (double)(s.NumRow / s.NumReadCellPerOperationNeuro) * columnsRead;
            var (energyBP, adcBP, accumBP, otherBP) = SramSerialTransposedRead.Energy(_preBP, _adderBP, _dffBP, _senseAmpBP,
                SramSerialTransposedRead.ShiftEnergy(s, _shiftAddBP!, _shiftAddWeightBP, readsBPEnergy),
                CapRow1, readsBPEnergy, perOperation, _adder.NumBit, _wlDecoderBP.Energy(columnsRead));
            (energyAG, eADC, eAccum, eOther) = (energyBP, (keep ? eADC : 0) + adcBP, (keep ? eAccum : 0) + accumBP, (keep ? eOther : 0) + otherBP);
        }
        return new SubArrayRead(latency, latencyAG, latADC, latAccum, latOther, energy, energyAG, eADC, eAccum, eOther);
    }

    public override SubArrayWrite Write(WriteActivity w, bool backward = true)
    {
        var s = _s;
        var (writesLatency, writesEnergy) = SramArray.Writes(s, w);
        var rowsWritten = s.NumRow * w.ActivityRowWrite;

        var dec = _wlDecoder.Latency(1e20, CapRow1, 0, rowsWritten).Delay;
        var pre = _pre.Latency(CapCol, 0, writesLatency).Write;
        var driver = _writeDriver.WriteLatency(1e20, CapCol, ResCol, writesLatency);
        var latency = _array.WriteDelayPerCell * writesLatency + dec + pre + driver;

        var energy = _wlDecoder.Energy(rowsWritten) + _pre.Energy(CapCol, 0, writesEnergy).Write + _writeDriver.WriteEnergy(writesEnergy)
            + _array.FlipEnergy(s, w, Vdd);
        return new SubArrayWrite(latency, energy);
    }
}
