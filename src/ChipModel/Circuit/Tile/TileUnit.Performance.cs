using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Trace;

namespace NeuroSim.Replay.ChipModel.Circuit.Tile;

public sealed partial class TileUnit
{
    /// <summary>
    /// One layer's work on one tile (TileCalculatePerformance). <paramref name="m"/> is the tile's window of
    /// the weights; <paramref name="numInVector"/> counts input columns (positions x input bits).
    /// </summary>
    public PerfTotals Performance(LayerData layer, SubMatrix m, MemCell cell, int speedUpRow, int speedUpCol, int numInVector, EvaluationState state)
    {
        var cfg = _p.Config;
        var training = cfg.TrainingEstimation;
        var w = training ? 1 : 0;
        var twice = training ? 2 : 1;
        var numPE = PerformanceNumPE;
        int wmr = m.RowCount, wmc = m.ColCount;
        var perSideSubArrays = (int)Math.Ceiling(PeSize / cfg.NumRowSubArray);
        var perSideSubArraysCol = (int)Math.Ceiling(PeSize / cfg.NumColSubArray);
        var t = new PerfTotals();
        double peLeakage = 0;
        // RD-60: the adder-tree leakages left by the last layer that ran them (the reference's long-lived units).
        var treeLeakage = Novel ? state.PeTreeLeakageNM : state.PeTreeLeakageCM;
        var accumLeakage = Novel ? state.TileAccumulationLeakageNM : state.TileAccumulationLeakageCM;
        var accumReads = (int)(numInVector / _p.NumBitInput) * cfg.NumColMuxed;
        // Activation inside the tile (chipActivation=false): the ReLU shifts out the outputs, and the output
        // buffer then carries activations (input precision) instead of accumulated sums (Tile.cpp).
        double OutputBitsPerValue()
        {
            double lat, e, bitsOut;
            if (ReLu is { } relu)
            {
                // RD-62: the ReLU read count is truncated in integers, as the reference.
                var reads = (int)(numInVector / _p.NumBitInput) * cfg.NumColMuxed / relu.NumUnit;   // integer division, as the reference
                (lat, e, bitsOut) = (relu.ReadLatency(reads), relu.ReadEnergy(reads), relu.NumBit);
            }
            else if (Sigmoid is { } sigmoid)
            {
                // RD-62: the sigmoid read count is truncated in integers, as the reference.
                var reads = (int)(numInVector / _p.NumBitInput) * cfg.NumColMuxed / sigmoid.NumEntry;   // integer division, as the reference
                (lat, e, bitsOut) = (sigmoid.ReadLatency(reads), sigmoid.ReadEnergy(reads), _p.NumBitInput);
            }
            else return 1 + Accumulation.NumAdderBit;
            t.AddForwardOther(lat, e);
            return 1 + bitsOut;
        }
        void AddAccumulation(double units)
        {
            var lat = Accumulation.ReadLatency(accumReads, (int)units, 0);
            var e = Accumulation.ReadEnergy(accumReads, (int)units);
            accumLeakage = Accumulation.Leakage((int)units);
            t.ReadLatency += lat;
            t.ReadLatencyAG += lat * w;
            t.PeakLatencyFW += lat;
            t.PeakLatencyAG += lat * w;
            t.ReadEnergy += e;
            t.ReadEnergyAG += e * w;
            t.PeakEnergyFW += e;
            t.PeakEnergyAG += e * w;
            t.LatencyAccum += lat * twice;
            t.EnergyAccum += e * twice;
        }
        PerfTotals RunPe(SubMatrix window, int dupRow, int dupCol)
        {
            var r = Pe.Performance(layer, window, cell, dupRow, dupCol, perSideSubArrays, perSideSubArraysCol, numInVector, ref treeLeakage);
            peLeakage = r.Leakage;
            return r;
        }

        if (!Novel)
        {
            var perSide = (int)numPE;   // PEs per side of a conventional tile
            if (speedUpRow * speedUpCol > 1)
            {
                if (speedUpRow >= perSide && speedUpCol >= perSide)
                {
                    var pe = RunPe(m, (int)Math.Ceiling((double)speedUpRow / perSide), (int)Math.Ceiling((double)speedUpCol / perSide));
                    var sq = (double)perSide * perSide;
                    t.ReadLatency = pe.ReadLatency / sq;
                    t.ReadEnergy = pe.ReadEnergy;
                    t.ReadLatencyAG = pe.ReadLatencyAG / sq;
                    t.ReadEnergyAG = pe.ReadEnergyAG;
                    t.WriteLatencyWU = pe.WriteLatencyWU * sq;
                    t.WriteEnergyWU = pe.WriteEnergyWU * sq;
                    t.PeakLatencyFW = pe.PeakLatencyFW / sq;
                    t.PeakEnergyFW = pe.PeakEnergyFW;
                    t.PeakLatencyAG = pe.PeakLatencyAG / sq;
                    t.PeakEnergyAG = pe.PeakEnergyAG;
                    t.PeakLatencyWU = pe.PeakLatencyWU * sq;
                    t.PeakEnergyWU = pe.PeakEnergyWU * sq;
                    t.BufferLatency = pe.BufferLatency / sq;
                    t.BufferEnergy = pe.BufferEnergy;
                    t.IcLatency = pe.IcLatency / sq;
                    t.IcEnergy = pe.IcEnergy;
                    t.LatencyADC = pe.LatencyADC / sq;
                    t.LatencyAccum = pe.LatencyAccum / sq;
                    t.LatencyOther = pe.LatencyOther / sq;
                    t.EnergyADC = pe.EnergyADC;
                    t.EnergyAccum = pe.EnergyAccum;
                    t.EnergyOther = pe.EnergyOther;
                }
                else
                {
                    var rowsOfPe = (int)Math.Ceiling(wmr / PeSize);
                    for (var i = 0; i < rowsOfPe; i++)
                        for (var j = 0; j < (int)Math.Ceiling(wmc / PeSize); j++)
                        {
                            if (!(i * PeSize < wmr && j * PeSize < wmc)) continue;
                            var nr = (int)Math.Min(PeSize, wmr - i * PeSize);
                            var nc = (int)Math.Min(PeSize, wmc - j * PeSize);
                            var pe = RunPe(m.Slice((int)(i * PeSize), nr, (int)(j * PeSize), nc), 1, 1);
                            t.MergeParallel(pe, training: true);
                        }
                    t.SpeedUp(speedUpRow * speedUpCol);
                    if (Math.Ceiling(wmr / PeSize) > 1) AddAccumulation(Math.Ceiling(wmr / PeSize));
                }
            }
            else
            {
                PerfTotals current = default;
                for (var i = 0; i < perSide; i++)
                    for (var j = 0; j < perSide; j++)
                    {
                        if (i * PeSize < wmr && j * PeSize < wmc)
                        {
                            var nr = (int)Math.Min(PeSize, wmr - i * PeSize);
                            var nc = (int)Math.Min(PeSize, wmc - j * PeSize);
                            current = RunPe(m.Slice((int)(i * PeSize), nr, (int)(j * PeSize), nc), 1, 1);
                        }
                        // RD-63 (reference quirk): PEs outside the matrix add the last PE's figures again.
                        t.MergeParallel(current, training: true);
                    }
                AddAccumulation(numPE);
            }
            var numBitToLoadIn = Math.Max(Math.Ceiling((double)(wmc / _p.NumColPerSynapse)) * OutputBitsPerValue() * numInVector / _p.NumBitInput, 0);
            var numBitToLoadOut = Math.Max((double)wmr * numInVector, 0);
            FinishBuffers(ref t, numBitToLoadOut, numBitToLoadIn, wmr, wmc, OutputBuffer.InterfaceWidth);
            t.Leakage = peLeakage * numPE * numPE + accumLeakage + InputBuffer.Leakage + OutputBuffer.Leakage;
        }
        else
        {
            var n = (int)numPE;
            for (var i = 0; i < n; i++)
            {
                var location = (int)(i * Math.Min(PeSize, (int)wmr / numPE));
                var rows = (int)(wmr / numPE);
                var pe = RunPe(m.Slice(location, rows, 0, wmc), 1, 1);
                t.MergeParallel(pe, training: true);
            }
            t.SpeedUp(speedUpRow * speedUpCol);
            t.WriteEnergyWU *= speedUpRow * speedUpCol;
            AddAccumulation(numPE);
            var numBitToLoadOut = Math.Max(wmr * numInVector / Math.Sqrt(numPE), 0);
            var numBitToLoadIn = Math.Max(Math.Ceiling((double)(wmc / _p.NumColPerSynapse)) * OutputBitsPerValue() * numInVector / _p.NumBitInput / numPE, 0);
            // RD-64 (reference quirk): the output buffer's banking uses the input buffer's interface width.
            FinishBuffers(ref t, numBitToLoadOut, numBitToLoadIn, wmr, wmc, InputBuffer.InterfaceWidth);
            t.Leakage = peLeakage * numPE + accumLeakage + InputBuffer.Leakage + OutputBuffer.Leakage;
        }
        if (Novel)
        {
            state.PeTreeLeakageNM = treeLeakage;
            state.TileAccumulationLeakageNM = accumLeakage;
        }
        else
        {
            state.PeTreeLeakageCM = treeLeakage;
            state.TileAccumulationLeakageCM = accumLeakage;
        }
        return t;
    }

    /// <summary>Tile buffers and H-tree for the layer's traffic, and the weight-update traffic in training.</summary>
    private void FinishBuffers(ref PerfTotals t, double numBitToLoadOut, double numBitToLoadIn, int wmr, int wmc, int outputBankWidth)
    {
        var training = _p.Config.TrainingEstimation;
        var iwIn = InputBuffer.InterfaceWidth;
        var iwOut = OutputBuffer.InterfaceWidth;
        var outLat = OutputBuffer.Latency(numBitToLoadIn / iwOut, numBitToLoadIn / iwOut);
        var outE = OutputBuffer.Energy(iwOut, numBitToLoadIn / iwOut, iwOut, numBitToLoadIn / iwOut);
        var inLat = InputBuffer.Latency(numBitToLoadOut / iwIn, numBitToLoadOut / iwIn);
        var inE = InputBuffer.Energy(iwIn, numBitToLoadOut / iwIn, iwIn, numBitToLoadOut / iwIn);
        var inBanks = Math.Min(NumInBufferCore, Math.Ceiling(HTree.BusWidth / iwIn));
        var outBanks = Math.Min(NumOutBufferCore, Math.Ceiling(HTree.BusWidth / outputBankWidth));
        inLat = (inLat.Read / inBanks, inLat.Write / inBanks);
        outLat = (outLat.Read / outBanks, outLat.Write / outBanks);
        var traffic = (numBitToLoadOut + numBitToLoadIn) / HTree.BusWidth;
        var (treeLat, _) = HTree.ReadLatency(0, 0, 0, 0, Pe.Height, Pe.Width, traffic, HTree.Route.Start);
        var treeE = HTree.ReadEnergy(0, 0, 0, 0, Pe.Height, Pe.Width, HTree.BusWidth, traffic, HTree.Route.Start);
        var bufLat = inLat.Read + outLat.Read + inLat.Write + outLat.Write;
        var bufE = inE.Read + outE.Read + inE.Write + outE.Write;
        t.ReadLatency += inLat.Read + inLat.Write;
        t.ReadEnergy += inE.Read + inE.Write;
        t.ReadLatency += outLat.Read + outLat.Write;
        t.ReadEnergy += outE.Read + outE.Write;
        t.ReadLatency += treeLat;
        t.ReadEnergy += treeE;
        t.BufferLatency += bufLat;
        t.IcLatency += treeLat;
        t.BufferEnergy += bufE;
        t.IcEnergy += treeE;
        if (!training) return;
        t.ReadLatencyAG += inLat.Read + inLat.Write;
        t.ReadEnergyAG += inE.Read + inE.Write;
        t.ReadLatencyAG += outLat.Read + outLat.Write;
        t.ReadEnergyAG += outE.Read + outE.Write;
        t.ReadLatencyAG += treeLat;
        t.ReadEnergyAG += treeE;
        t.BufferLatency += bufLat;
        t.IcLatency += treeLat;
        t.BufferEnergy += bufE;
        t.IcEnergy += treeE;
        double delta = (double)wmr * wmc;
        var dLat = InputBuffer.Latency(delta / iwIn, delta / iwIn);
        var dE = InputBuffer.Energy(iwIn, delta / iwIn, iwIn, delta / iwIn);
        // RD-44: the reference's -O3 build enters this H-tree call with the buffer's write count (delta / interface
        // width) still in the register its uninitialized first-stage wire resistance is read from; it moves
        // the delta-weight latency by up to ~1e-3, so we reproduce it (HTree.ReadLatency remarks).
        var (dTree, _) = HTree.ReadLatency(0, 0, 0, 0, Pe.Height, Pe.Width, delta / HTree.BusWidth, HTree.Route.Start, firstStageResistance: delta / iwIn);
        var dTreeE = HTree.ReadEnergy(0, 0, 0, 0, Pe.Height, Pe.Width, HTree.BusWidth, delta / HTree.BusWidth, HTree.Route.Start);
        t.WriteLatencyWU += dLat.Read + dLat.Write + dTree;
        t.WriteEnergyWU += dE.Read + dE.Write + dTreeE;
        t.BufferLatency += dLat.Read + dLat.Write;
        t.IcLatency += dTree;
        t.BufferEnergy += dE.Read + dE.Write;
        t.IcEnergy += dTreeE;
    }
}
