using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Trace;

namespace NeuroSim.Replay.ChipModel.Circuit.Tile;

public sealed partial class TileUnit
{
    /// <summary>
    /// One layer's work on one tile (Tile.cpp, TileCalculatePerformance). <paramref name="m"/> is the tile's window
    /// of the weights; <paramref name="inputVectors"/> counts input columns (positions x input bits).
    /// </summary>
    public UnitPerformance Performance(LayerData layer, SubMatrix m, MemCell cell, int speedUpRow, int speedUpCol, int inputVectors, EvaluationState state)
    {
        var run = new TileRun(this, layer, cell, inputVectors, state);
        var perf = Novel ? run.NovelPes(m, speedUpRow * speedUpCol) : run.ConventionalPes(m, speedUpRow, speedUpCol);
        // Activation inside the tile (chipActivation=false) runs after the accumulation, before the output buffer.
        var (activation, bitsPerOutput) = Activation(inputVectors);
        if (activation is { } step) perf = perf.PlusForwardOther(step);
        // Bits through the tile's buffers (Tile.cpp): the inputs (weight rows x input vectors) and the outputs
        // (synapse columns x bits per output value, once per input position).
        int weightRows = m.RowCount, weightCols = m.ColCount;
        var outputColumns = Math.Ceiling((double)(weightCols / _p.NumColPerSynapse));
        double inputBits, outputBits;
        if (Novel)
        {
            // A novel tile (Tile.cpp) divides the input bits by the square root of its PE count and the output bits by the count.
            inputBits = Math.Max(weightRows * inputVectors / Math.Sqrt(PerformanceNumPE), 0);
            outputBits = Math.Max(outputColumns * bitsPerOutput * inputVectors / _p.NumBitInput / PerformanceNumPE, 0);
        }
        else
        {
            inputBits = Math.Max((double)weightRows * inputVectors, 0);
            outputBits = Math.Max(outputColumns * bitsPerOutput * inputVectors / _p.NumBitInput, 0);
        }
        // RD-64 (reference quirk): the novel tile's output buffer banking uses the input buffer's interface width.
        var outputBankWidth = Novel ? InputBuffer.InterfaceWidth : OutputBuffer.InterfaceWidth;
        perf = WithBuffersAndHTree(perf, inputBits, outputBits, weightRows, weightCols, outputBankWidth, _p.HasActivationGradient(layer.Index));
        // perf.Leakage is still one PE's (the last one run); a conventional tile has PerformanceNumPE PEs a side.
        var pesLeakage = Novel ? perf.Leakage * PerformanceNumPE : perf.Leakage * PerformanceNumPE * PerformanceNumPE;
        run.SaveLeakages();
        return perf with { Leakage = pesLeakage + run.AccumulationLeakage + InputBuffer.Leakage + OutputBuffer.Leakage };
    }

    /// <summary>
    /// The activation inside the tile (chipActivation=false; Tile.cpp): the ReLU or sigmoid reading the tile's outputs
    /// (none with chip-level activation), and the bits of one output value the output buffer then carries
    /// (activations at input precision instead of accumulated sums).
    /// </summary>
    private (Cost? Step, double BitsPerOutput) Activation(int inputVectors)
    {
        var outputReads = OutputReads(inputVectors);
        // RD-112: V2.1's count is a double (its ceil makes the product one), so its division is not truncated.
        if (ReLu is { } relu)
        {
            // RD-62: the ReLU read count is truncated in integers, as the reference.
            var reads = _p.V21 ? (double)outputReads / relu.NumUnit : outputReads / relu.NumUnit;
            return (new Cost(relu.ReadLatency(reads), relu.ReadEnergy(reads)), 1 + relu.NumBit);
        }
        if (Sigmoid is { } sigmoid)
        {
            // RD-62: the sigmoid read count is truncated in integers, as the reference.
            var reads = _p.V21 ? (double)outputReads / sigmoid.NumEntry : outputReads / sigmoid.NumEntry;
            return (new Cost(sigmoid.ReadLatency(reads), sigmoid.ReadEnergy(reads)), 1 + _p.NumBitInput);
        }
        return (null, 1 + Accumulation.NumAdderBit);
    }

    /// <summary>Reads of the tile's outputs: per input position, the column groups that share an ADC one after another.</summary>
    /// <remarks>RD-105: V2.1 counts ceil(numColMuxed / numColPerSynapse) groups (<see cref="ChipParameters.AccumulatedOutputsPerRead"/>).</remarks>
    private int OutputReads(int inputVectors) => (int)(inputVectors / _p.NumBitInput) * _p.AccumulatedOutputsPerRead;

    /// <summary>
    /// The tile's input and output buffers and its H-tree to the PEs, for the layer's data in every read phase, and in
    /// training the weight deltas carried to the PEs for the update.
    /// </summary>
    /// <param name="hasActivationGradient">Whether the layer has an activation-gradient phase (RD-101: not V2.1's first layer).</param>
    private UnitPerformance WithBuffersAndHTree(UnitPerformance perf, double inputBits, double outputBits, int weightRows, int weightCols, int outputBankWidth,
        bool hasActivationGradient)
    {
        var training = _p.Config.TrainingEstimation;
        var inWidth = InputBuffer.InterfaceWidth;
        var outWidth = OutputBuffer.InterfaceWidth;
        var outLatency = OutputBuffer.Latency(outputBits / outWidth, outputBits / outWidth);
        var outEnergy = OutputBuffer.Energy(outWidth, outputBits / outWidth, outWidth, outputBits / outWidth);
        var inLatency = InputBuffer.Latency(inputBits / inWidth, inputBits / inWidth);
        var inEnergy = InputBuffer.Energy(inWidth, inputBits / inWidth, inWidth, inputBits / inWidth);
        // Multi-core buffers work in parallel, as many cores at once as the H-tree's bus carries.
        var inBanks = Math.Min(NumInBufferCore, Math.Ceiling(HTree.BusWidth / inWidth));
        var outBanks = Math.Min(NumOutBufferCore, Math.Ceiling(HTree.BusWidth / outputBankWidth));
        inLatency = (inLatency.Read / inBanks, inLatency.Write / inBanks);
        outLatency = (outLatency.Read / outBanks, outLatency.Write / outBanks);
        var transfers = (inputBits + outputBits) / HTree.BusWidth;
        var (treeLatency, _) = HTree.ReadLatency(0, 0, 0, 0, Pe.Height, Pe.Width, transfers, HTree.Route.Start);
        var tree = new Cost(treeLatency, HTree.ReadEnergy(0, 0, 0, 0, Pe.Height, Pe.Width, HTree.BusWidth, transfers, HTree.Route.Start));
        var inputBuffer = Cost.ReadAndWrite(inLatency, inEnergy);
        var outputBuffer = Cost.ReadAndWrite(outLatency, outEnergy);
        // The buffer part sums both reads before both writes (the reference's order).
        var buffers = new Cost(inLatency.Read + outLatency.Read + inLatency.Write + outLatency.Write,
            inEnergy.Read + outEnergy.Read + inEnergy.Write + outEnergy.Write);

        var phases = perf.Phases;
        var forward = phases.Forward + inputBuffer + outputBuffer + tree;
        var activationGradient = phases.ActivationGradient;
        var update = phases.WeightUpdate;
        var buffer = perf.Breakdown.Buffer + buffers;
        var interconnect = perf.Breakdown.Interconnect + tree;
        if (training)
        {
            // The activation gradient moves the same data (RD-101: none for V2.1's first layer).
            if (hasActivationGradient)
            {
                activationGradient = activationGradient + inputBuffer + outputBuffer + tree;
                buffer += buffers;
                interconnect += tree;
            }
            // The weight deltas (a bit per weight) through the input buffer and the H-tree to the PEs.
            double deltaBits = (double)weightRows * weightCols;
            var deltaBuffer = Cost.ReadAndWrite(InputBuffer.Latency(deltaBits / inWidth, deltaBits / inWidth),
                InputBuffer.Energy(inWidth, deltaBits / inWidth, inWidth, deltaBits / inWidth));
            // RD-44: the reference's -O3 build enters this H-tree call with the buffer's write count (delta / interface
            // width) still in the register its uninitialized first-stage wire resistance is read from; it moves
            // the delta-weight latency by up to ~1e-3, so we reproduce it (HTree.ReadLatency remarks).
            var (deltaTreeLatency, _) = HTree.ReadLatency(0, 0, 0, 0, Pe.Height, Pe.Width, deltaBits / HTree.BusWidth, HTree.Route.Start,
                firstStageResistance: deltaBits / inWidth);
            var deltaTree = new Cost(deltaTreeLatency,
                HTree.ReadEnergy(0, 0, 0, 0, Pe.Height, Pe.Width, HTree.BusWidth, deltaBits / HTree.BusWidth, HTree.Route.Start));
            update += deltaBuffer + deltaTree;
            buffer += deltaBuffer;
            interconnect += deltaTree;
        }
        return perf with
        {
            Phases = phases with { Forward = forward, ActivationGradient = activationGradient, WeightUpdate = update },
            Breakdown = perf.Breakdown with { Buffer = buffer, Interconnect = interconnect },
        };
    }

    /// <summary>
    /// One evaluation of the tile's PEs for a layer: the PE grid, the tile's accumulation tree, and the leakages the
    /// reference's long-lived adder trees carry from layer to layer (RD-60), read from and saved back to the estimate's
    /// <see cref="EvaluationState"/>.
    /// </summary>
    private sealed class TileRun
    {
        private readonly TileUnit _tile;
        private readonly LayerData _layer;
        private readonly MemCell _cell;
        private readonly int _inputVectors;
        private readonly EvaluationState _state;
        private readonly int _subArraysPerPeRow, _subArraysPerPeCol;
        private double _peTreeLeakage;

        public TileRun(TileUnit tile, LayerData layer, MemCell cell, int inputVectors, EvaluationState state)
        {
            (_tile, _layer, _cell, _inputVectors, _state) = (tile, layer, cell, inputVectors, state);
            _subArraysPerPeRow = (int)Math.Ceiling(tile.PeSize / tile._p.Config.NumRowSubArray);
            _subArraysPerPeCol = (int)Math.Ceiling(tile.PeSize / tile._p.Config.NumColSubArray);
            // RD-60: the adder-tree leakages left by the last layer that ran them (the reference's long-lived units).
            _peTreeLeakage = tile.Novel ? state.PeTreeLeakageNM : state.PeTreeLeakageCM;
            AccumulationLeakage = tile.Novel ? state.TileAccumulationLeakageNM : state.TileAccumulationLeakageCM;
        }

        /// <summary>The tile accumulation's leakage: this layer's if the tree ran, else the last layer's (RD-60).</summary>
        public double AccumulationLeakage { get; private set; }

        /// <summary>
        /// A conventional tile: PEs in a grid, each holding a PE-sized block of the window; with a speed-up the
        /// layer's weights are duplicated over the PEs (and, beyond one copy per PE, over their subarrays).
        /// </summary>
        public UnitPerformance ConventionalPes(SubMatrix m, int speedUpRow, int speedUpCol)
        {
            var pesPerSide = (int)_tile.PerformanceNumPE;
            if (speedUpRow * speedUpCol <= 1)
            {
                // No duplication: every PE of the grid takes its block.
                var perf = default(UnitPerformance);
                var current = default(UnitPerformance);
                for (var i = 0; i < pesPerSide; i++)
                    for (var j = 0; j < pesPerSide; j++)
                    {
                        if (i * _tile.PeSize < m.RowCount && j * _tile.PeSize < m.ColCount) current = Pe(PeBlock(m, i, j));
                        // RD-63 (reference quirk): PEs outside the matrix add the last PE's figures again.
                        perf = perf.InParallelWith(current, training: true);
                    }
                return PlusAccumulation(perf, _tile.PerformanceNumPE);
            }
            if (speedUpRow >= pesPerSide && speedUpCol >= pesPerSide)
            {
                // At least a copy per PE: one PE evaluation stands for all of them, its reads shared by the PEs and
                // further duplicated in its subarrays; every PE is written in the update. No accumulation.
                var pes = (double)pesPerSide * pesPerSide;
                var pe = Pe(m, (int)Math.Ceiling((double)speedUpRow / pesPerSide), (int)Math.Ceiling((double)speedUpCol / pesPerSide));
                var shared = pe.SpreadOver(pes);
                return shared with
                {
                    Phases = shared.Phases with { WeightUpdate = pe.Phases.WeightUpdate * pes },
                    Peak = shared.Peak with { WeightUpdate = pe.Peak.WeightUpdate * pes },
                };
            }
            {
                // Fewer copies than PEs: the PEs that hold one copy run, and the copies share the reads.
                var blockRows = (int)Math.Ceiling(m.RowCount / _tile.PeSize);
                var blockCols = (int)Math.Ceiling(m.ColCount / _tile.PeSize);
                var perf = default(UnitPerformance);
                for (var i = 0; i < blockRows; i++)
                    for (var j = 0; j < blockCols; j++)
                        if (i * _tile.PeSize < m.RowCount && j * _tile.PeSize < m.ColCount)
                            perf = perf.InParallelWith(Pe(PeBlock(m, i, j)), training: true);
                perf = perf.SpreadOver(speedUpRow * speedUpCol);
                return blockRows > 1 ? PlusAccumulation(perf, blockRows) : perf;
            }
        }

        /// <summary>
        /// A novel tile: one PE per kernel position, each with its share of the window's rows; the layer's
        /// duplicates share the reads, and every duplicate is written in the update.
        /// </summary>
        public UnitPerformance NovelPes(SubMatrix m, int speedUp)
        {
            var pes = (int)_tile.PerformanceNumPE;
            var rowsPerPe = (int)(m.RowCount / _tile.PerformanceNumPE);
            var perf = default(UnitPerformance);
            for (var i = 0; i < pes; i++)
            {
                var firstRow = (int)(i * Math.Min(_tile.PeSize, (int)m.RowCount / _tile.PerformanceNumPE));
                perf = perf.InParallelWith(Pe(m.Slice(firstRow, rowsPerPe, 0, m.ColCount)), training: true);
            }
            perf = perf.SpreadOver(speedUp);
            // Reference quirk (Tile.cpp): the duplicates multiply the update energy but not its peak.
            perf = perf with { Phases = perf.Phases with { WeightUpdate = perf.Phases.WeightUpdate.OnEachOf(speedUp) } };
            return PlusAccumulation(perf, _tile.PerformanceNumPE);
        }

        /// <summary>Saves the adder-tree leakages for the next layer's tiles of this design (RD-60).</summary>
        public void SaveLeakages()
        {
            if (_tile.Novel) (_state.PeTreeLeakageNM, _state.TileAccumulationLeakageNM) = (_peTreeLeakage, AccumulationLeakage);
            else (_state.PeTreeLeakageCM, _state.TileAccumulationLeakageCM) = (_peTreeLeakage, AccumulationLeakage);
        }

        private UnitPerformance Pe(SubMatrix window, int dupRow = 1, int dupCol = 1) =>
            _tile.Pe.Performance(_layer, window, _cell, dupRow, dupCol, _subArraysPerPeRow, _subArraysPerPeCol, _inputVectors, ref _peTreeLeakage);

        /// <summary>The PE-sized block (i, j) of a conventional tile's window.</summary>
        private SubMatrix PeBlock(SubMatrix m, int i, int j)
        {
            var rows = (int)Math.Min(_tile.PeSize, m.RowCount - i * _tile.PeSize);
            var cols = (int)Math.Min(_tile.PeSize, m.ColCount - j * _tile.PeSize);
            return m.Slice((int)(i * _tile.PeSize), rows, (int)(j * _tile.PeSize), cols);
        }

        /// <summary>The tile's accumulation tree summing the partial results of <paramref name="units"/> PEs.</summary>
        private UnitPerformance PlusAccumulation(UnitPerformance perf, double units)
        {
            var reads = _tile.OutputReads(_inputVectors);
            var accumulation = _tile.Accumulation;
            AccumulationLeakage = accumulation.Leakage((int)units);
            return perf.PlusAccumulation(new Cost(accumulation.ReadLatency(reads, (int)units, 0), accumulation.ReadEnergy(reads, (int)units)),
                _tile._p.HasActivationGradient(_layer.Index));
        }
    }
}
