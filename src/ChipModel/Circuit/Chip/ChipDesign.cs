using NeuroSim.Replay.ChipModel.Circuit.Buffers;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;
using NeuroSim.Replay.ChipModel.Circuit.SubArrays;
using NeuroSim.Replay.ChipModel.Circuit.Technology;
using NeuroSim.Replay.ChipModel.Circuit.Tile;
using NeuroSim.Replay.ChipModel.Circuit.WeightGradient;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// A chip designed for a network under one configuration (NeuroSim main.cpp up to ChipCalculateArea):
/// floorplan, the subarray, PE and tile designs, chip-level buffer, H-tree, accumulation, activation,
/// pooling, weight-gradient unit and DRAM. Immutable; built once per (network, configuration).
/// </summary>
public sealed partial class ChipDesign
{
    /// <summary>Throws the configuration's named error when the chip cannot hold the network (designs it and drops it).</summary>
    public static void EnsureFits(NetworkSpec network, ValidatedHardwareConfig config, int synapseBits, int inputBits) =>
        GC.KeepAlive(new ChipDesign(network, config, synapseBits, inputBits));

    /// <summary>Validates <paramref name="config"/> (every rule, for these weights) and designs the chip.</summary>
    public ChipDesign(NetworkSpec network, HardwareConfig config, int synapseBits, int inputBits)
        : this(network, HardwareConfigValidator.Check(config, synapseBits), synapseBits, inputBits)
    {
    }

    /// <summary>Designs the chip for a configuration validated at the boundary (only the weight-precision rule is checked here, when it was not).</summary>
    public ChipDesign(NetworkSpec network, ValidatedHardwareConfig validated, int synapseBits, int inputBits)
    {
        var config = validated.ForSynapseBits(synapseBits).Config;
        Network = network;
        P = ChipParameters.For(config, synapseBits, inputBits);
        var cfg = config;
        var tech = TechnologyParameters.Create(cfg.Technode, cfg.DeviceRoadmap, cfg.ChipModel);
        Context = new CircuitContext(tech, cfg.Temp) { Model = cfg.ChipModel };
        Cell = MemCell.From(cfg);
        Adc = new AdcParameters(cfg.ResistanceOn, cfg.ResistanceOff, cfg.NumRowSubArray, cfg.Technode, cfg.DeviceRoadmap == DeviceRoadmap.Hp, cfg.ReadVoltage,
            P.V21 ? Periphery.Adc.AdcVariant.V21(cfg.SarAdc, cfg.CurrentMode, cfg.Temp) : null);

        Floorplan = Floorplan.Plan(network, new Floorplan.Options(P.NumRowPerSynapse, P.NumColPerSynapse, cfg.NumRowSubArray, cfg.NumColSubArray,
            cfg.NovelMapping, cfg.Pipeline, cfg.SpeedUpDegree));
        var fp = Floorplan;

        // ---- tiles, PEs and the subarray (TileInitialize → ProcessingUnitInitialize) ----
        SubArray = SubArray.Create(Context, Cell, new SubArraySpec(
            NumRow: cfg.NumRowSubArray, NumCol: cfg.NumColSubArray, NumColMuxed: P.NumColMuxed,
            LevelOutput: cfg.LevelOutput, LevelOutputBP: cfg.LevelOutputAG, NumRowMuxedBP: cfg.NumRowMuxedAG,
            NumReadPulse: inputBits, ClkFreq: cfg.ClkFreq,
            RelaxArrayCellHeight: cfg.RelaxArrayCellHeight != 0, RelaxArrayCellWidth: cfg.RelaxArrayCellWidth != 0,
            TrainingEstimation: cfg.TrainingEstimation, ParallelBP: cfg.ParallelBP, ConventionalParallel: P.ParallelRead,
            AvgWeightBit: P.CellBit, NumCellPerSynapse: P.NumColPerSynapse, UnitWireRes: P.UnitLengthWireResistance, V21: P.V21), Adc);
        var numPECM = Math.Ceiling(fp.DesiredTileSizeCM / fp.DesiredPESizeCM);
        int SubArraysPerSide(double peSize) =>
            (int)Math.Ceiling(Math.Sqrt(Math.Ceiling(peSize / cfg.NumRowSubArray) * Math.Ceiling(peSize / cfg.NumColSubArray)));
        // RD-61: the conventional tile's buffer cores (set last in the reference) apply to both tiles.
        var cores = TileUnit.BufferCores(P, numPECM, fp.DesiredPESizeCM);
        if (cfg.NovelMapping)
        {
            var peNM = new ProcessingUnit(Context, P, SubArray, SubArraysPerSide(fp.DesiredPESizeNM), SubArraysPerSide(fp.DesiredPESizeNM));
            NovelTile = new TileUnit(Context, P, peNM, true, fp.NumPENM, fp.DesiredPESizeNM, fp.NumPENM, cores);
        }
        var peCM = new ProcessingUnit(Context, P, SubArray, SubArraysPerSide(fp.DesiredPESizeCM), SubArraysPerSide(fp.DesiredPESizeCM));
        ConventionalTile = new TileUnit(Context, P, peCM, false, Math.Pow(numPECM, 2), fp.DesiredPESizeCM, numPECM, cores);

        InitializeChipUnits();
        Area = ComputeArea();
    }

    public NetworkSpec Network { get; }
    public ChipParameters P { get; }
    public CircuitContext Context { get; }
    public MemCell Cell { get; }
    public AdcParameters Adc { get; }
    public Floorplan Floorplan { get; }
    public SubArray SubArray { get; }
    public TileUnit? NovelTile { get; }
    public TileUnit ConventionalTile { get; }
    public ChipArea Area { get; }

    // Chip-level units (ChipInitialize).
    public double GlobalBusWidth { get; private set; }
    public long NumBufferCore { get; private set; }
    /// <summary>RD-66: the reference would size this chip's global buffer at 0 cores (see the constructor).</summary>
    public bool ReferenceHasNoGlobalBuffer { get; private set; }
    public int NumArrayWriteParallel { get; private set; }
    public DataBuffer GlobalBuffer { get; private set; } = null!;
    public MaxPooling MaxPool { get; private set; } = null!;
    public HTree GlobalHTree { get; private set; } = null!;
    public AdderTree GlobalAccumulation { get; private set; } = null!;
    public BitShifter? GlobalReLu { get; private set; }
    /// <summary>The chip's sigmoid tables (reLu=false with chip-level activation).</summary>
    public Sigmoid? GlobalSigmoid { get; private set; }
    public WeightGradientUnit? WeightGradient { get; private set; }
    public Adder? GradientAccumulation { get; private set; }
    public Dram Dram { get; private set; }
    public double GlobalBufferHeight { get; private set; }
    public double GlobalBufferWidth { get; private set; }
    public double GlobalHTreeWireLength { get; private set; }

    private void InitializeChipUnits()
    {
        var cfg = P.Config;
        var n = Network.Layers;
        var fp = Floorplan;
        var c = Context;
        double maxLayerInput = 0, maxTileAdded = 0, busWidth = 0;
        var maxIfmLayer = 0;
        var sqrtPENM = Math.Ceiling(Math.Sqrt(fp.NumPENM));
        for (var i = 0; i < n.Length; i++)
        {
            var l = n[i];
            double input = (double)l.IfmHeight * l.IfmWidth * l.IfmChannels;
            var lane = fp.Layers[i].NovelMapped
                ? fp.DesiredPESizeNM * sqrtPENM + fp.DesiredPESizeNM * sqrtPENM / cfg.NumColMuxed
                : fp.DesiredTileSizeCM + fp.DesiredTileSizeCM / cfg.NumColMuxed;
            if (!cfg.Pipeline)
            {
                if (input > maxLayerInput) (maxLayerInput, maxIfmLayer) = (input, i);
                busWidth += lane;
            }
            else
            {
                maxLayerInput += input / 2;
                busWidth += lane * fp.Layers[i].NumTileRow * fp.Layers[i].NumTileCol;
            }
            maxTileAdded = Math.Max(maxTileAdded, fp.Layers[i].NumTileRow);
        }
        while (busWidth > cfg.MaxGlobalBusWidth) busWidth /= 2;
        GlobalBusWidth = busWidth;

        long bufferSize = (int)(P.NumBitInput * maxLayerInput);
        // RD-65: the reference sizes the training overhead before it initializes the weight-gradient unit, so the
        // unit's output precision is still 0 here.
        long arrayCells = (long)cfg.NumRowSubArray * cfg.NumColSubArray;
        // RD-02: with batchSize=1 the overhead is log2(1) = 0 bits and the reference doubles 0 forever; we start from
        // the one weight matrix of a subarray its own comment asks for (nothing changes for batchSize ≥ 2).
        long bufferOverHead = arrayCells * P.NumColPerSynapse * (long)Math.Max(1, 0 + Math.Ceiling(Math.Log2(cfg.BatchSize)));
        // RD-01: the reference divides in integers, so batchSize ≤ 16 (5-bit synapses) writes 0 arrays in parallel and
        // the weight-update latency is divided by 0; we write at least one array (the reference's count where positive).
        long writeParallel = Math.Max(1, bufferOverHead / (arrayCells * P.SynapseBit));
        Dram = new Dram(cfg.DramType);
        if (cfg.TrainingEstimation)
        {
            var big = n[maxIfmLayer];
            var memRow = (big.IfmHeight - big.KernelHeight + 1) * (big.IfmWidth - big.KernelWidth + 1);
            var memCol = big.IfmChannels * P.NumBitInput;
            WeightGradient = new WeightGradientUnit(c, P, Cell, Adc, memRow, memCol);
            // RD-04: the reference doubles an int; we double a long and stop once the count of adders would not fit an int
            // (bufferOverHeadConstraint is at most 1000, so a valid configuration ends after a few dozen doublings).
            while (bufferSize + bufferOverHead < bufferSize * (cfg.BufferOverHeadConstraint + 1))
            {
                bufferOverHead *= 2;
                writeParallel *= 2;
                if (writeParallel * arrayCells > int.MaxValue)
                    throw new ConfigException([new ConfigError("bufferOverHeadConstraint", ConfigKey.FormatValue(cfg.BufferOverHeadConstraint),
                        $"needs a weight-gradient buffer of more than {int.MaxValue} adders for this network; allowed: a smaller bufferOverHeadConstraint")]);
            }
            bufferSize += bufferOverHead;
            GradientAccumulation = new Adder(c, (int)(WeightGradient.OutPrecision + Math.Ceiling(Math.Log2(cfg.BatchSize))),
                (int)(writeParallel * arrayCells));
        }
        NumArrayWriteParallel = (int)writeParallel;
        // RD-66: the reference divides in integers (its ceil comes too late), so a chip whose largest layer input fits in less
        // than one core — inference of a small network such as the MNIST MLP — gets no global buffer: no area, and
        // every buffer latency divided by 0 cores (inf; NaN where multiplied by 0). We give such a chip one core and
        // keep the reference's count everywhere else.
        var referenceCores = bufferSize / ((long)cfg.GlobalBufferCoreSizeRow * cfg.GlobalBufferCoreSizeCol);
        ReferenceHasNoGlobalBuffer = referenceCores == 0;
        NumBufferCore = Math.Max(1, referenceCores);
        var sram = new SramGeometry(cfg.HeightInFeatureSizeSRAM, cfg.WidthInFeatureSizeSRAM, cfg.WidthAccessCMOS, cfg.WidthSRAMCellNMOS, cfg.MinSenseVoltage);
        GlobalBuffer = new DataBuffer(c, cfg.GlobalBufferCoreSizeRow * cfg.GlobalBufferCoreSizeCol, cfg.GlobalBufferCoreSizeCol, P.UnitLengthWireResistance, cfg.ClkFreq, cfg.GlobalBufferType, sram,
            "globalBufferCoreSizeRow", "globalBufferType");
        MaxPool = new MaxPooling(c, P.NumBitInput, 2 * 2, (int)fp.DesiredTileSizeCM);
        GlobalHTree = new HTree(c, fp.NumTileRow, fp.NumTileCol, cfg.GlobalBusDelayTolerance, GlobalBusWidth, P.UnitLengthWireResistance, cfg.WireWidth);

        var adcBits = P.ParallelRead ? Math.Ceiling(Math.Log2(cfg.LevelOutput)) : Math.Ceiling(Math.Log2(cfg.NumRowSubArray) + P.CellBit - 1);
        var layersPlusOne = n.Length + 1;
        if (cfg.ChipActivation)
        {
            double throughput;
            int maxAdd;
            if (cfg.NovelMapping)
            {
                throughput = (int)Math.Max(fp.DesiredTileSizeCM, sqrtPENM * fp.DesiredPESizeNM);
                maxAdd = (int)Math.Max(Math.Ceiling(fp.DesiredPESizeCM / cfg.NumRowSubArray), Math.Ceiling(fp.DesiredPESizeNM / cfg.NumRowSubArray));
                maxAdd *= (int)Math.Max(Math.Ceiling(fp.DesiredTileSizeCM / fp.DesiredPESizeCM), sqrtPENM);
                if (cfg.Pipeline)
                {
                    throughput = (int)throughput * layersPlusOne;
                    maxAdd *= layersPlusOne;
                }
            }
            else
            {
                throughput = fp.DesiredTileSizeCM;
                maxAdd = (int)Math.Ceiling(fp.DesiredPESizeCM / cfg.NumRowSubArray);
                maxAdd *= (int)Math.Ceiling(fp.DesiredTileSizeCM / fp.DesiredPESizeCM);
                if (cfg.Pipeline) maxAdd *= layersPlusOne;
            }
            // V2.1 (Chip.cpp ChipInitialize): numColPerSynapse more bits (AccumulatorExtraBits; 0 in V2.0).
            GlobalAccumulation = new AdderTree(c, (int)maxTileAdded, (int)(adcBits + P.NumBitInput + P.AccumulatorExtraBits + 1 + Math.Ceiling(Math.Log2(maxAdd))),
                (int)Math.Ceiling(throughput / cfg.NumColMuxed));
            if (cfg.ReLu) GlobalReLu = new BitShifter(c, (int)Math.Ceiling(throughput / cfg.NumColMuxed), P.NumBitInput, cfg.ClkFreq);
            else
            {
                // RD-67: Chip.cpp sizes the table with the accumulated output's bit count as its number of entries
                // (truncated to int), whatever the read mode.
                var entries = (int)(Math.Ceiling(Math.Log2(cfg.NumRowSubArray) + P.CellBit - 1) + P.NumBitInput + P.AccumulatorExtraBits + 1 + Math.Log2(maxAdd) + Math.Ceiling(Math.Log2(maxTileAdded)));
                GlobalSigmoid = Sigmoid.For(c, Cell, cfg, P.NumBitInput, entries, (int)Math.Ceiling(throughput / cfg.NumColMuxed));
            }
        }
        else
        {
            double throughput = cfg.NovelMapping ? (int)Math.Max(fp.DesiredTileSizeCM, sqrtPENM * fp.DesiredPESizeNM) : fp.DesiredTileSizeCM;
            if (cfg.NovelMapping && cfg.Pipeline) throughput = (int)throughput * layersPlusOne;
            GlobalAccumulation = new AdderTree(c, (int)maxTileAdded, P.NumBitInput, (int)Math.Ceiling(throughput / cfg.NumColMuxed));
        }
    }

    private ChipArea ComputeArea()
    {
        var cfg = P.Config;
        var fp = Floorplan;
        double area = 0, ic = 0, adc = 0, accum = 0, other = 0, array = 0;
        double nmHeight = 0, nmWidth = 0;
        if (NovelTile is { } nm)
        {
            var a = nm.Area * fp.DesiredNumTileNM;
            (area, ic, adc, accum, other, array) = (area + a.Total, ic + a.Interconnect, adc + a.Adc, accum + a.Accumulation, other + a.Other, array + a.Array);
            (nmHeight, nmWidth) = (nm.Height, nm.Width);
        }
        var cm = ConventionalTile;
        var ca = cm.Area * fp.DesiredNumTileCM;
        (area, ic, adc, accum, other, array) = (area + ca.Total, ic + ca.Interconnect, adc + ca.Adc, accum + ca.Accumulation, other + ca.Other, array + ca.Array);
        var tileHeight = Math.Max(nmHeight, cm.Height);
        var tileWidth = Math.Max(nmWidth, cm.Width);
        GlobalBufferHeight = fp.NumTileRow * tileHeight;
        var globalBufferArea = GlobalBuffer.Layout(GlobalBufferHeight, 0).Area * NumBufferCore;
        GlobalBufferWidth = globalBufferArea / GlobalBufferHeight;
        var (treeArea, treeWire) = GlobalHTree.Layout(tileHeight, tileWidth, cfg.TreeFoldedRatio);
        GlobalHTreeWireLength = treeWire;
        var pool = MaxPool.Layout(GlobalBufferWidth).Area;
        var gaccum = GlobalAccumulation.Layout(0, GlobalBufferHeight / 3).Area;
        double relu = 0, wg = 0;
        if (cfg.ChipActivation)
        {
            relu = GlobalReLu is { } r ? r.Layout(0, GlobalBufferWidth / 3).Area : GlobalSigmoid!.Layout(0, GlobalBufferWidth / 3).Area;
            area += relu;
        }
        if (cfg.TrainingEstimation)
        {
            wg = WeightGradient!.Area + GradientAccumulation!.Layout(GlobalBufferHeight).Area;
            area += wg;
        }
        area += globalBufferArea + treeArea + pool + gaccum;
        ic += treeArea;
        return new ChipArea(area, array, ic, adc, accum + gaccum, other + globalBufferArea + pool + relu, wg);
    }
}
