using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.SubArrays;
using NeuroSim.Replay.ChipModel.Circuit.Trace;

namespace NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;

public sealed partial class ProcessingUnit
{
    /// <summary>
    /// One layer's work on this PE (ProcessingUnit.cpp, ProcessingUnitCalculatePerformance): <paramref name="m"/> is the
    /// PE's window of the weights, duplicated <paramref name="arrayDupRow"/> x <paramref name="arrayDupCol"/> times
    /// across its subarrays.
    /// </summary>
    /// <param name="lastTreeLeakage">The leakage this PE's adder tree reported last; updated when the tree runs (RD-60: otherwise
    /// the stale value stays, as in the reference).</param>
    /// <param name="numSubArrayRow">Subarrays per PE side as the tile passes them (ceil(PE size / subarray rows)).</param>
    /// <param name="inputVectors">Input vectors: the layer's input positions times the input bits (bit-serial inputs).</param>
    public UnitPerformance Performance(LayerData layer, SubMatrix m, MemCell cell, int arrayDupRow, int arrayDupCol, int numSubArrayRow, int numSubArrayCol,
        int inputVectors, ref double lastTreeLeakage)
    {
        var cfg = _p.Config;
        var training = cfg.TrainingEstimation;
        int subArrayRows = cfg.NumRowSubArray, subArrayCols = cfg.NumColSubArray;
        int weightRows = m.RowCount, weightCols = m.ColCount;
        var duplicates = arrayDupRow * arrayDupCol;
        // How the window is laid on the subarrays, and where the adder tree sums the subarrays' partial results:
        // - duplicated, but fewer copies than subarrays per side: the window in subarray-sized blocks, each block's
        //   partial sums through the tree (its latency counts in the block's);
        // - duplicated at least once per subarray: every subarray holds the whole window, no tree;
        // - not duplicated: the PE's subarray grid, the tree after the slowest subarray.
        var treePerBlock = duplicates > 1 && (arrayDupRow < numSubArrayRow || arrayDupCol < numSubArrayCol);
        var wholeWindow = duplicates > 1 && !treePerBlock;
        IEnumerable<(int I, int J)> blocks = treePerBlock
            ? Grid((int)Math.Ceiling((double)weightRows / subArrayRows), (int)Math.Ceiling((double)weightCols / subArrayCols))
            : wholeWindow ? [(0, 0)] : Grid(numSubArrayRow, numSubArrayCol);
        var inWindow = blocks.Where(b => wholeWindow || (b.I * subArrayRows < weightRows && b.J * subArrayCols < weightCols)).ToArray();
        var results = new SubArrayTotals[inWindow.Length];
        void EvaluateSubArray(int x)
        {
            var (i, j) = inWindow[x];
            var sub = wholeWindow ? m : m.Slice(i * subArrayRows, Math.Min(subArrayRows, weightRows - i * subArrayRows),
                j * subArrayCols, Math.Min(subArrayCols, weightCols - j * subArrayCols));
            results[x] = SubArrayEvaluation.Evaluate(_subArray, layer, sub, _p, cell, inputVectors);
        }
        // The subarrays' reads run in parallel when this estimate computes them; a sweep's shared reads were computed in
        // parallel before (ArrayReads.Compute), and what is left per subarray is too little to share out.
        if (layer.SharedReads is null) Parallel.For(0, inWindow.Length, EvaluateSubArray);
        else for (var x = 0; x < inWindow.Length; x++) EvaluateSubArray(x);

        var treeReads = (int)(inputVectors / _p.NumBitInput) * _p.AccumulatedOutputsPerRead;   // RD-105
        var activationGradient = _p.HasActivationGradient(layer.Index);
        var treeUnits = (int)Math.Ceiling((double)weightRows / subArrayRows);
        var tree = new Cost(AdderTree.ReadLatency(treeReads, treeUnits, 0), AdderTree.ReadEnergy(treeReads, treeUnits));
        if (!wholeWindow) lastTreeLeakage = AdderTree.Leakage(treeUnits);

        // RD-26: each subarray's reads are summed over the input vectors first, then merged in the reference's loop order.
        var core = default(UnitPerformance);
        foreach (var result in results)
        {
            var block = SubArrayWork(result, training);
            if (!treePerBlock)
            {
                core = core.InParallelWith(block, training: true);
                continue;
            }
            // The block's partial sums through the tree: its latency lengthens the block's reads (inside the
            // maximum over blocks), its energy is charged once per block after the block's own.
            core = WithTree(core.InParallelWith(WithTree(block, tree.LatencyOnly), training: true), tree.EnergyOnly, TreeEnergyScale(activationGradient));
        }
        if (duplicates > 1)
        {
            // The copies share the input vectors; every copy is written in the update.
            core = core.SpreadOver(duplicates);
            core = core with { Phases = core.Phases with { WeightUpdate = core.Phases.WeightUpdate.OnEachOf(duplicates) } };
        }
        else if (_p.V21)
        {
            // RD-106 (V2.1): the tree after the subarray grid counts in the activation gradient only where the layer has one
            // (RD-101), and then twice in the accumulation part (latency and energy); once otherwise.
            var phases = core.Phases;
            core = core with
            {
                Phases = phases with
                {
                    Forward = phases.Forward + tree,
                    ActivationGradient = activationGradient ? phases.ActivationGradient + tree : phases.ActivationGradient,
                },
                Breakdown = core.Breakdown with { Accumulation = core.Breakdown.Accumulation + tree * (activationGradient ? 2 : 1) },
            };
        }
        else
        {
            // The tree after the subarray grid. Reference quirks (ProcessingUnit.cpp): its energy counts in the
            // activation gradient even in inference, and its latency in the accumulation part only in training.
            double trainingOnly = training ? 1 : 0;
            var phases = core.Phases;
            core = core with
            {
                Phases = phases with
                {
                    Forward = phases.Forward + tree,
                    ActivationGradient = phases.ActivationGradient + new Cost(tree.Latency * trainingOnly, tree.Energy),
                },
                Breakdown = core.Breakdown with { Accumulation = core.Breakdown.Accumulation + new Cost(tree.Latency * trainingOnly, tree.Energy) },
            };
        }
        return WithBuffersAndBuses(core, weightRows, weightCols, inputVectors, numSubArrayRow, numSubArrayCol, lastTreeLeakage, activationGradient);
    }

    /// <summary>
    /// How a partly duplicated PE's per-block tree energy counts in the activation gradient and in the accumulation part:
    /// V2.0 once each, always; RD-106 (V2.1) in the activation gradient only where the layer has one, and then twice in the
    /// accumulation part.
    /// </summary>
    private (double ActivationGradient, double Accumulation) TreeEnergyScale(bool activationGradient) =>
        !_p.V21 ? (1, 1) : activationGradient ? (1, 2) : (0, 1);

    /// <summary>An adder tree's work added to the forward and activation-gradient phases and to the accumulation part.</summary>
    private static UnitPerformance WithTree(UnitPerformance u, Cost tree, (double ActivationGradient, double Accumulation) scale = default)
    {
        var (ag, accumulation) = scale == default ? (1.0, 1.0) : scale;
        return u with
        {
            Phases = u.Phases with { Forward = u.Phases.Forward + tree, ActivationGradient = u.Phases.ActivationGradient + (ag == 1 ? tree : tree * ag) },
            Breakdown = u.Breakdown with { Accumulation = u.Breakdown.Accumulation + (accumulation == 1 ? tree : tree * accumulation) },
        };
    }

    /// <summary>One subarray's reads and update as a unit of work (its latencies are one subarray's, merged later).</summary>
    private static UnitPerformance SubArrayWork(SubArrayTotals result, bool training)
    {
        var r = result.Reads;
        var forward = new Cost(r.Latency, r.Energy);
        var activationGradient = training ? new Cost(r.LatencyAG, r.EnergyAG) : default;
        var update = new Cost(result.Write.Latency, result.Write.Energy);   // zero outside training
        var breakdown = new CostBreakdown(new Cost(r.LatencyADC, r.EnergyADC), new Cost(r.LatencyAccum, r.EnergyAccum),
            new Cost(r.LatencyOther, r.EnergyOther), default, default, default);
        return new UnitPerformance(new PhaseCosts(forward, activationGradient, default, update), default, breakdown, 0);
    }

    /// <summary>
    /// The PE's input and output buffers (DFFs) and buses, the same for every read phase; the peaks are the
    /// subarrays' and trees' work before them.
    /// </summary>
    private UnitPerformance WithBuffersAndBuses(UnitPerformance core, int weightRows, int weightCols, int inputVectors,
        int numSubArrayRow, int numSubArrayCol, double treeLeakage, bool activationGradient)
    {
        var cfg = _p.Config;
        var training = cfg.TrainingEstimation;
        var bits = _p.NumBitInput;
        var bufInLatency = BufferInput.ReadLatency(inputVectors * Math.Ceiling((double)weightRows / cfg.NumRowSubArray));
        var bufOutLatency = BufferOutput.ReadLatency(inputVectors / bits);
        var bufInEnergy = BufferInput.ReadEnergy(weightRows / _p.NumRowPerSynapse, inputVectors);
        var bufOutEnergy = BufferOutput.ReadEnergy(weightCols / _p.NumColPerSynapse * AdderTree.NumAdderBit, inputVectors / bits);
        var busInReads = weightRows / _p.NumRowPerSynapse * inputVectors / BusInput.BusWidth;
        var busInLatency = BusInput.ReadLatency(busInReads);
        var busInEnergy = BusInput.ReadEnergy(BusInput.BusWidth, busInReads);
        // Bits of one partial sum on the output bus: the ADC's (parallel read) or the sequential read's accumulated count.
        var outBits = _p.ParallelRead ? Math.Log2(cfg.LevelOutput) : Math.Log2(cfg.NumRowSubArray) + _p.CellBit - 1;
        var busOutReads = weightCols / _p.NumColPerSynapse * outBits * inputVectors / bits / (BusOutput.NumRow * BusOutput.BusWidth);
        var busOutLatency = BusOutput.ReadLatency(busOutReads);
        var busOutEnergy = BusOutput.ReadEnergy(BusOutput.NumRow * BusOutput.BusWidth, busOutReads);
        // Summed in the reference's order: buffers in, out, then buses in, out.
        var io = new Cost(bufInLatency + bufOutLatency + busInLatency + busOutLatency, bufInEnergy + bufOutEnergy + busInEnergy + busOutEnergy);
        // Forward, and the activation gradient where the layer has one (training; RD-101: not V2.1's first layer).
        var readPhases = activationGradient ? 2 : 1;
        var phases = core.Phases;
        // RD-113: V2.1 evaluates the first layer's transposed-read periphery nowhere, so its subarrays' leakage leaves it out.
        var subArrayLeakage = training && !activationGradient ? _subArray.LeakageWithoutBackward : _subArray.Leakage;
        return new UnitPerformance(
            Phases: phases with
            {
                Forward = phases.Forward + io,
                ActivationGradient = activationGradient ? phases.ActivationGradient + io : phases.ActivationGradient,
            },
            Peak: phases,
            Breakdown: core.Breakdown with
            {
                Buffer = new Cost(bufInLatency + bufOutLatency, bufInEnergy + bufOutEnergy) * readPhases,
                Interconnect = new Cost(busInLatency + busOutLatency, busInEnergy + busOutEnergy) * readPhases,
            },
            Leakage: subArrayLeakage * numSubArrayRow * numSubArrayCol + treeLeakage + BufferInput.Leakage + BufferOutput.Leakage);
    }

    private static IEnumerable<(int I, int J)> Grid(int rows, int cols)
    {
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                yield return (i, j);
    }
}
