using NeuroSim.Replay.Core.Circuit.Cells;
using NeuroSim.Replay.Core.Circuit.Gates;
using NeuroSim.Replay.Core.Circuit.Periphery;
using NeuroSim.Replay.Core.Circuit.Periphery.Adc;
using NeuroSim.Replay.Core.Circuit.SubArrays;

namespace NeuroSim.Replay.Core.Circuit.WeightGradient;

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
        // Activities are per layer; the prechargers and write drivers keep the ones present at initialization (none yet).
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
            _accumulation = new AdderTree(c, _numArrayInRow, (int)(Math.Log2(_numRow) + bits + 1), (int)Math.Ceiling((double)_numArrayInCol * _numCol / cfg.NumRowMuxedWG));
            OutPrecision = Math.Log2(_numRow) + bits + _accumulation.NumStage;
        }
        else
        {
            _wlSwitch = new SwitchMatrix(c, mainCell.Voltages, mainCell.Access, SwitchMode.Row, _numRow, _resCellAccess, true, false, _numCol, _numCol, 1, clk);
            _mux = new Mux(c, _numCol / cfg.NumRowMuxedWG, cfg.NumRowMuxedWG, _resCellAccess, false, mainCell.ReadVoltage);
            _muxDecoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(cfg.NumRowMuxedWG)), true, false);
            _msa = new MultilevelSenseAmp(c, _numCol / cfg.NumRowMuxedWG, cfg.LevelOutputWG, true, adc.ResistanceOn, adc.ResistanceOff, adc.NumRowSubArray, adc.Technode, adc.HighPerformance, adc.ReadVoltage);
            _enc = new MultilevelSAEncoder(c, cfg.LevelOutputWG, _numCol / cfg.NumRowMuxedWG);
            if (bits > 1) _shiftAdd = new ShiftAdd(c, _numCol / cfg.NumRowMuxedWG, (int)(Math.Log2(cfg.LevelOutputWG) + bits + 1), clk, bits, mainCell.ReadPulseWidth);
            _accumulation = new AdderTree(c, _numArrayInRow, (int)(Math.Log2(cfg.LevelOutputWG) + bits + 1), (int)Math.Ceiling((double)_numArrayInCol * _numCol / cfg.NumRowMuxedWG));
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
            sub += _wlSwitchPlaced.Footprint.Area + _msa!.Layout(0, widthArray).Area + _enc!.Layout(0, widthArray).Area
                + (_shiftAdd?.Layout(0, widthArray).Area ?? 0) + _muxPlaced.Footprint.Area + dec.Area;
        }
        AreaSubArray = sub;
        Area = sub * (_numArrayInRow * _numArrayInCol) + _accumulation.Layout(0, Math.Sqrt(sub)).Area;
    }

    /// <summary>Precision of the accumulated gradient (bits).</summary>
    public double OutPrecision { get; }
    public double AreaSubArray { get; }
    public double Area { get; }
    public int NumArrayInRow => _numArrayInRow;
    public int NumArrayInCol => _numArrayInCol;
}
