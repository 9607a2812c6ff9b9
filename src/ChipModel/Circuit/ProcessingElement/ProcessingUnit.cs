using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.SubArrays;

namespace NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;

/// <summary>
/// A processing element (NeuroSim ProcessingUnit.cpp): a grid of subarrays with input/output DFF buffers,
/// buses, and an adder tree that sums partial results along the rows. Novel-mapped (NM) and
/// conventionally mapped (CM) PEs share the subarray design and differ in grid size.
/// </summary>
public sealed partial class ProcessingUnit
{
    private readonly CircuitContext _c;
    private readonly ChipParameters _p;
    private readonly SubArray _subArray;

    public ProcessingUnit(CircuitContext c, ChipParameters p, SubArray subArray, int numSubArrayRow, int numSubArrayCol)
    {
        _c = c;
        _p = p;
        _subArray = subArray;
        NumSubArrayRow = numSubArrayRow;
        NumSubArrayCol = numSubArrayCol;
        var cfg = p.Config;
        var numRow = cfg.NumRowSubArray;
        var numCol = cfg.NumColSubArray;
        var bits = p.NumBitInput;
        var accumulatedBits = p.ParallelRead
            ? Math.Log2(cfg.LevelOutput)
            : Math.Log2(numRow) + p.CellBit - 1;
        // RD-105 (V2.1, ProcessingUnitInitialize): the tree and the output registers get numColPerSynapse more bits (0 in V2.0).
        var extra = p.AccumulatorExtraBits;
        AdderTree = new AdderTree(c, numSubArrayRow, (int)(accumulatedBits + bits + extra + 1), (int)Math.Ceiling((double)numSubArrayCol * numCol / cfg.NumColMuxed));
        BufferInput = new Dff(c, bits * numRow, cfg.ClkFreq);
        BufferOutput = new Dff(c, (int)(numCol / cfg.NumColMuxed * (accumulatedBits + bits + extra + AdderTree.NumStage)), cfg.ClkFreq);
        BusInput = new Bus(c, BusMode.Horizontal, numSubArrayRow, numSubArrayCol, 0, numRow, subArray.Height, subArray.Width, p.UnitLengthWireResistance);
        BusOutput = new Bus(c, BusMode.Vertical, numSubArrayRow, numSubArrayCol, 0, numCol, subArray.Height, subArray.Width, p.UnitLengthWireResistance);

        var count = (double)(numSubArrayRow * numSubArrayCol);
        var tree = AdderTree.Layout(0, subArray.Width).Area;
        var bufIn = BufferInput.Layout(numSubArrayRow * subArray.Height).Area;
        var bufOut = BufferOutput.Layout(0, numSubArrayCol * subArray.Width).Area;
        var area = subArray.UsedArea * count + tree + bufIn + bufOut;   // buses lie over the subarrays
        Height = Math.Sqrt(area);
        Width = area / Height;
        Area = new AreaParts(area, 0, subArray.AreaADC * count, subArray.AreaAccum * count + tree, subArray.AreaOther * count + bufIn + bufOut, subArray.AreaArray * count);
    }

    public int NumSubArrayRow { get; }
    public int NumSubArrayCol { get; }
    public AdderTree AdderTree { get; }
    public Dff BufferInput { get; }
    public Dff BufferOutput { get; }
    public Bus BusInput { get; }
    public Bus BusOutput { get; }
    public double Height { get; }
    public double Width { get; }
    public AreaParts Area { get; }
    public SubArray SubArray => _subArray;
}
