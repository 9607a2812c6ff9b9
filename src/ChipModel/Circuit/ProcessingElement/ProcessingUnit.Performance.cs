using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.SubArrays;
using NeuroSim.Replay.ChipModel.Circuit.Trace;

namespace NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;

public sealed partial class ProcessingUnit
{
    /// <summary>
    /// One layer's work on this PE (ProcessingUnitCalculatePerformance): <paramref name="m"/> is the PE's
    /// window of the weights (weightMatrixRow x weightMatrixCol), duplicated arrayDupRow x arrayDupCol
    /// times across its subarrays.
    /// </summary>
    /// <param name="lastTreeLeakage">The leakage this PE's adder tree reported last; updated when the tree runs (RD-60: otherwise the stale value stays, as in the reference).</param>
    /// <param name="numSubArrayRow">Subarrays per PE side as the tile passes them (ceil(PE size / subarray rows)).</param>
    public PerfTotals Performance(LayerData layer, SubMatrix m, MemCell cell, int arrayDupRow, int arrayDupCol, int numSubArrayRow, int numSubArrayCol,
        int numInVector, ref double lastTreeLeakage)
    {
        var cfg = _p.Config;
        var training = cfg.TrainingEstimation;
        int numRowSub = cfg.NumRowSubArray, numColSub = cfg.NumColSubArray;
        int wmr = m.RowCount, wmc = m.ColCount;
        var t = new PerfTotals();
        var dup = arrayDupRow * arrayDupCol;
        // RD-26: reads summed per subarray, in the reference's loop order.
        IEnumerable<(int I, int J)> blocks;
        bool perBlockTree;
        if (dup > 1 && (arrayDupRow < numSubArrayRow || arrayDupCol < numSubArrayCol))
        {
            blocks = Grid((int)Math.Ceiling((double)wmr / numRowSub), (int)Math.Ceiling((double)wmc / numColSub));
            perBlockTree = true;
        }
        else if (dup > 1)
        {
            blocks = [(-1, -1)];   // the whole window as one subarray
            perBlockTree = false;
        }
        else
        {
            blocks = Grid(numSubArrayRow, numSubArrayCol);
            perBlockTree = false;
        }
        var list = blocks.Where(b => b.I < 0 || (b.I * numRowSub < wmr && b.J * numColSub < wmc)).ToArray();
        var results = new SubArrayTotals[list.Length];
        Parallel.For(0, list.Length, x =>
        {
            var (i, j) = list[x];
            var sub = i < 0 ? m : m.Slice(i * numRowSub, Math.Min(numRowSub, wmr - i * numRowSub), j * numColSub, Math.Min(numColSub, wmc - j * numColSub));
            results[x] = SubArrayEvaluation.Evaluate(_subArray, layer, sub, _p, cell, numInVector);
        });

        var treeReads = (int)(numInVector / _p.NumBitInput) * cfg.NumColMuxed;
        var treeUnits = (int)Math.Ceiling((double)wmr / numRowSub);
        var treeLatency = AdderTree.ReadLatency(treeReads, treeUnits, 0);
        var treeEnergy = AdderTree.ReadEnergy(treeReads, treeUnits);
        if (!(dup > 1 && !perBlockTree)) lastTreeLeakage = AdderTree.Leakage(treeUnits);   // the whole-window case never runs the tree
        var w = training ? 1 : 0;
        for (var x = 0; x < results.Length; x++)
        {
            var r = results[x].Reads;
            t.ReadEnergy += r.Energy;
            t.ReadEnergyAG += r.EnergyAG * w;
            t.EnergyADC += r.EnergyADC;
            t.EnergyAccum += r.EnergyAccum;
            t.EnergyOther += r.EnergyOther;
            t.WriteLatencyWU += results[x].Write.Latency * w;
            if (list[x].I < 0)
            {
                t.WriteEnergyWU += results[x].Write.Energy * dup * w;
                t.ReadLatency = r.Latency / dup;
                t.ReadLatencyAG = r.LatencyAG * w / dup;
                t.LatencyADC = r.LatencyADC / dup;
                t.LatencyAccum = r.LatencyAccum / dup;
                t.LatencyOther = r.LatencyOther / dup;
                continue;
            }
            t.WriteEnergyWU += results[x].Write.Energy * w;
            if (perBlockTree)
            {
                t.ReadLatency = Math.Max(r.Latency + treeLatency, t.ReadLatency);
                t.ReadEnergy += treeEnergy;
                t.ReadLatencyAG = Math.Max(r.LatencyAG * w + treeLatency, t.ReadLatencyAG);
                t.ReadEnergyAG += treeEnergy;
                t.LatencyADC = Math.Max(r.LatencyADC, t.LatencyADC);
                t.LatencyAccum = Math.Max(r.LatencyAccum + treeLatency, t.LatencyAccum);
                t.LatencyOther = Math.Max(r.LatencyOther, t.LatencyOther);
                t.EnergyAccum += treeEnergy;
            }
            else
            {
                t.ReadLatency = Math.Max(r.Latency, t.ReadLatency);
                t.ReadLatencyAG = Math.Max(r.LatencyAG * w, t.ReadLatencyAG);
                t.LatencyADC = Math.Max(r.LatencyADC, t.LatencyADC);
                t.LatencyAccum = Math.Max(r.LatencyAccum, t.LatencyAccum);
                t.LatencyOther = Math.Max(r.LatencyOther, t.LatencyOther);
            }
        }
        if (perBlockTree)
        {
            t.WriteEnergyWU *= dup;
            t.ReadLatency /= dup;
            t.ReadLatencyAG /= dup;
            t.LatencyADC /= dup;
            t.LatencyAccum /= dup;
            t.LatencyOther /= dup;
        }
        else if (dup <= 1)
        {
            t.ReadLatency += treeLatency;
            t.ReadLatencyAG += treeLatency * w;
            t.LatencyAccum += treeLatency * w;
            t.ReadEnergy += treeEnergy;
            t.ReadEnergyAG += treeEnergy;
            t.EnergyAccum += treeEnergy;
        }
        t.PeakLatencyFW = t.ReadLatency;
        t.PeakEnergyFW = t.ReadEnergy;
        t.PeakLatencyAG = t.ReadLatencyAG;
        t.PeakEnergyAG = t.ReadEnergyAG;

        // Buffers and buses of the PE.
        var bits = _p.NumBitInput;
        var bufInLatency = BufferInput.ReadLatency(numInVector * Math.Ceiling((double)wmr / numRowSub));
        var bufOutLatency = BufferOutput.ReadLatency(numInVector / bits);
        var bufInEnergy = BufferInput.ReadEnergy(wmr / _p.NumRowPerSynapse, numInVector);
        var bufOutEnergy = BufferOutput.ReadEnergy(wmc / _p.NumColPerSynapse * AdderTree.NumAdderBit, numInVector / bits);
        var busInReads = wmr / _p.NumRowPerSynapse * numInVector / BusInput.BusWidth;
        var busInLatency = BusInput.ReadLatency(busInReads);
        var busInEnergy = BusInput.ReadEnergy(BusInput.BusWidth, busInReads);
        var outBits = _p.ParallelRead ? Math.Log2(cfg.LevelOutput) : Math.Log2(cfg.NumRowSubArray) + _p.CellBit - 1;
        var busOutReads = wmc / _p.NumColPerSynapse * outBits * numInVector / bits / (BusOutput.NumRow * BusOutput.BusWidth);
        var busOutLatency = BusOutput.ReadLatency(busOutReads);
        var busOutEnergy = BusOutput.ReadEnergy(BusOutput.NumRow * BusOutput.BusWidth, busOutReads);
        var subLeakage = _subArray.Leakage;
        t.Leakage = subLeakage * numSubArrayRow * numSubArrayCol + lastTreeLeakage + BufferInput.Leakage + BufferOutput.Leakage;
        var ioLatency = bufInLatency + bufOutLatency + busInLatency + busOutLatency;
        var ioEnergy = bufInEnergy + bufOutEnergy + busInEnergy + busOutEnergy;
        t.ReadLatency += ioLatency;
        t.ReadEnergy += ioEnergy;
        t.ReadLatencyAG += ioLatency * w;
        t.ReadEnergyAG += ioEnergy * w;
        var twice = training ? 2 : 1;
        t.BufferLatency = (bufInLatency + bufOutLatency) * twice;
        t.IcLatency = (busInLatency + busOutLatency) * twice;
        t.BufferEnergy = (bufInEnergy + bufOutEnergy) * twice;
        t.IcEnergy = (busInEnergy + busOutEnergy) * twice;
        t.PeakLatencyWU = t.WriteLatencyWU;
        t.PeakEnergyWU = t.WriteEnergyWU;
        return t;
    }

    private static IEnumerable<(int I, int J)> Grid(int rows, int cols)
    {
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                yield return (i, j);
    }
}
