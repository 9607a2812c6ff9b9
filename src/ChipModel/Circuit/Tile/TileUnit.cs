using NeuroSim.Replay.ChipModel.Circuit.Buffers;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;

namespace NeuroSim.Replay.ChipModel.Circuit.Tile;

/// <summary>
/// A tile (NeuroSim Tile.cpp): PEs connected by an H-tree, input/output buffers and an accumulation adder
/// tree (plus ReLU inside the tile when activation is not at chip level). The chip has one novel-mapped
/// tile design (a PE per kernel position) and one conventional.
/// </summary>
public sealed partial class TileUnit
{
    private readonly ChipParameters _p;

    /// <param name="numPE">PEs in the tile (novel: the kernel positions; conventional: (tile/PE)²).</param>
    /// <param name="numPEForBuffers">The PE count the reference sized the buffers and accumulation with (per side for conventional tiles).</param>
    /// <param name="bufferCores">Input and output buffer cores. RD-61: the reference keeps these in globals that the
    /// conventional tile's set-up overwrites, so both tiles use the conventional tile's counts.</param>
    public TileUnit(CircuitContext c, ChipParameters p, ProcessingUnit pe, bool novel, double numPE, double peSize, double numPEForBuffers,
        (int In, int Out) bufferCores)
    {
        _p = p;
        Pe = pe;
        Novel = novel;
        NumPE = numPE;
        PerformanceNumPE = numPEForBuffers;
        PeSize = peSize;
        var cfg = p.Config;
        var bits = p.NumBitInput;
        var accumBits = AccumulationBits(p, peSize);
        var n = numPEForBuffers;
        Accumulation = new AdderTree(c, (int)n, (int)accumBits, (int)Math.Ceiling(n * cfg.NumColSubArray / cfg.NumColMuxed));
        var core = cfg.TileBufferCoreSizeRow * cfg.TileBufferCoreSizeCol;
        var sram = new SramGeometry(cfg.HeightInFeatureSizeSRAM, cfg.WidthInFeatureSizeSRAM, cfg.WidthAccessCMOS, cfg.WidthSRAMCellNMOS, cfg.MinSenseVoltage);
        double outBits, outWidth;
        if (!cfg.ChipActivation)
        {
            if (cfg.ReLu) ReLu = new BitShifter(c, (int)Math.Ceiling(peSize * cfg.NumColSubArray / cfg.NumColMuxed), bits, cfg.ClkFreq);
            else Sigmoid = Periphery.Sigmoid.For(c, Cells.MemCell.From(cfg), cfg, bits,
                (int)(accumBits + Math.Ceiling(Math.Log2(n))), (int)Math.Ceiling(n * cfg.NumColSubArray / cfg.NumColMuxed));
            outBits = bits * n * cfg.NumColSubArray / cfg.NumColMuxed;
            outWidth = bits * n;
        }
        else
        {
            outBits = accumBits * n * cfg.NumColSubArray / cfg.NumColMuxed;
            outWidth = accumBits * n;
        }
        OutputBuffer = outBits < core
            ? new DataBuffer(c, (int)outBits, (int)outWidth, p.UnitLengthWireResistance, cfg.ClkFreq, cfg.PeBufferType, sram, "tileBufferCoreSizeRow", "peBufferType")
            : new DataBuffer(c, core, cfg.TileBufferCoreSizeCol, p.UnitLengthWireResistance, cfg.ClkFreq, cfg.PeBufferType, sram, "tileBufferCoreSizeRow", "peBufferType");
        var inBits = n * bits * cfg.NumRowSubArray;
        InputBuffer = inBits < core
            ? new DataBuffer(c, (int)inBits, (int)(n * cfg.NumRowSubArray), p.UnitLengthWireResistance, cfg.ClkFreq, cfg.PeBufferType, sram, "tileBufferCoreSizeRow", "peBufferType")
            : new DataBuffer(c, core, cfg.TileBufferCoreSizeCol, p.UnitLengthWireResistance, cfg.ClkFreq, cfg.PeBufferType, sram, "tileBufferCoreSizeRow", "peBufferType");
        var side = novel ? (int)Math.Ceiling(Math.Sqrt(n)) : (int)n;
        HTree = new HTree(c, side, side, cfg.LocalBusDelayTolerance, side * cfg.NumRowSubArray, p.UnitLengthWireResistance, cfg.WireWidth);
        NumInBufferCore = bufferCores.In;
        NumOutBufferCore = bufferCores.Out;

        // ---- area (TileCalculateArea) ----
        var perSide = Math.Ceiling(Math.Sqrt(numPE));
        var accum = Accumulation.Layout(0, perSide * pe.Width).Area;
        var relu = ReLu?.Layout(0, perSide * pe.Width).Area ?? Sigmoid?.Layout(0, perSide * pe.Width).Area ?? 0;
        var inBuf = InputBuffer.Layout(perSide * pe.Height, 0).Area * NumInBufferCore;
        var outBuf = OutputBuffer.Layout(0, perSide * pe.Width).Area * NumOutBufferCore;
        (HTreeArea, HTreeWireLength) = HTree.Layout(pe.Height, pe.Width, 16);
        var total = pe.Area.Total * numPE + accum + inBuf + outBuf + HTreeArea + relu;
        Height = Math.Sqrt(total);
        Width = total / Height;
        Area = new AreaParts(total, HTreeArea, pe.Area.Adc * numPE, pe.Area.Accumulation * numPE + accum,
            pe.Area.Other * numPE + inBuf + outBuf + relu, pe.Area.Array * numPE);
    }

    public ProcessingUnit Pe { get; }
    public bool Novel { get; }
    public double NumPE { get; }
    /// <summary>The PE count the layer evaluation uses: novel tiles' PEs, or PEs per side of a conventional tile.</summary>
    public double PerformanceNumPE { get; }
    public double PeSize { get; }
    public AdderTree Accumulation { get; }
    public BitShifter? ReLu { get; }
    /// <summary>Sigmoid tables inside the tile (chipActivation=false, reLu=false).</summary>
    public Sigmoid? Sigmoid { get; }
    public DataBuffer InputBuffer { get; }
    public DataBuffer OutputBuffer { get; }
    public HTree HTree { get; }
    public double HTreeArea { get; }
    public double HTreeWireLength { get; }
    public int NumInBufferCore { get; }
    public int NumOutBufferCore { get; }
    public double Height { get; }
    public double Width { get; }
    public AreaParts Area { get; }

    /// <summary>Bits of a tile's accumulated partial sums.</summary>
    public static double AccumulationBits(ChipParameters p, double peSize)
    {
        var cfg = p.Config;
        var adc = p.ParallelRead ? Math.Ceiling(Math.Log2(cfg.LevelOutput)) : Math.Ceiling(Math.Log2(cfg.NumRowSubArray) + p.CellBit - 1);
        // RD-105 (V2.1, Tile.cpp TileInitialize): numColPerSynapse more bits (AccumulatorExtraBits; 0 in V2.0).
        return adc + p.NumBitInput + p.AccumulatorExtraBits + 1 + Math.Ceiling(Math.Log2(peSize / cfg.NumRowSubArray));
    }

    /// <summary>
    /// Buffer cores of a tile (TileInitialize's numInBufferCore/numOutBufferCore) for <paramref name="n"/> PEs.
    /// </summary>
    public static (int In, int Out) BufferCores(ChipParameters p, double n, double peSize)
    {
        var cfg = p.Config;
        var core = (double)(cfg.TileBufferCoreSizeRow * cfg.TileBufferCoreSizeCol);
        var perPeBits = cfg.ChipActivation ? AccumulationBits(p, peSize) : p.NumBitInput;
        var outCores = (int)Math.Ceiling(perPeBits * n * cfg.NumColSubArray / cfg.NumColMuxed / core);
        var inCores = (int)Math.Ceiling(n * p.NumBitInput * cfg.NumRowSubArray / core);
        return (inCores, outCores);
    }
}
