using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// The word-line path of an eNVM array read row by row (operationmode=1, SubArray.cpp conventionalSequential):
/// a row decoder and, behind it, a word-line driver (1T1R: <see cref="WordLineDecoderDriver"/>; cross-point:
/// <see cref="DecoderDriver"/>), placed beside the array.
/// </summary>
internal sealed class RowByRowWordLines
{
    private readonly RowDecoder _decoder;
    private readonly WordLineDecoderDriver? _driver1T1R;
    private readonly WordLineDecoderDriver.Placed? _driver1T1RPlaced;
    private readonly DecoderDriver? _driverCrossPoint;
    private readonly DecoderDriver.Placed? _driverCrossPointPlaced;
    private readonly double _decoderDelay, _driverDelay;

    /// <param name="capLoad">The row's load: the 1T1R word line (capRow2) or the cross-point row (capRow1).</param>
    public RowByRowWordLines(CircuitContext c, MemCell cell, CellResistances res, int numRow, int numCol,
        double heightArray, double capLoad, double resRow)
    {
        _decoder = new RowDecoder(c, DecoderMode.RegularRow, (int)Math.Ceiling(Math.Log2(numRow)), false, false);
        var decoderFp = _decoder.Layout(heightArray);
        Footprint driverFp;
        if (cell.Access == CellAccessType.Cmos)
        {
            _driver1T1R = new WordLineDecoderDriver(c, cell.Voltages, numRow);
            _driver1T1RPlaced = _driver1T1R.Layout(heightArray);
            driverFp = _driver1T1RPlaced.Footprint;
        }
        else
        {
            _driverCrossPoint = new DecoderDriver(c, cell.Voltages, cell.Access, SwitchMode.Row, numRow, numCol, res.ResMemCellOn);
            _driverCrossPointPlaced = _driverCrossPoint.Layout(heightArray);
            driverFp = _driverCrossPointPlaced.Footprint;
        }
        DecoderArea = decoderFp.Area;
        DriverArea = driverFp.Area;
        Width = decoderFp.Width + driverFp.Width;
        Leakage = _decoder.Leakage + (_driver1T1R?.Leakage ?? 0) + (_driverCrossPoint?.Leakage ?? 0);

        // Per-row delays: the driver takes the decoder's output ramp.
        var decoded = _decoder.Latency(1e20, capLoad, 0, 1);
        _decoderDelay = decoded.Delay;
        _driverDelay = _driver1T1R is not null
            ? _driver1T1R.Latency(_driver1T1RPlaced!, decoded.RampOutput, capLoad, resRow, 1, 1).Read
            : _driverCrossPoint!.Latency(_driverCrossPointPlaced!, decoded.RampOutput, capLoad, resRow, 1).Delay;
    }

    public double DecoderArea { get; }
    public double DriverArea { get; }
    public double Width { get; }
    public double Leakage { get; }

    /// <summary>Opening <paramref name="numOperations"/> rows one after another.</summary>
    public double Latency(double numOperations) => _decoderDelay * numOperations + _driverDelay * numOperations;

    public double ReadEnergy(double numRead, double numReadCellPerOp) =>
        _decoder.Energy(numRead) + DriverEnergy(numReadCellPerOp, 0, numRead, 0).Read;

    public double WriteEnergy(double numWrite, double numWriteCellPerOp) =>
        _decoder.Energy(numWrite) + DriverEnergy(0, numWriteCellPerOp, 0, numWrite).Write;

    private (double Read, double Write) DriverEnergy(double readCells, double writeCells, double numRead, double numWrite) =>
        _driver1T1R is not null
            ? _driver1T1R.Energy(_driver1T1RPlaced!, numRead, numWrite)
            : _driverCrossPoint!.Energy(_driverCrossPointPlaced!, readCells, writeCells, numRead, numWrite);
}
