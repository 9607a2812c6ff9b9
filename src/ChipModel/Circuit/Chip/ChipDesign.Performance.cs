using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Tile;
using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

public sealed partial class ChipDesign
{
    /// <summary>Estimates a whole epoch from its traces (main.cpp's layer loop and totals).</summary>
    /// <param name="onLayerDone">Called after each layer with its index and the time it took (for progress and benchmarks).</param>
    /// <param name="sharedReads">The epoch's reads shared with other chips of a sweep (planned and computed; see <see cref="PlanReads"/>),
    /// or null to compute every read here. The numbers are the same either way.</param>
    /// <param name="timings">Where the estimate's time goes, by phase (null: not measured).</param>
    public EpochEstimate Estimate(EpochTrace trace, CancellationToken cancellationToken = default, Action<int, TimeSpan>? onLayerDone = null,
        ArrayReads? sharedReads = null, EstimateTimings? timings = null) =>
        EstimateLayers(trace, sharedReads, timings, planOnly: false, cancellationToken, onLayerDone);

    /// <summary>
    /// Records in <paramref name="sharedReads"/> every subarray window this chip reads for the epoch and the sense amps it
    /// converts them with, computing nothing else of weight: the first step of a sweep's shared work (then
    /// <see cref="ArrayReads.Compute"/>, then <see cref="Estimate"/> with the reads).
    /// </summary>
    public void PlanReads(EpochTrace trace, ArrayReads sharedReads, CancellationToken cancellationToken = default) =>
        _ = EstimateLayers(trace, sharedReads, null, planOnly: true, cancellationToken, null);

    private EpochEstimate EstimateLayers(EpochTrace trace, ArrayReads? sharedReads, EstimateTimings? timings, bool planOnly, CancellationToken cancellationToken,
        Action<int, TimeSpan>? onLayerDone)
    {
        if (trace.Layers.Length != Network.Layers.Length)
            throw new ArgumentException($"The trace has {trace.Layers.Length} layers, the network {Network.Layers.Length}.");
        var cfg = P.Config;
        // RD-60: what the reference's long-lived units carry from one layer to the next, for this estimate only.
        var state = new EvaluationState();
        var perf = new LayerPerformance[Network.Layers.Length];
        for (var l = 0; l < perf.Length; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var data = LayerData.From(trace.Layers[l], P, sharedReads, timings, planOnly, l);
            perf[l] = EvaluateLayer(l, data, trace.Layers[l].Activity, state);
            onLayerDone?.Invoke(l, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        var fp = Floorplan;
        var totalTiles = fp.TotalTiles;
        // Pipeline mode (main.cpp): every layer works at once, so the forward and activation-gradient clocks
        // are the slowest layer's, and a layer's tiles leak while they wait for that clock.
        var clockFW = perf.Max(p => p.Phases.Forward.Latency);
        var clockAG = perf.Max(p => p.Phases.ActivationGradient.Latency);
        var layers = new LayerResult[perf.Length];
        double leakagePower = 0, leakageEnergy = 0;
        for (var l = 0; l < layers.Length; l++)
        {
            var (forward, activationGradient) = (perf[l].Phases.Forward.Latency, perf[l].Phases.ActivationGradient.Latency);
            var tiles = fp.Layers[l].Tiles;
            var tileLeakage = perf[l].TileLeakage;
            // Layer by layer, the other layers' tiles leak while this one reads (main.cpp).
            var layerLeakageEnergy = cfg.Pipeline
                ? tiles * tileLeakage * ((clockFW - forward) + (clockAG - activationGradient))
                : (totalTiles - tiles) * tileLeakage * (forward + activationGradient);
            leakagePower += tileLeakage * tiles;
            leakageEnergy += layerLeakageEnergy;
            layers[l] = perf[l].ToResult(l + 1, tiles, layerLeakageEnergy);
        }
        var total = LayerResult.Total(layers, cfg.Pipeline, leakagePower, leakageEnergy);
        double numComputation = 0;
        foreach (var l in Network.Layers)
            numComputation += 2.0 * l.IfmHeight * l.IfmWidth * l.IfmChannels * l.KernelHeight * l.KernelWidth * l.OfmChannels;
        if (cfg.TrainingEstimation)
        {
            numComputation *= 3;   // forward, activation gradient, weight gradient
            if (P.V21)
            {
                // V2.1 (main.cpp): the first layer has no activation gradient, so its share is counted twice, not three times.
                var first = Network.Layers[0];
                numComputation -= 2.0 * first.IfmHeight * first.IfmWidth * first.IfmChannels * first.KernelHeight * first.KernelWidth * first.OfmChannels;
            }
            numComputation *= (double)cfg.BatchSize * cfg.NumIteration;   // RD-03: the reference multiplies in int, which overflows
        }
        return new EpochEstimate
        {
            Area = Area, Floorplan = fp, Layers = [.. layers], Total = total,
            LeakagePower = leakagePower, LeakageEnergy = leakageEnergy, NumComputation = numComputation, Pipelined = cfg.Pipeline,
        };
    }

    /// <summary>
    /// One layer's figures for the epoch (Chip.cpp, ChipCalculatePerformance): its tiles side by side, the chip's own
    /// units on its outputs, its traffic through the global buffer and H-tree and from DRAM, and in training the
    /// weight gradient and the scaling to a batch and an epoch.
    /// </summary>
    private LayerPerformance EvaluateLayer(int l, LayerData data, double activity, EvaluationState state)
    {
        var layer = Network.Layers[l];
        var place = Floorplan.Layers[l];
        // The kernel's positions over the input (Chip.cpp's numInVector): ((H - k + 1) / stride)((W - k + 1) / stride).
        var positions = (int)((double)(layer.IfmHeight - layer.KernelHeight + 1) / layer.Stride * (layer.IfmWidth - layer.KernelWidth + 1) / layer.Stride);
        var perf = LayerTiles(layer, place, data, positions, state);
        perf = PlusChipUnits(perf, layer, place, positions, P.HasActivationGradient(l));
        perf = PlusGlobalTraffic(perf, layer, place, positions, l);
        perf = PlusDram(perf, layer, l);
        if (P.Config.TrainingEstimation)
        {
            var started = data.Timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            perf = PlusWeightGradient(perf, layer, activity);
            data.Timings?.Add(EstimatePhase.WeightGradient, started);
            perf = ForEpoch(perf);
        }
        return new LayerPerformance(perf.Phases, perf.Peak, perf.Breakdown, TileLeakage: perf.Leakage);
    }

    /// <summary>The layer's tiles working side by side (the merged <see cref="UnitPerformance.Leakage"/> is one tile's).</summary>
    private UnitPerformance LayerTiles(LayerSpec layer, LayerFloorplan place, LayerData data, int positions, EvaluationState state)
    {
        var training = P.Config.TrainingEstimation;
        var (tile, windows) = place.NovelMapped
            ? (NovelTile!, NovelTileWindows(layer, P.NumRowPerSynapse, P.NumColPerSynapse, (int)Floorplan.DesiredPESizeNM, (int)Floorplan.NumPENM))
            : (ConventionalTile, ConventionalTileWindows(layer, data));
        var perf = default(UnitPerformance);
        foreach (var window in windows)
        {
            var one = tile.Performance(data, window, Cell, (int)place.SpeedUpRow, (int)place.SpeedUpCol, positions * P.NumBitInput, state);
            perf = perf.InParallelWith(one, training);
        }
        return perf;
    }

    /// <summary>
    /// The weight windows of a conventionally mapped layer's tiles (Chip.cpp): tile (i, j) holds rows i·size … and
    /// columns j·size … of the weight matrix, up to the tile size of each.
    /// </summary>
    private IEnumerable<SubMatrix> ConventionalTileWindows(LayerSpec layer, LayerData data)
    {
        var tileSize = Floorplan.DesiredTileSizeCM;
        var weightRows = layer.IfmChannels * layer.KernelHeight * layer.KernelWidth * P.NumRowPerSynapse;
        var weightCols = layer.OfmChannels * P.NumColPerSynapse;
        var whole = SubMatrix.Whole(data.Rows, data.Cols);
        var tilesRow = (int)Math.Ceiling((double)layer.IfmChannels * layer.KernelHeight * layer.KernelWidth * P.NumRowPerSynapse / tileSize);
        var tilesCol = (int)Math.Ceiling((double)layer.OfmChannels * P.NumColPerSynapse / tileSize);
        for (var i = 0; i < tilesRow; i++)
            for (var j = 0; j < tilesCol; j++)
            {
                var rows = (int)Math.Min(tileSize, weightRows - i * tileSize);
                var cols = (int)Math.Min(tileSize, weightCols - j * tileSize);
                yield return whole.Slice((int)(i * tileSize), rows, (int)(j * tileSize), cols);
            }
    }

    /// <summary>
    /// The chip's units on the layer's outputs, in the forward phase (Chip.cpp): the activation when it is the
    /// chip's, the accumulation of the partial sums of the layer's tile rows, and max pooling.
    /// </summary>
    /// <param name="activationGradient">Whether the layer has an activation-gradient phase (<see cref="ChipParameters.HasActivationGradient"/>).</param>
    private UnitPerformance PlusChipUnits(UnitPerformance perf, LayerSpec layer, LayerFloorplan place, int positions, bool activationGradient)
    {
        var fp = Floorplan;
        if (P.Config.ChipActivation)
        {
            if (GlobalReLu is { } relu)
            {
                var reads = Math.Ceiling(positions * layer.OfmChannels / (double)relu.NumUnit);
                perf = perf.PlusForwardOther(new Cost(relu.ReadLatency(reads), relu.ReadEnergy(reads)));
            }
            else
            {
                // RD-68: Chip.cpp divides by the table's entry count here, not by the number of tables.
                var sigmoid = GlobalSigmoid!;
                var reads = Math.Ceiling(positions * layer.OfmChannels / (double)sigmoid.NumEntry);
                perf = perf.PlusForwardOther(new Cost(sigmoid.ReadLatency(reads), sigmoid.ReadEnergy(reads)));
            }
        }
        if (place.NumTileRow > 1)
        {
            // The layer's rows are split over tile rows: their partial sums are added at chip level, in the forward
            // and the activation-gradient phases.
            var reads = place.NumTileCol * layer.OfmChannels * Math.Ceiling(positions / (double)GlobalAccumulation.NumAdderTree);
            var tileRows = (int)place.NumTileRow;
            var accumulation = new Cost(GlobalAccumulation.ReadLatency(reads, tileRows, 0), GlobalAccumulation.ReadEnergy(reads, tileRows));
            perf = perf.PlusAccumulation(accumulation, activationGradient);
        }
        if (layer.FollowedByMaxPool)
        {
            // Pooling windows per tile (conventional) or per PE row of a novel tile; the energy's count divides the
            // positions by the window in integers first (Chip.cpp).
            double latencyReads, energyReads;
            if (!place.NovelMapped)
            {
                latencyReads = Math.Ceiling(positions / (double)MaxPool.Window / fp.DesiredTileSizeCM);
                energyReads = Math.Ceiling((double)(positions / MaxPool.Window) / fp.DesiredTileSizeCM);
            }
            else
            {
                latencyReads = Math.Ceiling(positions / (double)MaxPool.Window / fp.DesiredPESizeNM * Math.Sqrt(fp.NumPENM));
                energyReads = Math.Ceiling((double)(positions / MaxPool.Window) / fp.DesiredPESizeNM * Math.Sqrt(fp.NumPENM));
            }
            perf = perf.PlusForwardOther(new Cost(MaxPool.ReadLatency(1e20, 0, latencyReads), MaxPool.ReadEnergy(energyReads)));
        }
        return perf;
    }

    /// <summary>
    /// The layer's inputs out of the global buffer to its tiles and its outputs back, over the chip's H-tree
    /// (Chip.cpp), in every phase that moves them.
    /// </summary>
    private UnitPerformance PlusGlobalTraffic(UnitPerformance perf, LayerSpec layer, LayerFloorplan place, int positions, int layerIndex)
    {
        var training = P.Config.TrainingEstimation;
        var activationGradient = P.HasActivationGradient(layerIndex);
        var bits = P.NumBitInput;
        var totalTiles = (int)Floorplan.TotalTiles;
        var weightRows = layer.IfmChannels * layer.KernelHeight * layer.KernelWidth * P.NumRowPerSynapse;
        var weightCols = layer.OfmChannels * P.NumColPerSynapse;
        // The layer's input bits to the tiles (novel mapping: Chip.cpp divides them by the kernel height) and its
        // output bits back, a quarter of them after 2x2 max pooling.
        double inputBits = place.NovelMapped ? weightRows * bits * positions / (double)layer.KernelHeight : (double)(weightRows * bits * positions);
        var outputBits = Math.Ceiling((double)(weightCols / P.NumColPerSynapse)) * bits * positions / (layer.FollowedByMaxPool ? 4 : 1);
        // The layer's tiles get their share of the H-tree's bus, and the global buffer serves them that share of the time.
        var busShare = Math.Ceiling(GlobalHTree.BusWidth * (place.Tiles / totalTiles));
        var transfers = Math.Ceiling((inputBits + outputBits) / busShare);
        var tile = place.NovelMapped ? NovelTile! : ConventionalTile;
        var (row, col) = ((int)place.TileLocationRow, (int)place.TileLocationCol);
        var (treeLatency, _) = GlobalHTree.ReadLatency(0, 0, row, col, tile.Height, tile.Width, transfers, HTree.Route.Start);
        var tree = new Cost(treeLatency, GlobalHTree.ReadEnergy(0, 0, row, col, tile.Height, tile.Width, busShare, transfers, HTree.Route.Start));
        var interfaceWidth = GlobalBuffer.InterfaceWidth;
        var buffer = GlobalBufferTraffic(inputBits / interfaceWidth, outputBits / interfaceWidth, timeShare: Math.Ceiling(totalTiles / place.Tiles));

        // Passes through the global buffer (Chip.cpp): in training the data goes up and down in each of the forward,
        // activation-gradient and weight-gradient phases (2 + 2 + 2), in inference once; through the H-tree once in
        // each of the forward and activation-gradient phases.
        // RD-101 (V2.1): no activation-gradient passes for the first layer (its buffer part 4 passes, its H-tree part 1).
        var forwardBufferPasses = training ? 2 : 1;
        var weightGradientBufferPasses = training ? 2 : 0;
        var gradientBufferPasses = activationGradient ? 2 : 0;
        var gradientTreePasses = activationGradient ? 1 : 0;
        var phases = perf.Phases;
        return perf with
        {
            Phases = phases with
            {
                Forward = phases.Forward + buffer * forwardBufferPasses + tree,
                ActivationGradient = phases.ActivationGradient + buffer * gradientBufferPasses + tree * gradientTreePasses,
                WeightGradient = buffer * weightGradientBufferPasses,
            },
            Breakdown = perf.Breakdown with
            {
                Buffer = perf.Breakdown.Buffer + buffer * (forwardBufferPasses + gradientBufferPasses + weightGradientBufferPasses),
                Interconnect = perf.Breakdown.Interconnect + tree * (1 + gradientTreePasses),
            },
        };
    }

    /// <summary>
    /// Global-buffer traffic of <paramref name="reads"/> reads and <paramref name="writes"/> writes of its interface
    /// width, on as many buffer cores at once as the global bus feeds (Chip.cpp), taking <paramref name="timeShare"/>
    /// times as long when the layer has only its share of the bus.
    /// </summary>
    private Cost GlobalBufferTraffic(double reads, double writes, double timeShare = 1)
    {
        var interfaceWidth = GlobalBuffer.InterfaceWidth;
        var latency = GlobalBuffer.Latency(reads, writes);
        var energy = GlobalBuffer.Energy(interfaceWidth, reads, interfaceWidth, writes);
        var cores = Math.Min(NumBufferCore, Math.Ceiling(GlobalBusWidth / interfaceWidth));
        return new Cost(latency.Read / cores * timeShare + latency.Write / cores * timeShare, energy.Read + energy.Write);
    }

    /// <summary>
    /// DRAM (Chip.cpp). Inference loads the network's input image for every layer. Training instead sends each
    /// layer's input activations and their gradients to DRAM and back: loads in the forward, activation-gradient and
    /// weight-gradient phases (2 each).
    /// </summary>
    private UnitPerformance PlusDram(UnitPerformance perf, LayerSpec layer, int layerIndex)
    {
        var bits = P.NumBitInput;
        var phases = perf.Phases;
        if (!P.Config.TrainingEstimation)
        {
            var first = Network.Layers[0];
            var imageBits = first.IfmHeight * first.IfmWidth * bits;
            var image = new Cost(Dram.ReadLatency(imageBits), Dram.ReadEnergy(imageBits));
            return perf with { Phases = phases with { Forward = phases.Forward + image }, Breakdown = perf.Breakdown with { Dram = image } };
        }
        var activationBits = layer.IfmHeight * layer.IfmWidth * bits;
        var activations = new Cost(Dram.ReadLatency(activationBits), Dram.ReadEnergy(activationBits));
        var activationGradient = P.HasActivationGradient(layerIndex);
        // RD-102 (V2.1 defect, kept): V2.1's breakdown multiplies the transfers by 6 again, and by 4 for the first layer
        // (Chip.cpp: "× 6 × (layer ≠ 0 ? 6 : 4)"), where its comment and V2.0 say 6; only the breakdown's DRAM figures change.
        var breakdownDram = P.V21 ? activations * 6 * (layerIndex != 0 ? 6 : 4) : activations * 6;
        return perf with
        {
            Phases = phases with
            {
                Forward = phases.Forward + activations * 2,
                ActivationGradient = activationGradient ? phases.ActivationGradient + activations * 2 : phases.ActivationGradient,
                WeightGradient = phases.WeightGradient + activations * 2,
            },
            Breakdown = perf.Breakdown with { Dram = breakdownDram },
        };
    }

    /// <summary>
    /// Training: the weight-gradient unit's work for one image (its peak), the gradients out to DRAM and back, and
    /// their accumulation over the batch (Chip.cpp).
    /// </summary>
    private UnitPerformance PlusWeightGradient(UnitPerformance perf, LayerSpec layer, double activity)
    {
        var wg = WeightGradient!;
        var gradientBits = (int)((double)layer.IfmChannels * layer.KernelHeight * layer.KernelWidth * layer.OfmChannels * wg.OutPrecision);
        var gradientDram = new Cost(Dram.ReadLatency(gradientBits), Dram.ReadEnergy(gradientBits));
        var interfaceWidth = GlobalBuffer.InterfaceWidth;
        var gradientBuffer = GlobalBufferTraffic(gradientBits / interfaceWidth, gradientBits / interfaceWidth);   // integer division, as the reference
        var compute = WeightGradientCompute(layer, activity);
        var weights = (double)layer.IfmChannels * layer.KernelHeight * layer.KernelWidth * layer.OfmChannels;
        var adders = GradientAccumulation!;
        var accumulationReads = Math.Ceiling(weights / adders.NumAdder);
        var accumulation = new Cost(adders.ReadLatency(1e20, 0, accumulationReads).Delay,
            adders.ReadEnergy(accumulationReads, (int)Math.Min(weights, adders.NumAdder)));

        var weightGradient = perf.Phases.WeightGradient + compute;
        var buffer = perf.Breakdown.Buffer;
        var dram = perf.Breakdown.Dram;
        // RD-70: the reference's model charges the WG DRAM and buffer traffic twice (out to DRAM, read back before the update).
        for (var transfer = 0; transfer < 2; transfer++)
        {
            weightGradient += gradientDram + gradientBuffer;
            buffer += gradientBuffer;
            dram += gradientDram;
        }
        weightGradient += accumulation;
        return perf with
        {
            Phases = perf.Phases with { WeightGradient = weightGradient },
            Peak = perf.Peak with { WeightGradient = compute + accumulation },
            Breakdown = perf.Breakdown with { Buffer = buffer, Dram = dram },
        };
    }

    /// <summary>
    /// The weight-gradient unit computing one image's gradient for the layer (Chip.cpp): activations (one row per input
    /// position, input channels x bits as columns) times the errors of each output channel, once per kernel position,
    /// sped up by the arrays that can work at once.
    /// </summary>
    private Cost WeightGradientCompute(LayerSpec layer, double activity)
    {
        var cfg = P.Config;
        var wg = WeightGradient!;
        var result = wg.Evaluate(layer.OfmChannels, activity);
        double matrixRows = (layer.IfmHeight - layer.KernelHeight + 1) * (layer.IfmWidth - layer.KernelWidth + 1);
        double matrixCols = layer.IfmChannels * P.NumBitInput;
        static double AtLeastOne(double x) => x == 0 ? 1 : x;
        var arraysNeededRow = AtLeastOne(Math.Ceiling(matrixRows / cfg.NumRowSubArrayWG));
        var arraysNeededCol = AtLeastOne(Math.Ceiling(matrixCols / cfg.NumColSubArrayWG));
        // RD-73: WorkingArrayInRow/Col count at least one array where the reference's unit has none.
        double speedUpRow, speedUpCol;
        if (matrixRows != 1)
        {
            speedUpRow = AtLeastOne(Math.Floor(wg.WorkingArrayInRow / arraysNeededRow));
            speedUpCol = AtLeastOne(Math.Floor(wg.WorkingArrayInCol / arraysNeededCol));
        }
        else
        {
            speedUpRow = wg.WorkingArrayInRow;
            speedUpCol = AtLeastOne(Math.Floor(matrixCols / cfg.NumColSubArrayWG));
        }
        // The share of the unit's arrays the matrix fills (energy is charged for those only).
        var usedArrays = matrixRows * matrixCols / ((double)wg.WorkingArrayInRow * wg.WorkingArrayInCol * cfg.NumRowSubArrayWG * cfg.NumColSubArrayWG);
        var kernelPositions = (double)(layer.KernelHeight * layer.KernelWidth);
        return new Cost((result.ReadLatency / (speedUpRow * speedUpCol) + result.WriteLatency) * kernelPositions,
            (result.ReadEnergyPeak + result.WriteEnergyPeak) * usedArrays * kernelPositions);
    }

    /// <summary>
    /// Training, from one image to the epoch (Chip.cpp): every image of a batch runs the read phases; the weights are
    /// updated once per batch, <see cref="NumArrayWriteParallel"/> arrays at a time (the tiles' update counts every
    /// array in sequence); and the epoch runs numIteration batches.
    /// </summary>
    private UnitPerformance ForEpoch(UnitPerformance perImage)
    {
        var cfg = P.Config;
        var batch = perImage.ForBatch(cfg.BatchSize);
        batch = batch with
        {
            Phases = batch.Phases with { WeightUpdate = batch.Phases.WeightUpdate.SpreadOver(NumArrayWriteParallel) },
            Peak = batch.Peak with { WeightUpdate = batch.Peak.WeightUpdate.SpreadOver(NumArrayWriteParallel) },
        };
        return batch * cfg.NumIteration;
    }
}
