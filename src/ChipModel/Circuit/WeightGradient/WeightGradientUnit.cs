using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;
using NeuroSim.Replay.ChipModel.Circuit.SubArrays;

namespace NeuroSim.Replay.ChipModel.Circuit.WeightGradient;

/// <summary>Latency and energy of the weight-gradient computation (and the peaks, without idle time).</summary>
public readonly record struct WeightGradientResult(double ReadLatency, double WriteLatency, double ReadEnergy, double WriteEnergy,
    double ReadEnergyPeak, double WriteEnergyPeak, double Leakage);

/// <summary>
/// The weight-gradient unit (NeuroSim WeightGradientUnit.cpp): SRAM subarrays that hold the activations and
/// multiply them with the errors, with an adder tree across arrays. Sized for the layer with the largest input.
/// </summary>
public sealed class WeightGradientUnit
{
    private readonly CircuitContext _c;
    private readonly ChipParameters _p;
    private readonly int _numRow, _numCol, _numArrayInRow, _numArrayInCol;
    private readonly double _lengthRow, _lengthCol, _capRow1, _capCol, _resRow, _resCol;
    private readonly double _resCellAccess, _capCellAccess, _capSramCell;
    private readonly Precharger _precharger;
    private readonly SramWriteDriver _writeDriver;
    private readonly AdderTree _accumulation;
    // Parallel (bit-parallel read) periphery.
    private readonly SwitchMatrix? _wlSwitch;
    private readonly Mux? _mux;
    private readonly RowDecoder? _muxDecoder;
    private readonly MultilevelSenseAmp? _msa;
    private readonly MultilevelSAEncoder? _enc;
    // Sequential periphery.
    private readonly RowDecoder? _wlDecoder;
    private readonly SenseAmp? _senseAmp;
    private readonly Dff? _dff;
    private readonly Adder? _adder;
    private readonly ShiftAdd? _shiftAdd;
    private readonly SwitchMatrix.Placed? _wlSwitchPlaced;
    private readonly Mux.MuxLayout? _muxPlaced;

    public WeightGradientUnit(CircuitContext c, ChipParameters p, MemCell mainCell, AdcParameters adc, int numMemRow, int numMemCol)
    {
        _c = c;
        _p = p;
        var cfg = p.Config;
        var f = c.F;
        _numRow = cfg.NumRowSubArrayWG;
        _numCol = cfg.NumColSubArrayWG;
        _numArrayInRow = numMemRow / _numRow;
        _numArrayInCol = numMemCol / _numCol;
        _lengthRow = (double)_numCol * cfg.WidthInFeatureSizeSRAM * f;
        _lengthCol = (double)_numRow * cfg.HeightInFeatureSizeSRAM * f;
        _capRow1 = _lengthRow * 0.2e-15 / 1e-6;
        _capCol = _lengthCol * 0.2e-15 / 1e-6;
        _resRow = _lengthRow * p.UnitLengthWireResistance;
        _resCol = _lengthCol * p.UnitLengthWireResistance;
        var t = c.Tech;
        _resCellAccess = Gate.OnResistance(cfg.WidthAccessCMOS * f, TransistorKind.Nmos, c.Temperature, t);
        _capCellAccess = Gate.DrainCap(cfg.WidthAccessCMOS * f, TransistorKind.Nmos, cfg.WidthInFeatureSizeSRAM * f, t);
        _capSramCell = _capCellAccess
            + Gate.DrainCap(cfg.WidthSRAMCellNMOS * f, TransistorKind.Nmos, cfg.WidthInFeatureSizeSRAM * f, t)
            + Gate.DrainCap(cfg.WidthSRAMCellPMOS * f, TransistorKind.Pmos, cfg.WidthInFeatureSizeSRAM * f, t)
            + Gate.GateCap(cfg.WidthSRAMCellNMOS * f, t) + Gate.GateCap(cfg.WidthSRAMCellPMOS * f, t);
        var clk = cfg.ClkFreq;
        var bits = p.NumBitInput;
        var numColPerSynapse = bits;   // activations are written into the SRAM at input precision
        // RD-57: activities are per layer; the prechargers and write drivers keep the ones present at initialization (none yet).
        const double activityAtInit = 0;
        if (!cfg.ParallelBP)
        {
            _wlDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(_numRow)), false, false);
            _senseAmp = new SenseAmp(c, _numCol, cfg.MinSenseVoltage, _lengthRow / _numCol, clk, _numCol);
            var adderBit = (int)Math.Ceiling(Math.Log2(_numRow)) + 1;
            var numAdder = _numCol / numColPerSynapse;
            _dff = new Dff(c, (adderBit + 1) * numAdder, clk);
            _adder = new Adder(c, adderBit, numAdder);
            if (bits > 1) _shiftAdd = new ShiftAdd(c, numAdder, adderBit + bits + 1, clk, bits, mainCell.ReadPulseWidth);
            _accumulation = new AdderTree(c, WorkingArrayInRow, (int)(Math.Log2(_numRow) + bits + 1), (int)Math.Ceiling((double)_numArrayInCol * _numCol / cfg.NumRowMuxedWG));
            OutPrecision = Math.Log2(_numRow) + bits + _accumulation.NumStage;
        }
        else
        {
            _wlSwitch = new SwitchMatrix(c, mainCell.Voltages, mainCell.Access, SwitchMode.Row, _numRow, _resCellAccess, true, false, _numCol, _numCol, 1, clk);
            _mux = new Mux(c, _numCol / cfg.NumRowMuxedWG, cfg.NumRowMuxedWG, _resCellAccess, false, mainCell.ReadVoltage);
            _muxDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(cfg.NumRowMuxedWG)), true, false);
            _msa = new MultilevelSenseAmp(c, _numCol / cfg.NumRowMuxedWG, cfg.LevelOutputWG, true, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage, adc.Variant);
            // V2.1 (WeightGradientUnit.cpp): a SAR ADC (SARADC) reads the columns without an encoder.
            if (adc.Variant?.Kind != Periphery.Adc.ColumnAdcKind.Sar) _enc = new MultilevelSAEncoder(c, cfg.LevelOutputWG, _numCol / cfg.NumRowMuxedWG);
            if (bits > 1) _shiftAdd = new ShiftAdd(c, _numCol / cfg.NumRowMuxedWG, (int)(Math.Log2(cfg.LevelOutputWG) + bits + 1), clk, bits, mainCell.ReadPulseWidth);
            _accumulation = new AdderTree(c, WorkingArrayInRow, (int)(Math.Log2(cfg.LevelOutputWG) + bits + 1), (int)Math.Ceiling((double)_numArrayInCol * _numCol / cfg.NumRowMuxedWG));
            OutPrecision = Math.Log2(cfg.LevelOutputWG) + bits + _accumulation.NumStage;
        }
        _precharger = new Precharger(c, _numCol, _resCol, activityAtInit, _numCol, _numCol);
        _writeDriver = new SramWriteDriver(c, _numCol, activityAtInit, _numCol);

        // ---- area ----
        var heightArray = _lengthCol;
        var widthArray = _lengthRow;
        var areaArray = heightArray * widthArray;
        var sub = areaArray + _precharger.Layout(0, widthArray).Area + _writeDriver.Layout(0, widthArray).Area;
        if (!cfg.ParallelBP)
        {
            sub += _wlDecoder!.Layout(heightArray).Area + _senseAmp!.Layout(0, widthArray, AreaModify.Magic).Area
                + _adder!.Layout(0, widthArray).Area + _dff!.Layout(0, widthArray).Area + (_shiftAdd?.Layout(0, widthArray).Area ?? 0);
        }
        else
        {
            _wlSwitchPlaced = _wlSwitch!.Layout(heightArray);
            var first = _mux!.Layout(0, widthArray);
            var dec = _muxDecoder!.Layout();
            _muxPlaced = _mux.Layout(Math.Max(dec.Height, first.Footprint.Height), widthArray, AreaModify.Override);
            sub += _wlSwitchPlaced.Footprint.Area + _msa!.Layout(0, widthArray).Area + (_enc?.Layout(0, widthArray).Area ?? 0)
                + (_shiftAdd?.Layout(0, widthArray).Area ?? 0) + _muxPlaced.Footprint.Area + dec.Area;
        }
        AreaSubArray = sub;
        Area = sub * (_numArrayInRow * _numArrayInCol) + _accumulation.Layout(0, Math.Sqrt(sub)).Area;
        // RD-08: periphery wider than the WG subarray's row (narrow SRAM cells, few columns) gets a negative or
        // undefined layout in the reference; a named error instead.
        if (!(double.IsFinite(Area) && Area >= 0 && double.IsFinite(AreaSubArray) && AreaSubArray > 0))
            throw new Hardware.ConfigException([new Hardware.ConfigError("numColSubArrayWG", _numCol.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"the weight-gradient subarray's row ({_numCol} SRAM cells, {_lengthRow * 1e6:G3} µm) is narrower than one column's periphery " +
                "(precharger, write driver, mux or ADC), which cannot be laid out (the reference gets a negative or NaN area); allowed: more columns " +
                "(numColSubArrayWG), wider SRAM cells (widthInFeatureSizeSRAM) or fewer columns per ADC (numRowMuxedWG)")]);
    }

    /// <summary>Precision of the accumulated gradient (bits).</summary>
    public double OutPrecision { get; }
    public double AreaSubArray { get; }
    public double Area { get; }
    public int NumArrayInRow => _numArrayInRow;
    public int NumArrayInCol => _numArrayInCol;

    /// <summary>
    /// Arrays that do the work: at least one each way. The unit is sized from one layer's input (in pipeline mode
    /// the first layer's), which can be narrower than one WG subarray; RD-73: the reference then has 0 arrays and its
    /// per-layer gradient energy becomes 0 × ∞ = NaN (with 0 rows of arrays it never finishes: its accumulation
    /// tree gets log2(0) stages). Counting one working array keeps energy and tree finite, and changes nothing
    /// whenever the reference's count is positive. The area keeps the reference's count.
    /// </summary>
    public int WorkingArrayInRow => Math.Max(1, _numArrayInRow);
    public int WorkingArrayInCol => Math.Max(1, _numArrayInCol);

    /// <summary>
    /// Latency and energy of the gradient computation for one layer (WeightGradientUnit::CalculateLatency /
    /// CalculatePower). <paramref name="activity"/> is the layer's input activity (the reference uses it for
    /// the row-read, row-write and column-write activities).
    /// </summary>
    public WeightGradientResult Evaluate(int numRead, double activity)
    {
        var cfg = _p.Config;
        var c = _c;
        var t = c.Tech;
        var f = c.F;
        var bits = _p.NumBitInput;
        var temp = c.Temperature;
        double readLatency = 0, writeLatency = 0, readEnergy = 0, writeEnergy = 0;
        var cellLeak = Gate.Leakage(GateType.Inv, 1, cfg.WidthSRAMCellNMOS * f, cfg.WidthSRAMCellPMOS * f, temp, t) * c.Vdd * 2;
        var leakage = cellLeak * (_numRow * _numCol);
        var resPullDown = Gate.OnResistance(cfg.WidthSRAMCellNMOS * f, TransistorKind.Nmos, temp, t);
        var tau = (_resCellAccess + resPullDown) * (_capCellAccess + _capCol) + _resCol * _capCol / 2;
        tau *= Math.Log(c.Vdd / (c.Vdd - cfg.MinSenseVoltage / 2));
        var resPull = (Gate.OnResistance(cfg.WidthSRAMCellNMOS * f, TransistorKind.Nmos, temp, t) + Gate.OnResistance(cfg.WidthSRAMCellPMOS * f, TransistorKind.Pmos, temp, t)) / 2;
        var cellWrite = Gate.Horowitz(resPull * _capSramCell, 1e20).Delay * _numRow * activity;
        var writeArray = _capSramCell * c.Vdd * c.Vdd * 2 * _numCol * activity * _numRow * activity;   // flip Q and Q_bar
        var numWrite = _numRow * activity;
        if (!cfg.ParallelBP)
        {
            var reads = _numRow * activity * bits;
            var dec = _wlDecoder!.Latency(1e20, _capRow1, 0, reads);
            var pre = _precharger.Latency(_capCol, reads, numWrite);
            var wd = _writeDriver.WriteLatency(1e20, _capCol, _resCol, numWrite);
            var sa = _senseAmp!.ReadLatency(reads);
            var dff = _dff!.ReadLatency(reads);
            var adder = _adder!.ReadLatency(1e20, _dff.CapTgDrain, reads).Delay;
            var shift = _shiftAdd?.ReadLatency(bits) ?? 0;
            var accum = _accumulation.ReadLatency(1, _numArrayInRow, 0);
            var colDelay = Gate.Horowitz(tau, dec.RampOutput).Delay * _numRow * bits * activity;
            readLatency = dec.Delay + pre.Read + colDelay + sa + adder + dff + shift + accum;
            var decW = _wlDecoder.Latency(1e20, _capRow1, 0, numWrite).Delay;
            writeLatency = cellWrite + decW + pre.Write + wd;
            var decE = _wlDecoder.Energy(reads);
            var preE = _precharger.Energy(_capCol, reads, numWrite);
            readEnergy = decE + preE.Read + _adder.ReadEnergy(reads, _numCol) + _dff.ReadEnergy(reads, _numCol * (_adder.NumBit + 1))
                + _senseAmp.ReadEnergy(reads) + (_shiftAdd?.ReadEnergy(reads) ?? 0);
            writeEnergy = _wlDecoder.Energy(numWrite) + preE.Write + _writeDriver.WriteEnergy(numWrite) + writeArray;
            leakage += _wlDecoder.Leakage + _precharger.Leakage + _writeDriver.Leakage + _senseAmp.Leakage + _dff.Leakage + _adder.Leakage + (_shiftAdd?.Leakage ?? 0);
        }
        else
        {
            var muxed = cfg.NumRowMuxedWG * bits;
            var columnG = 1.0 / (_resCellAccess + _p.WireResistanceCol) * Math.Ceiling(cfg.NumRowSubArrayWG * activity);
            var columnResistance = new double[_numCol];
            Array.Fill(columnResistance, 1 / columnG);
            var sw = _wlSwitch!.Latency(_wlSwitchPlaced!, 1e20, _capRow1, _resRow, muxed, 2 * _numRow * activity);
            var pre = _precharger.Latency(_capCol, muxed, numWrite);
            var wd = _writeDriver.WriteLatency(1e20, _capCol, _resCol, numWrite);
            var mux = _mux!.ReadLatency(_muxPlaced!, 0, muxed);
            var dec = _muxDecoder!.Latency(1e20, _mux.CapTgGateN * (_numCol / cfg.NumRowMuxedWG), _mux.CapTgGateP * (_numCol / cfg.NumRowMuxedWG), muxed).Delay;
            var msa = _msa!.ReadLatency(columnResistance, muxed, 1);
            var enc = _enc?.ReadLatency(1e20, muxed) ?? 0;
            var shift = _shiftAdd?.ReadLatency(muxed) ?? 0;
            var accum = _accumulation.ReadLatency(cfg.NumColMuxed, _numArrayInRow, 0);
            var colDelay = Gate.Horowitz(tau, 1e20).Delay * bits;
            readLatency = Math.Max(sw.Read, mux + dec) + pre.Read + colDelay + msa + enc + shift + accum;
            writeLatency = cellWrite + sw.Write + pre.Write + wd;
            var preE = _precharger.Energy(_capCol, muxed, numWrite);
            readEnergy = _wlSwitch.ReadEnergy(_wlSwitchPlaced!, muxed, activity) + preE.Read + _msa.ReadEnergy(columnResistance, muxed)
                + (_enc?.ReadEnergy(muxed) ?? 0) + _mux.ReadEnergy(_muxPlaced!, muxed) + _muxDecoder.Energy(muxed) + (_shiftAdd?.ReadEnergy(muxed) ?? 0);
            writeEnergy = _wlSwitch.WriteEnergy(_wlSwitchPlaced!, 2 * _numRow * activity, activity, muxed) + preE.Write + _writeDriver.WriteEnergy(numWrite) + writeArray;
            leakage += _wlSwitch.Leakage + _precharger.Leakage + _writeDriver.Leakage + (_enc?.Leakage ?? 0) + (_shiftAdd?.Leakage ?? 0);
        }
        readLatency *= numRead;
        var arrays = (double)(WorkingArrayInRow * WorkingArrayInCol);
        var accumEnergy = _accumulation.ReadEnergy(numRead, _numArrayInRow);
        var readPeak = readEnergy * arrays * numRead + accumEnergy;
        var writePeak = writeEnergy * arrays;
        return new WeightGradientResult(readLatency, writeLatency, readEnergy * arrays * numRead + accumEnergy, writeEnergy * arrays,
            readPeak, writePeak, leakage * arrays);
    }
}
