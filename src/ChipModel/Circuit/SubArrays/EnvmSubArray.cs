using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// A synaptic subarray with its periphery for forward reads, transposed reads (activation gradient) and
/// weight updates (NeuroSim SubArray.cpp), for eNVM cells (RRAM, FeFET; 1T1R or cross-point), read all rows
/// at once (operationmode=2: multilevel sense amps) or row by row (operationmode=1: a decoded word line per row,
/// sense amps of the cell's levels, adders and registers accumulating the rows). Built once per configuration;
/// <see cref="Read"/> evaluates one input vector and <see cref="Write"/> one weight update — both pure.
/// </summary>
public sealed partial class EnvmSubArray : SubArray
{
    private readonly CircuitContext _c;
    private readonly MemCell _cell;
    private readonly CellResistances _res;
    private readonly SubArraySpec _s;

    // Periphery (null where the configuration does not have it).
    private readonly RowByRowWordLines? _rowByRow;      // sequential read only
    private readonly Dff? _dff;                         // sequential read: the row accumulators
    private readonly Adder? _adder;
    private readonly bool _serialBP;                    // transposed read row by row (parallelBP=false, or sequential read)
    private readonly NewSwitchMatrix? _wlNew;
    private readonly SwitchMatrix? _wlSwitch;
    private readonly SwitchMatrix _sl;
    private readonly Mux? _mux, _muxBP;
    private readonly RowDecoder? _muxDecoder, _muxDecoderBP;
    private readonly MultilevelSenseAmp _msa;
    private readonly MultilevelSAEncoder? _enc;
    private readonly ShiftAdd? _shiftAdd;               // V2.1: the input-bit shift-add
    private readonly ShiftAdd? _shiftAddWeight;         // V2.1: the cells of a synapse (numCellPerSynapse > 1)
    private readonly MultilevelSenseAmp? _msaBP;
    private readonly MultilevelSAEncoder? _encBP;
    private readonly ShiftAdd? _shiftAddBP;
    private readonly ShiftAdd? _shiftAddWeightBP;
    private readonly Dff? _dffBP;
    private readonly Adder? _adderBP;
    // The transposed read's sense amps convert as the forward read's (V2.0's default: levelOutputAG = levelOutput): one sample serves both.
    private readonly bool _bpConvertsAsForward;

    // Placed layouts (their capacitances depend on the layout).
    private readonly NewSwitchMatrix.Placed? _wlNewPlaced;
    private readonly SwitchMatrix.Placed? _wlSwitchPlaced;
    private readonly SwitchMatrix.Placed _slPlaced;
    private readonly Mux.MuxLayout? _muxPlaced, _muxBPPlaced;

    public EnvmSubArray(CircuitContext c, MemCell cell, SubArraySpec spec, AdcParameters adc)
        : base(c, spec)
    {
        _c = c;
        _cell = cell;
        _s = spec;
        _res = CellResistances.For(cell, c);
        var f = c.F;
        int numRow = spec.NumRow, numCol = spec.NumCol;

        // ---- array geometry (SubArray::Initialize) ----
        double minCellHeight = MaxTransistorHeight, minCellWidth = (MinGapBetweenGatePoly + PolyWidth) * 2;
        var cmos = cell.Access == CellAccessType.Cmos;
        if (cmos)
        {
            LengthRow = (double)numCol * (spec.RelaxArrayCellWidth ? Math.Max(cell.WidthInFeatureSize, minCellWidth * 2) : cell.WidthInFeatureSize) * f;
            LengthCol = (double)numRow * (spec.RelaxArrayCellHeight ? Math.Max(cell.HeightInFeatureSize, minCellHeight) : cell.HeightInFeatureSize) * f;
        }
        else
        {
            LengthRow = spec.RelaxArrayCellWidth
                ? numCol * Math.Max(cell.WidthInFeatureSize * cell.FeatureSize, minCellWidth * 2 * f)
                : (double)numCol * cell.WidthInFeatureSize * cell.FeatureSize;
            LengthCol = spec.RelaxArrayCellHeight
                ? numRow * Math.Max(cell.HeightInFeatureSize * cell.FeatureSize, minCellHeight * f)
                : (double)numRow * cell.HeightInFeatureSize * cell.FeatureSize;
        }
        CapRow1 = LengthRow * 0.2e-15 / 1e-6;
        CapRow2 = LengthRow * 0.2e-15 / 1e-6;
        CapCol = LengthCol * 0.2e-15 / 1e-6;
        ResRow = LengthRow * spec.UnitWireRes;
        ResCol = LengthCol * spec.UnitWireRes;
        if (cmos)
        {
            CapRow2 += Gate.GateCap(_res.WidthAccessCmos * f, c.Tech) * numCol;
            CapCol += Gate.DrainCap(_res.WidthAccessCmos * f, TransistorKind.Nmos, cell.WidthInFeatureSize * f, c.Tech) * numRow;
        }

        // ---- periphery ----
        var clk = spec.ClkFreq;
        var v = cell.Voltages;
        var sequential = !spec.ConventionalParallel;
        _serialBP = sequential || !spec.ParallelBP;
        // Parallel read: the gates pass the current of all rows (the on-resistance over the rows); sequential: one cell's.
        var resTg = _res.ResMemCellOn / numRow;
        var resTgColumn = sequential ? _res.ResMemCellOn : resTg * numRow;
        // RD-36: the switch matrices read the average write pulses once, at initialization, before any update is known.
        const double numWritePulseAtInit = 0;
        if (!sequential)
        {
            if (cmos) _wlNew = new NewSwitchMatrix(c, v, numRow, clk);
            else _wlSwitch = new SwitchMatrix(c, v, cell.Access, SwitchMode.Row, numRow, resTg * numRow / numCol, true, false,
                spec.NumWriteCellPerOperationMemory, spec.NumWriteCellPerOperationNeuro, numWritePulseAtInit, clk);
        }
        _sl = new SwitchMatrix(c, v, cell.Access, SwitchMode.Column, numCol, resTgColumn, true, false,
            spec.NumWriteCellPerOperationMemory, spec.NumWriteCellPerOperationNeuro, numWritePulseAtInit, clk);
        var adcUnits = numCol / spec.NumColMuxed;
        if (spec.NumColMuxed > 1)
        {
            _mux = new Mux(c, adcUnits, spec.NumColMuxed, sequential ? _res.ResMemCellOn : resTg, false, cell.ReadVoltage);
            _muxDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(spec.NumColMuxed)), true, false);
        }
        var cellLevels = (int)Math.Pow(2, spec.AvgWeightBit);
        // V2.1 (SubArray.cpp): a SAR ADC has no encoder; the shift-add is split into an input-bit one (numCellPerSynapse more bits
        // instead of V2.0's one) and, for synapses of several cells, a weight one (RD-105).
        var sar = adc.Variant?.Kind == ColumnAdcKind.Sar;
        var ncps = spec.NumCellPerSynapse;
        if (sequential)
        {
            // One row at a time: the sense amps tell the cell's levels; adders sum the rows into registers.
            _msa = new MultilevelSenseAmp(c, adcUnits, cellLevels, false, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
            if (spec.AvgWeightBit > 1 && !sar) _enc = new MultilevelSAEncoder(c, cellLevels, adcUnits);
            var adderBit = (int)Math.Ceiling(Math.Log2(numRow)) + spec.AvgWeightBit;
            _dff = new Dff(c, (adderBit + 1) * adcUnits, clk);
            _adder = new Adder(c, adderBit, adcUnits);
            if (spec.HasWeightShiftAdd) _shiftAddWeight = new ShiftAdd(c, adcUnits, adderBit, clk, ncps, cell.ReadPulseWidth);
            if (spec.NumReadPulse > 1)
                _shiftAdd = new ShiftAdd(c, adcUnits, adderBit + (spec.V21 ? ncps : 1), clk, spec.NumReadPulse, cell.ReadPulseWidth);
        }
        else
        {
            _msa = new MultilevelSenseAmp(c, adcUnits, spec.LevelOutput, true, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
            if (!sar) _enc = new MultilevelSAEncoder(c, spec.LevelOutput, adcUnits);
            if (spec.HasWeightShiftAdd) _shiftAddWeight = new ShiftAdd(c, adcUnits, (int)Math.Log2(spec.LevelOutput), clk, ncps, cell.ReadPulseWidth);
            if (spec.NumReadPulse > 1)
                _shiftAdd = new ShiftAdd(c, adcUnits, (int)(Math.Log2(spec.LevelOutput) + (spec.V21 ? ncps : 1)), clk, spec.NumReadPulse, cell.ReadPulseWidth);
        }
        if (spec.TrainingEstimation)
        {
            var bpUnits = numRow / spec.NumRowMuxedBP;
            if (spec.NumRowMuxedBP > 1)
            {
                _muxBP = new Mux(c, bpUnits, spec.NumRowMuxedBP, sequential ? _res.ResMemCellOn : _res.ResMemCellOn / numCol, false, cell.ReadVoltage);
                _muxDecoderBP = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(spec.NumRowMuxedBP)), true, false);
            }
            if (!_serialBP)
            {
                _msaBP = new MultilevelSenseAmp(c, bpUnits, spec.LevelOutputBP, true, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
                if (!sar) _encBP = new MultilevelSAEncoder(c, spec.LevelOutputBP, bpUnits);
                // RD-105: V2.1's input-bit shift-add of the transposed read is numReadPulseBP bits narrower (log2 levels + cells per synapse).
                if (spec.HasWeightShiftAdd) _shiftAddWeightBP = new ShiftAdd(c, bpUnits, (int)Math.Log2(spec.LevelOutputBP), clk, ncps, cell.ReadPulseWidth);
                _shiftAddBP = new ShiftAdd(c, bpUnits, (int)(Math.Log2(spec.LevelOutputBP) + (spec.V21 ? ncps : SubArraySpec.NumReadPulseBP + 1)), clk, SubArraySpec.NumReadPulseBP, cell.ReadPulseWidth);
            }
            else
            {
                var levels = (int)Math.Pow(2, spec.AvgWeightBit);
                _msaBP = new MultilevelSenseAmp(c, bpUnits, levels, false, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
                if (spec.AvgWeightBit > 1 && !sar) _encBP = new MultilevelSAEncoder(c, levels, bpUnits);
                var log2Col = Math.Ceiling(Math.Log2(numCol));
                _dffBP = new Dff(c, (int)((log2Col + spec.AvgWeightBit + 1) * Math.Ceiling((double)(numRow / spec.NumRowMuxedBP))), clk);
                _adderBP = new Adder(c, (int)(log2Col + spec.AvgWeightBit), (int)Math.Ceiling((double)(numRow / spec.NumRowMuxedBP)));
                if (spec.HasWeightShiftAdd) _shiftAddWeightBP = new ShiftAdd(c, bpUnits, (int)(log2Col + spec.AvgWeightBit), clk, ncps, cell.ReadPulseWidth);
                _shiftAddBP = new ShiftAdd(c, bpUnits, (int)(log2Col + spec.AvgWeightBit + (spec.V21 ? ncps : SubArraySpec.NumReadPulseBP + 1)), clk,
                    SubArraySpec.NumReadPulseBP, cell.ReadPulseWidth);
            }
        }

        // ---- area (SubArray::CalculateArea) ----
        var heightArray = LengthCol;
        var widthArray = LengthRow;
        AreaArray = heightArray * widthArray;
        Footprint wlFp;
        if (sequential)
        {
            // The decoder loads the word line (capRow2; the same as capRow1 for cross-point rows).
            _rowByRow = new RowByRowWordLines(c, cell, _res, numRow, numCol, heightArray, CapRow2, ResRow);
            wlFp = new Footprint(heightArray, _rowByRow.Width, _rowByRow.DecoderArea + _rowByRow.DriverArea);
        }
        else if (cmos)
        {
            _wlNewPlaced = _wlNew!.Layout(heightArray);
            wlFp = _wlNewPlaced.Footprint;
        }
        else
        {
            _wlSwitchPlaced = _wlSwitch!.Layout(heightArray);
            wlFp = _wlSwitchPlaced.Footprint;
        }
        _slPlaced = _sl.Layout(0, widthArray);
        (_muxPlaced, var muxFp, var muxDecFp) = PlaceColumnMux(_mux, _muxDecoder, widthArray);
        var msaFp = _msa.Layout(0, widthArray);
        var encFp = _enc?.Layout(0, widthArray) ?? default;
        var adderFp = _adder?.Layout(0, widthArray) ?? default;
        var dffFp = _dff?.Layout(0, widthArray) ?? default;
        var shiftFp = _shiftAdd?.Layout(0, widthArray) ?? default;
        var shiftWeightFp = _shiftAddWeight?.Layout(0, widthArray) ?? default;
        var height = _slPlaced.Footprint.Height + heightArray + muxFp.Height + msaFp.Height + encFp.Height + adderFp.Height + dffFp.Height + shiftFp.Height
            + shiftWeightFp.Height;
        var width = Math.Max(wlFp.Width, muxDecFp.Width) + widthArray;
        var used = AreaArray + wlFp.Area + _slPlaced.Footprint.Area + muxFp.Area + msaFp.Area + muxDecFp.Area + encFp.Area + adderFp.Area + dffFp.Area + shiftFp.Area
            + shiftWeightFp.Area;
        var areaADC = msaFp.Area + encFp.Area;
        var areaAccum = adderFp.Area + dffFp.Area + shiftFp.Area + shiftWeightFp.Area;
        var areaOther = wlFp.Area + _slPlaced.Footprint.Area + muxFp.Area + muxDecFp.Area;
        double areaAG = 0;
        if (spec.TrainingEstimation)
        {
            (_muxBPPlaced, var muxBPFp, var muxDecBPFp) = PlaceRowMux(_muxBP, _muxDecoderBP, heightArray);
            var msaBPFp = _msaBP!.Layout(heightArray, 0);
            var encBPFp = _encBP?.Layout(heightArray, 0) ?? default;
            var shiftBPFp = _shiftAddBP?.Layout(heightArray, 0) ?? default;
            var shiftWeightBPFp = _shiftAddWeightBP?.Layout(heightArray, 0) ?? default;
            var dffBPFp = _dffBP?.Layout(heightArray) ?? default;
            var adderBPFp = _adderBP?.Layout(heightArray) ?? default;
            width += muxBPFp.Width + msaBPFp.Width + encBPFp.Width + dffBPFp.Width + adderBPFp.Width + shiftBPFp.Width + shiftWeightBPFp.Width;
            areaAG = muxBPFp.Area + muxDecBPFp.Area + msaBPFp.Area + encBPFp.Area + dffBPFp.Area + adderBPFp.Area + shiftBPFp.Area + shiftWeightBPFp.Area;
            used += areaAG;
            areaADC += msaBPFp.Area + encBPFp.Area;
            areaAccum += dffBPFp.Area + adderBPFp.Area + shiftBPFp.Area + shiftWeightBPFp.Area;
            areaOther += muxBPFp.Area + muxDecBPFp.Area;
        }
        SetLayout(height, width, used, areaADC, areaAccum, areaOther, areaAG);
        Leakage = ComputeLeakage();
        LeakageWithoutBackward = ForwardLeakage();
        _readConstants = PrecomputeRead();
        _bpConvertsAsForward = _msaBP is not null && _msaBP.Identity == _msa.Identity;
    }

    public override CellResistances Resistances => _res;

    private double ComputeLeakage()
    {
        // RD-52: sense amps and muxes report no leakage in the reference; the column switch matrix counts twice in training.
        var leak = ForwardLeakage();
        if (_s.TrainingEstimation)
            leak += _sl.Leakage + (_muxDecoderBP?.Leakage ?? 0) + (_encBP?.Leakage ?? 0) + (_dffBP?.Leakage ?? 0) + (_adderBP?.Leakage ?? 0) + (_shiftAddBP?.Leakage ?? 0)
                    + (_shiftAddWeightBP?.Leakage ?? 0);
        return leak;
    }

    /// <summary>The leakage of the array's forward periphery alone.</summary>
    private double ForwardLeakage() =>
        (_wlSwitch?.Leakage ?? 0) + (_wlNew?.Leakage ?? 0) + (_rowByRow?.Leakage ?? 0) + _sl.Leakage + (_muxDecoder?.Leakage ?? 0)
        + (_enc?.Leakage ?? 0) + (_dff?.Leakage ?? 0) + (_adder?.Leakage ?? 0) + (_shiftAdd?.Leakage ?? 0) + (_shiftAddWeight?.Leakage ?? 0);
}
