using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

public sealed partial class ChipDesign
{
    /// <summary>Estimates a whole epoch from its traces (main.cpp's layer loop and totals).</summary>
    /// <param name="onLayerDone">Called after each layer with its index and the time it took (for progress and benchmarks).</param>
    public EpochEstimate Estimate(EpochTrace trace, CancellationToken cancellationToken = default, Action<int, TimeSpan>? onLayerDone = null)
    {
        if (trace.Layers.Length != Network.Layers.Length)
            throw new ArgumentException($"The trace has {trace.Layers.Length} layers, the network {Network.Layers.Length}.");
        var cfg = P.Config;
        var state = new EvaluationState();
        var layers = new LayerResult[Network.Layers.Length];
        var perf = new (PerfTotals T, double WgLatency, double WgEnergy, double PeakWgLatency, double PeakWgEnergy, double DramLatency, double DramEnergy, double TileLeakage)[layers.Length];
        for (var l = 0; l < layers.Length; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var data = LayerData.From(trace.Layers[l], P);
            perf[l] = EvaluateLayer(l, data, trace.Layers[l].Activity, state);
            onLayerDone?.Invoke(l, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        var fp = Floorplan;
        var totalTiles = fp.TotalTiles;
        // Pipeline mode (main.cpp): every layer works at once, so the forward and activation-gradient clocks
        // are the slowest layer's, and a layer's tiles leak while they wait for that clock.
        var clockFW = perf.Max(p => p.T.ReadLatency);
        var clockAG = perf.Max(p => p.T.ReadLatencyAG);
        double leakagePower = 0, leakageEnergy = 0;
        for (var l = 0; l < layers.Length; l++)
        {
            var (t, wgL, wgE, pwgL, pwgE, dramL, dramE, tileLeak) = perf[l];
            var tiles = fp.Layers[l].Tiles;
            var layerLeakE = cfg.Pipeline
                ? tiles * tileLeak * ((clockFW - t.ReadLatency) + (clockAG - t.ReadLatencyAG))
                : (totalTiles - tiles) * tileLeak * (t.ReadLatency + t.ReadLatencyAG);
            leakagePower += tileLeak * tiles;
            leakageEnergy += layerLeakE;
            layers[l] = new LayerResult
            {
                Layer = l + 1,
                LatencyFW = t.ReadLatency, LatencyAG = t.ReadLatencyAG, LatencyWG = wgL, LatencyWU = t.WriteLatencyWU,
                EnergyFW = t.ReadEnergy, EnergyAG = t.ReadEnergyAG, EnergyWG = wgE, EnergyWU = t.WriteEnergyWU,
                PeakLatencyFW = t.PeakLatencyFW, PeakLatencyAG = t.PeakLatencyAG, PeakLatencyWG = pwgL, PeakLatencyWU = t.PeakLatencyWU,
                PeakEnergyFW = t.PeakEnergyFW, PeakEnergyAG = t.PeakEnergyAG, PeakEnergyWG = pwgE, PeakEnergyWU = t.PeakEnergyWU,
                LatencyADC = t.LatencyADC, LatencyAccumulation = t.LatencyAccum, LatencyArray = t.LatencyOther,
                LatencyBuffer = t.BufferLatency, LatencyInterconnect = t.IcLatency, LatencyDram = dramL,
                EnergyADC = t.EnergyADC, EnergyAccumulation = t.EnergyAccum, EnergyArray = t.EnergyOther,
                EnergyBuffer = t.BufferEnergy, EnergyInterconnect = t.IcEnergy, EnergyDram = dramE,
                TileLeakagePower = tileLeak, LeakagePower = tileLeak * tiles, LeakageEnergy = layerLeakE,
            };
        }
        var total = LayerResult.Total(layers, cfg.Pipeline, leakagePower, leakageEnergy);
        double numComputation = 0;
        foreach (var l in Network.Layers)
            numComputation += 2.0 * l.IfmHeight * l.IfmWidth * l.IfmChannels * l.KernelHeight * l.KernelWidth * l.OfmChannels;
        if (cfg.TrainingEstimation)
        {
            numComputation *= 3;   // forward, activation gradient, weight gradient
            numComputation *= (double)cfg.BatchSize * cfg.NumIteration;   // RD-03: the reference multiplies in int, which overflows
        }
        return new EpochEstimate
        {
            Area = Area, Floorplan = fp, Layers = [.. layers], Total = total,
            LeakagePower = leakagePower, LeakageEnergy = leakageEnergy, NumComputation = numComputation, Pipelined = cfg.Pipeline,
        };
    }

    /// <summary>
    /// The weight windows of a novel-mapped layer's tiles, in the reference's tile order (Chip.cpp). Tile (i, j)
    /// holds, for each of the <paramref name="numPENM"/> kernel positions k (one PE each), the input rows
    /// i·peNM … of position k and the output columns j·peNM …, up to peNM of each.
    /// </summary>
    /// <remarks>
    /// RD-69, reference defect (Chip.cpp, ReshapeArray): it copies Cin/tiles rows and Cout/tiles columns per tile but
    /// starts them at i·peNM and j·peNM and tells the tile peNM; when a layer does not split evenly into
    /// peNM-wide tiles (e.g. 768 columns over two 512-wide tiles) it reads past the copied rows (undefined
    /// behaviour: heap garbage as conductances) and skips real weights. We give each tile exactly its weights;
    /// where the split is even this is the reference's window.
    /// </remarks>
    public static IEnumerable<SubMatrix> NovelTileWindows(LayerSpec layer, int rowsPerSynapse, int colsPerSynapse, int peNM, int numPENM)
    {
        var cin = layer.IfmChannels * rowsPerSynapse;
        var cout = layer.OfmChannels * colsPerSynapse;
        var tilesRow = (int)Math.Ceiling((double)cin / peNM);
        var tilesCol = (int)Math.Ceiling((double)cout / peNM);
        for (var i = 0; i < tilesRow; i++)
            for (var j = 0; j < tilesCol; j++)
            {
                var rowsHere = Math.Min(peNM, cin - i * peNM);
                var colsHere = Math.Min(peNM, cout - j * peNM);
                var rows = new int[numPENM * rowsHere];
                for (var k = 0; k < numPENM; k++)
                    for (var r = 0; r < rowsHere; r++)
                        rows[k * rowsHere + r] = i * peNM + k * cin + r;
                yield return new SubMatrix(rows, j * peNM, colsHere);
            }
    }

    /// <summary>
    /// Whether the reference reads this novel-mapped layer's weights through the defective windows (RD-69) described
    /// at <see cref="NovelTileWindows"/> (some tile's copied window differs from its true window): its
    /// trace-driven numbers for the layer (every read for eNVM; the weight update for SRAM, whose reads do not
    /// depend on the weights) then come from garbage and cannot be reproduced.
    /// </summary>
    public static bool ReferenceMisreadsNovelTiles(LayerSpec layer, int rowsPerSynapse, int colsPerSynapse, int peNM)
    {
        var cin = layer.IfmChannels * rowsPerSynapse;
        var cout = layer.OfmChannels * colsPerSynapse;
        var tilesRow = (int)Math.Ceiling((double)cin / peNM);
        var tilesCol = (int)Math.Ceiling((double)cout / peNM);
        // RD-69: the reference copies cin/tilesRow rows and cout/tilesCol columns for every tile.
        for (var i = 0; i < tilesRow; i++)
            if (Math.Min(peNM, cin - i * peNM) != cin / tilesRow) return true;
        for (var j = 0; j < tilesCol; j++)
            if (Math.Min(peNM, cout - j * peNM) != cout / tilesCol) return true;
        return false;
    }

    /// <summary>
    /// Sequential read of eNVM arrays without a 1T1R transistor, in training: the reference's word-line driver adds
    /// every call's write delay to the last one's (DecoderDriver::CalculateLatency never resets it), so its
    /// weight-update latency comes out infinite (RD-42); ours is one delay per write.
    /// </summary>
    public bool ReferenceWriteLatencyRunsAway =>
        !P.ParallelRead && P.Config.MemCellType != MemCellType.Sram && P.Config.AccessType != CellAccessType.Cmos && P.Config.TrainingEstimation;

    /// <summary>
    /// Training estimate whose weight-gradient unit the reference sizes with no row of WG subarrays (the largest
    /// input has fewer positions than numRowSubArrayWG, e.g. every layer fully connected): its accumulation tree gets
    /// log2(0) stages and the reference never finishes (RD-73); ours counts one working array.
    /// </summary>
    public bool ReferenceWeightGradientNeverFinishes => WeightGradient is { NumArrayInRow: 0 };

    /// <summary>Layers (0-based) where <see cref="ReferenceMisreadsNovelTiles"/> holds in this design.</summary>
    public IReadOnlyList<int> LayersTheReferenceMisreads() =>
        Enumerable.Range(0, Network.Layers.Length)
            .Where(l => Floorplan.Layers[l].NovelMapped
                && ReferenceMisreadsNovelTiles(Network.Layers[l], P.NumRowPerSynapse, P.NumColPerSynapse, (int)Floorplan.DesiredPESizeNM))
            .ToList();

    private (PerfTotals T, double WgLatency, double WgEnergy, double PeakWgLatency, double PeakWgEnergy, double DramLatency, double DramEnergy, double TileLeakage)
        EvaluateLayer(int l, LayerData data, double activity, EvaluationState state)
    {
        var cfg = P.Config;
        var training = cfg.TrainingEstimation;
        var fp = Floorplan;
        var lf = fp.Layers[l];
        var ns = Network.Layers[l];
        int nRPS = P.NumRowPerSynapse, nCPS = P.NumColPerSynapse;
        var bits = P.NumBitInput;
        var wmr = ns.IfmChannels * ns.KernelHeight * ns.KernelWidth * nRPS;
        var wmc = ns.OfmChannels * nCPS;
        var numInVector = (int)((double)(ns.IfmHeight - ns.KernelHeight + 1) / ns.Stride * (ns.IfmWidth - ns.KernelWidth + 1) / ns.Stride);
        var totalNumTile = (int)fp.TotalTiles;
        var t = new PerfTotals();
        double tileLeakage = 0;
        var whole = SubMatrix.Whole(data.Rows, data.Cols);
        double tileHeight, tileWidth;
        if (!lf.NovelMapped)
        {
            var tileCM = fp.DesiredTileSizeCM;
            var tilesRow = (int)Math.Ceiling((double)ns.IfmChannels * ns.KernelHeight * ns.KernelWidth * nRPS / tileCM);
            var tilesCol = (int)Math.Ceiling((double)ns.OfmChannels * nCPS / tileCM);
            for (var i = 0; i < tilesRow; i++)
                for (var j = 0; j < tilesCol; j++)
                {
                    var nr = (int)Math.Min(tileCM, wmr - i * tileCM);
                    var nc = (int)Math.Min(tileCM, wmc - j * tileCM);
                    var tile = ConventionalTile.Performance(data, whole.Slice((int)(i * tileCM), nr, (int)(j * tileCM), nc), Cell,
                        (int)lf.SpeedUpRow, (int)lf.SpeedUpCol, numInVector * bits, state);
                    tileLeakage = tile.Leakage;
                    t.MergeParallel(tile, training);
                }
            (tileHeight, tileWidth) = (ConventionalTile.Height, ConventionalTile.Width);
        }
        else
        {
            var peNM = fp.DesiredPESizeNM;
            var numPENM = fp.NumPENM;
            foreach (var sized in NovelTileWindows(ns, nRPS, nCPS, (int)peNM, (int)numPENM))
            {
                var tile = NovelTile!.Performance(data, sized, Cell, (int)lf.SpeedUpRow, (int)lf.SpeedUpCol, numInVector * bits, state);
                tileLeakage = tile.Leakage;
                t.MergeParallel(tile, training);
            }
            (tileHeight, tileWidth) = (NovelTile!.Height, NovelTile.Width);
        }

        var twice = training ? 2 : 1;
        if (cfg.ChipActivation)
        {
            double lat, e;
            if (GlobalReLu is { } relu)
            {
                var reads = Math.Ceiling(numInVector * ns.OfmChannels / (double)relu.NumUnit);
                (lat, e) = (relu.ReadLatency(reads), relu.ReadEnergy(reads));
            }
            else
            {
                // RD-68: Chip.cpp divides by the table's entry count here, not by the number of tables.
                var sigmoid = GlobalSigmoid!;
                var reads = Math.Ceiling(numInVector * ns.OfmChannels / (double)sigmoid.NumEntry);
                (lat, e) = (sigmoid.ReadLatency(reads), sigmoid.ReadEnergy(reads));
            }
            t.AddForwardOther(lat, e);
        }
        if (lf.NumTileRow > 1)
        {
            var reads = lf.NumTileCol * ns.OfmChannels * Math.Ceiling(numInVector / (double)GlobalAccumulation.NumAdderTree);
            var lat = GlobalAccumulation.ReadLatency(reads, (int)lf.NumTileRow, 0);
            var e = GlobalAccumulation.ReadEnergy(reads, (int)lf.NumTileRow);
            t.ReadLatency += lat;
            t.ReadEnergy += e;
            t.PeakLatencyFW += lat;
            t.PeakEnergyFW += e;
            if (training)
            {
                t.ReadLatencyAG += lat;
                t.ReadEnergyAG += e;
                t.PeakLatencyAG += lat;
                t.PeakEnergyAG += e;
            }
            t.LatencyAccum += lat * twice;
            t.EnergyAccum += e * twice;
        }
        if (ns.FollowedByMaxPool)
        {
            double latReads, energyReads;
            if (!lf.NovelMapped)
            {
                latReads = Math.Ceiling(numInVector / (double)MaxPool.Window / fp.DesiredTileSizeCM);
                energyReads = Math.Ceiling((double)(numInVector / MaxPool.Window) / fp.DesiredTileSizeCM);
            }
            else
            {
                latReads = Math.Ceiling(numInVector / (double)MaxPool.Window / fp.DesiredPESizeNM * Math.Sqrt(fp.NumPENM));
                energyReads = Math.Ceiling((double)(numInVector / MaxPool.Window) / fp.DesiredPESizeNM * Math.Sqrt(fp.NumPENM));
            }
            var lat = MaxPool.ReadLatency(1e20, 0, latReads);
            var e = MaxPool.ReadEnergy(energyReads);
            t.AddForwardOther(lat, e);
        }
        double numBitToLoadOut = lf.NovelMapped ? wmr * bits * numInVector / (double)ns.KernelHeight : (double)(wmr * bits * numInVector);
        var numBitToLoadIn = Math.Ceiling((double)(wmc / nCPS)) * bits * numInVector / (ns.FollowedByMaxPool ? 4 : 1);
        var share = Math.Ceiling(GlobalHTree.BusWidth * (lf.Tiles / totalNumTile));
        var traffic = Math.Ceiling((numBitToLoadOut + numBitToLoadIn) / share);
        var (treeLat, _) = GlobalHTree.ReadLatency(0, 0, (int)lf.TileLocationRow, (int)lf.TileLocationCol, tileHeight, tileWidth, traffic, HTree.Route.Start);
        var treeE = GlobalHTree.ReadEnergy(0, 0, (int)lf.TileLocationRow, (int)lf.TileLocationCol, tileHeight, tileWidth, share, traffic, HTree.Route.Start);
        var iw = GlobalBuffer.InterfaceWidth;
        var gbLat = GlobalBuffer.Latency(numBitToLoadOut / iw, numBitToLoadIn / iw);
        var gbE = GlobalBuffer.Energy(iw, numBitToLoadOut / iw, iw, numBitToLoadIn / iw);
        var banks = Math.Min(NumBufferCore, Math.Ceiling(GlobalBusWidth / iw));
        var spread = Math.Ceiling(totalNumTile / lf.Tiles);
        var gbRead = gbLat.Read / banks * spread;
        var gbWrite = gbLat.Write / banks * spread;

        var six = training ? 6 : 1;
        var ag2 = training ? 2 : 0;
        var ag1 = training ? 1 : 0;
        t.BufferLatency += (gbRead + gbWrite) * six;
        t.BufferEnergy += (gbE.Read + gbE.Write) * six;
        t.IcLatency += treeLat * twice;
        t.IcEnergy += treeE * twice;
        t.ReadLatency += (gbRead + gbWrite) * twice;
        t.ReadEnergy += (gbE.Read + gbE.Write) * twice;
        t.ReadLatency += treeLat;
        t.ReadEnergy += treeE;
        t.ReadLatencyAG += (gbRead + gbWrite) * ag2;
        t.ReadEnergyAG += (gbE.Read + gbE.Write) * ag2;
        t.ReadLatencyAG += treeLat * ag1;
        t.ReadEnergyAG += treeE * ag1;
        var wgLatency = (gbRead + gbWrite) * ag2;
        var wgEnergy = (gbE.Read + gbE.Write) * ag2;
        var first = Network.Layers[0];
        var dataLoadIn = first.IfmHeight * first.IfmWidth * bits;
        var dramLatency = Dram.ReadLatency(dataLoadIn) * (training ? 0 : 1);
        var dramEnergy = Dram.ReadEnergy(dataLoadIn) * (training ? 0 : 1);
        t.ReadLatency += dramLatency;
        t.ReadEnergy += dramEnergy;
        double peakWgLatency = 0, peakWgEnergy = 0;
        if (training)
        {
            var wg = WeightGradient!;
            var loadIn = ns.IfmHeight * ns.IfmWidth * bits;
            var loadWeight = (int)((double)ns.IfmChannels * ns.KernelHeight * ns.KernelWidth * ns.OfmChannels * wg.OutPrecision);
            var dIn = Dram.ReadLatency(loadIn);
            var dInE = Dram.ReadEnergy(loadIn);
            t.ReadLatency += dIn * 2;
            t.ReadEnergy += dInE * 2;
            t.ReadLatencyAG += dIn * 2;
            t.ReadEnergyAG += dInE * 2;
            wgLatency += dIn * 2;
            wgEnergy += dInE * 2;
            dramLatency = dIn * 6;   // 2 forward, 2 activation gradient, 2 weight gradient
            dramEnergy = dInE * 6;
            var batch = cfg.BatchSize;
            t.ReadLatency *= batch;
            t.ReadEnergy *= batch;
            t.ReadLatencyAG *= batch;
            t.ReadEnergyAG *= batch;
            t.PeakLatencyFW *= batch;
            t.PeakEnergyFW *= batch;
            t.PeakLatencyAG *= batch;
            t.PeakEnergyAG *= batch;
            t.IcLatency *= batch;
            t.IcEnergy *= batch;
            t.LatencyADC *= batch;
            t.EnergyADC *= batch;
            t.LatencyAccum *= batch;
            t.EnergyAccum *= batch;
            var dW = Dram.ReadLatency(loadWeight);
            var dWE = Dram.ReadEnergy(loadWeight);
            var gbW = GlobalBuffer.Latency(loadWeight / iw, loadWeight / iw);
            var gbWE = GlobalBuffer.Energy(iw, loadWeight / iw, iw, loadWeight / iw);
            var gbWRead = gbW.Read / banks;
            var gbWWrite = gbW.Write / banks;
            var wgr = wg.Evaluate(ns.OfmChannels, activity);
            double thisRow = (ns.IfmHeight - ns.KernelHeight + 1) * (ns.IfmWidth - ns.KernelWidth + 1);
            double thisCol = ns.IfmChannels * bits;
            var needRow = Math.Ceiling(thisRow / cfg.NumRowSubArrayWG) == 0 ? 1 : Math.Ceiling(thisRow / cfg.NumRowSubArrayWG);
            var needCol = Math.Ceiling(thisCol / cfg.NumColSubArrayWG) == 0 ? 1 : Math.Ceiling(thisCol / cfg.NumColSubArrayWG);
            double speedRow, speedCol;
            if (thisRow != 1)
            {
                speedRow = Math.Floor(wg.WorkingArrayInRow / needRow) == 0 ? 1 : Math.Floor(wg.WorkingArrayInRow / needRow);
                speedCol = Math.Floor(wg.WorkingArrayInCol / needCol) == 0 ? 1 : Math.Floor(wg.WorkingArrayInCol / needCol);
            }
            else
            {
                speedRow = wg.WorkingArrayInRow;
                speedCol = Math.Floor(thisCol / cfg.NumColSubArrayWG) == 0 ? 1 : Math.Floor(thisCol / cfg.NumColSubArrayWG);
            }
            var usedArray = thisRow * thisCol / ((double)wg.WorkingArrayInRow * wg.WorkingArrayInCol * cfg.NumRowSubArrayWG * cfg.NumColSubArrayWG);
            var kernel = (double)(ns.KernelHeight * ns.KernelWidth);
            peakWgLatency = (wgr.ReadLatency / (speedRow * speedCol) + wgr.WriteLatency) * kernel;
            peakWgEnergy = (wgr.ReadEnergyPeak + wgr.WriteEnergyPeak) * usedArray * kernel;
            wgLatency += peakWgLatency;
            wgEnergy += peakWgEnergy;
            // RD-70: the reference's model charges the WG DRAM and buffer traffic twice (out to DRAM, read back before the update).
            for (var rep = 0; rep < 2; rep++)   // the reference counts this traffic twice
            {
                wgLatency += dW + (gbWRead + gbWWrite);
                wgEnergy += dWE + (gbWE.Read + gbWE.Write);
                t.BufferLatency += gbWRead + gbWWrite;
                t.BufferEnergy += gbWE.Read + gbWE.Write;
                dramLatency += dW;
                dramEnergy += dWE;
            }
            var weights = (double)ns.IfmChannels * ns.KernelHeight * ns.KernelWidth * ns.OfmChannels;
            var accum = GradientAccumulation!;
            var accumReads = Math.Ceiling(weights / accum.NumAdder);
            var accumLat = accum.ReadLatency(1e20, 0, accumReads).Delay;
            var accumE = accum.ReadEnergy(accumReads, (int)Math.Min(weights, accum.NumAdder));
            wgLatency += accumLat;
            wgEnergy += accumE;
            peakWgLatency += accumLat;
            peakWgEnergy += accumE;
            wgLatency *= batch;
            wgEnergy *= batch;
            peakWgLatency *= batch;
            peakWgEnergy *= batch;
            t.BufferLatency *= batch;
            t.BufferEnergy *= batch;
            t.LatencyOther *= batch;
            t.EnergyOther *= batch;
            dramLatency *= batch;
            dramEnergy *= batch;
            t.PeakLatencyWU /= NumArrayWriteParallel;
            t.WriteLatencyWU /= NumArrayWriteParallel;
            double it = cfg.NumIteration;
            t.ReadLatency *= it; t.ReadEnergy *= it; t.ReadLatencyAG *= it; t.ReadEnergyAG *= it;
            wgLatency *= it; wgEnergy *= it; t.WriteLatencyWU *= it; t.WriteEnergyWU *= it;
            t.PeakLatencyFW *= it; t.PeakEnergyFW *= it; t.PeakLatencyAG *= it; t.PeakEnergyAG *= it;
            peakWgLatency *= it; peakWgEnergy *= it; t.PeakLatencyWU *= it; t.PeakEnergyWU *= it;
            t.BufferLatency *= it; t.BufferEnergy *= it; t.IcLatency *= it; t.IcEnergy *= it;
            t.LatencyADC *= it; t.EnergyADC *= it; t.LatencyAccum *= it; t.EnergyAccum *= it;
            t.LatencyOther *= it; t.EnergyOther *= it; dramLatency *= it; dramEnergy *= it;
        }
        return (t, wgLatency, wgEnergy, peakWgLatency, peakWgEnergy, dramLatency, dramEnergy, tileLeakage);
    }
}
