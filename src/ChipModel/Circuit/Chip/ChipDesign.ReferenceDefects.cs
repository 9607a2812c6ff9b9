using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

public sealed partial class ChipDesign
{
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
    /// where the split is even this is the reference's window. RD-108: V2.1 keeps the defect; V2.1 chips get the same fix.
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
    public bool ReferenceWriteLatencyRunsAway
    {
        get
        {
            var envm = P.Config.MemCellType != MemCellType.Sram;
            var withoutAccessTransistor = P.Config.AccessType != CellAccessType.Cmos;
            return !P.ParallelRead && envm && withoutAccessTransistor && P.Config.TrainingEstimation;
        }
    }

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
}
